#!/usr/bin/env bash
# Deploy gate: judges one deploy with `balrog-logs deploy-impact --fail-on-regression` and exits with its code, so a
# deploy pipeline can stop (or roll back) on a regression. See jobs/deploy-gate/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

usage() {
  cat >&2 <<'USAGE'
usage: jobs/deploy-gate/gate.sh ID@TIME[:app=web|admin|agent][:migration] [--wait] [deploy-impact options...]

Judges one declared deploy with `balrog-logs deploy-impact --deploy SPEC --fail-on-regression` and exits with its code.
SPEC is passed as given: every form deploy-impact accepts works, and deploy-impact's own message explains a bad one.
ID started at TIME (ISO-8601 with zone, e.g. v3.122@2026-11-02T14:00Z); the app is admin or agent when the id starts
with that word, else web, and :app=NAME says it explicitly; :migration says a schema migration ran with it.
  0  no regression (verdicts ok, warn or insufficient_data; the table says which)
  5  regression: the pipeline should stop or roll back
  4  no log files for the after-window yet: retry later (gate-ci.sh does, a bounded number of times)
  1  failure, 2 usage error (a bad SPEC or option): do not roll back, do not retry
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
# deploy-impact parses and checks SPEC; the gate only needs the id (for the summary's file name) and, with --wait,
# the time: what follows '@' without the trailing :flag tokens (a time ends with a digit, Z or an offset, so its own
# colons never look like flags), as deploy-impact splits it.
TRIMMED="$(echo "$SPEC" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
ID="${TRIMMED%%@*}"
TIME=""
if [[ "$TRIMMED" == *@* ]]; then
  TIME="${TRIMMED#*@}"
  while [[ "$TIME" == *:* ]]; do
    flag="${TIME##*:}"
    if [[ "$flag" =~ ^[A-Za-z]+(=[A-Za-z]+)?$ && "$flag" != [Zz] ]]; then
      TIME="${TIME%:*}"
    else
      break
    fi
  done
fi
FILE_ID="$(printf '%s' "${ID:-deploy}" | tr -c 'A-Za-z0-9._-' '_')"

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
  # GNU date reads ISO-8601 with an upper-case T and Z; deploy-impact also takes them in lower case
  if [[ -z "$TIME" ]] || ! START_EPOCH="$(date -u -d "$(echo "$TIME" | tr 'tz' 'TZ')" +%s 2>/dev/null)"; then
    echo "gate.sh: --wait cannot read the time of '$SPEC' (want ID@TIME[:flags], e.g. v3.122@2026-11-02T14:00Z)" >&2
    exit 2
  fi
  ready=$(( START_EPOCH + 60 * ( $(minutes "${BALROG_ROLLOUT_MAX:-30m}") + $(minutes "$AFTER") \
    + $(minutes "${BALROG_LOG_DELAY:-10m}") ) ))
  now="$(date -u +%s)"
  if (( ready > now )); then
    echo "gate.sh: waiting $(( (ready - now) / 60 )) min until $(date -u -d "@$ready" +%FT%TZ) for the after-window"
    sleep $(( ready - now ))
  else
    echo "gate.sh: the after-window can be complete since $(date -u -d "@$ready" +%FT%TZ)"
  fi
fi

eval "CMD=(${BALROG_CMD:-"$ROOT/bin/balrog-logs"})"
SUMMARY="${BALROG_SUMMARY_JSON:-deploy-gate-$FILE_ID.json}"
set +e
# no --date: deploy-impact searches the declared deploy's own days
"${CMD[@]}" deploy-impact --deploy "$SPEC" \
  --before "$BEFORE" --after "$AFTER" \
  --input "${BALROG_INPUT:-s3a://balrog-logs/raw}" --output "${BALROG_OUTPUT:-s3a://balrog-logs/summary}" \
  --summary-json "$SUMMARY" --fail-on-regression "${ARGS[@]}"
code=$?
set -e
case "$code" in
  0) echo "gate.sh: $ID passed (no regression); details in $SUMMARY" ;;
  5) echo "gate.sh: $ID REGRESSED: stop the rollout or roll back; details in $SUMMARY" >&2 ;;
  4) echo "gate.sh: no logs for the after-window of $ID yet (exit 4): retry later, do not roll back" >&2 ;;
  *) echo "gate.sh: deploy-impact failed with exit $code; no verdict for $ID" >&2 ;;
esac
exit "$code"
