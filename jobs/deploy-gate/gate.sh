#!/usr/bin/env bash
# Deploy gate: judges one deploy with `balrog-logs deploy-impact --fail-on-regression` and exits with its code, so a
# deploy pipeline can stop (or roll back) on a regression. See jobs/deploy-gate/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

usage() {
  cat >&2 <<'USAGE'
usage: jobs/deploy-gate/gate.sh ID@TIME [--wait] [deploy-impact options...]

Judges the deploy ID that started at TIME (ISO-8601 with zone, e.g. v3.122@2026-11-02T14:00Z; an id starting with
admin or agent is a deploy of that app, any other id one of the public web app) and exits with deploy-impact's code:
  0  no regression (verdicts ok, warn or insufficient_data; the table says which)
  5  regression: the pipeline should stop or roll back
  1  failure, 2 usage error, 4 no input for the windows (logs not delivered yet?)
--wait sleeps until the after-window can be complete: TIME + BALROG_ROLLOUT_MAX + BALROG_AFTER + BALROG_LOG_DELAY.

Environment (defaults in brackets):
  BALROG_CMD          how to run balrog-logs, split like shell words [bin/balrog-logs of this checkout]; on a cluster
                      e.g. "spark-submit --class org.mozilla.balrog.logs.cli.Main /path/balrog-logs.jar"
  BALROG_INPUT        raw-log root [s3a://balrog-logs/raw]
  BALROG_OUTPUT       summary-table root, for the previous days' error signatures [s3a://balrog-logs/summary]
  BALROG_BEFORE       before-window length [60m]
  BALROG_AFTER        after-window length [60m]
  BALROG_ROLLOUT_MAX  longest rollout to wait for with --wait [30m]
  BALROG_LOG_DELAY    log delivery delay to wait for with --wait (ELB delivers every 5 or 60 minutes) [10m]
  BALROG_SUMMARY_JSON where to write the machine-readable result [deploy-gate-ID.json]
USAGE
}

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  usage
  [[ $# -lt 1 ]] && exit 2 || exit 0
fi
SPEC="$1"
shift
if ! [[ "$SPEC" =~ ^([A-Za-z0-9][A-Za-z0-9._-]*)@([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2}))$ ]]; then
  echo "gate.sh: bad deploy '$SPEC' (want ID@TIME, e.g. v3.122@2026-11-02T14:00Z)" >&2
  exit 2
fi
ID="${BASH_REMATCH[1]}"
TIME="${BASH_REMATCH[2]}"
START_EPOCH="$(date -u -d "$TIME" +%s 2>/dev/null)" || { echo "gate.sh: bad time '$TIME'" >&2; exit 2; }

minutes() { # 90m, 2h, 45 -> minutes
  local v="$1"
  case "$v" in
    *h) echo $(( ${v%h} * 60 )) ;;
    *m) echo "${v%m}" ;;
    *) echo "$v" ;;
  esac
}

WAIT=false
ARGS=()
for a in "$@"; do
  if [[ "$a" == "--wait" ]]; then WAIT=true; else ARGS+=("$a"); fi
done

BEFORE="${BALROG_BEFORE:-60m}"
AFTER="${BALROG_AFTER:-60m}"
if $WAIT; then
  ready=$(( START_EPOCH + 60 * ( $(minutes "${BALROG_ROLLOUT_MAX:-30m}") + $(minutes "$AFTER") \
    + $(minutes "${BALROG_LOG_DELAY:-10m}") ) ))
  now="$(date -u +%s)"
  if (( ready > now )); then
    echo "gate.sh: waiting $(( (ready - now) / 60 )) min until $(date -u -d "@$ready" +%FT%TZ) for the after-window"
    sleep $(( ready - now ))
  fi
fi

eval "CMD=(${BALROG_CMD:-"$ROOT/bin/balrog-logs"})"
SUMMARY="${BALROG_SUMMARY_JSON:-deploy-gate-$ID.json}"
set +e
"${CMD[@]}" deploy-impact --deploy "$SPEC" --date "$(date -u -d "$TIME" +%F)" \
  --before "$BEFORE" --after "$AFTER" \
  --input "${BALROG_INPUT:-s3a://balrog-logs/raw}" --output "${BALROG_OUTPUT:-s3a://balrog-logs/summary}" \
  --summary-json "$SUMMARY" --fail-on-regression "${ARGS[@]}"
code=$?
set -e
case "$code" in
  0) echo "gate.sh: $ID passed (no regression); details in $SUMMARY" ;;
  5) echo "gate.sh: $ID REGRESSED: stop the rollout or roll back; details in $SUMMARY" >&2 ;;
  *) echo "gate.sh: deploy-impact failed with exit $code; no verdict for $ID" >&2 ;;
esac
exit "$code"
