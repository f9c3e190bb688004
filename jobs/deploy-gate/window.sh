#!/usr/bin/env bash
# Deploy window: before a push, asks `balrog-logs deploy-window` whether now (or TIME) is a good time to deploy and
# exits with its answer, so a deploy pipeline can stop before the push. See jobs/deploy-gate/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

usage() {
  cat >&2 <<'USAGE'
usage: jobs/deploy-gate/window.sh [TIME] [deploy-window options...]

Asks `balrog-logs deploy-window --at TIME` (default now) about a push of BALROG_PUSH_DURATION and exits with:
  0  go
  7  caution (Friday, release activity, a version rolling out, raised error rates, a new error signature):
     the pipeline stops unless WINDOW_ALLOW_CAUTION=1 (a person confirmed with release management)
  8  no-go (a chemspill, an open regression, a weekend or holiday, outside working hours, stale data)
  4  no summary data (run daily first); 1 failure; 2 usage error
Each reason and its evidence are printed, and written as JSON to BALROG_SUMMARY_JSON.

Environment (defaults in brackets):
  BALROG_CMD            how to run balrog-logs, split like shell words [bin/balrog-logs of this checkout]
  BALROG_OUTPUT         summary-table root [s3a://balrog-logs/summary]
  BALROG_PUSH_DURATION  how long the push takes [30m]
  BALROG_SUMMARY_JSON   where to write the machine-readable answer [deploy-window.json]
  WINDOW_ALLOW_CAUTION  1: exit 0 on caution (the reasons are still printed) [unset]
USAGE
}

AT="now"
if [[ $# -ge 1 && ( "$1" == "-h" || "$1" == "--help" ) ]]; then
  usage
  exit 0
fi
if [[ $# -ge 1 && "$1" != -* ]]; then
  AT="$1"
  shift
fi

eval "CMD=(${BALROG_CMD:-"$ROOT/bin/balrog-logs"})"
SUMMARY="${BALROG_SUMMARY_JSON:-deploy-window.json}"
set +e
"${CMD[@]}" deploy-window --output "${BALROG_OUTPUT:-s3a://balrog-logs/summary}" --at "$AT" \
  --duration "${BALROG_PUSH_DURATION:-30m}" --summary-json "$SUMMARY" "$@"
code=$?
set -e
verdict=none
case "$code" in
  0) verdict=go; echo "window.sh: go: push now" ;;
  7)
    verdict=caution
    if [[ "${WINDOW_ALLOW_CAUTION:-}" == 1 ]]; then
      echo "window.sh: caution, allowed by WINDOW_ALLOW_CAUTION=1: push, and tell release management"
      code=0
    else
      echo "window.sh: caution: do not push before release management confirms (then WINDOW_ALLOW_CAUTION=1)" >&2
    fi
    ;;
  8) verdict=no-go; echo "window.sh: no-go: do not push now" >&2 ;;
  4) echo "window.sh: no summary data to judge (exit 4): run daily first" >&2 ;;
  *) echo "window.sh: deploy-window failed with exit $code; no answer" >&2 ;;
esac
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  { echo "window_exit_code=$code"; echo "window_verdict=$verdict"; } >> "$GITHUB_OUTPUT"
fi
exit "$code"
