#!/usr/bin/env bash
# Deploy gate for a CI pipeline: runs gate.sh until it has a verdict, retrying while the logs are late (exit 4) a bounded
# number of times, and rolls back only on a regression (exit 5). See jobs/deploy-gate/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat >&2 <<'USAGE'
usage: jobs/deploy-gate/gate-ci.sh ID@TIME[:app=web|admin|agent][:migration] [--wait] [deploy-impact options...]

Runs gate.sh with the same arguments and acts on its exit code:
  0  passed: exit 0
  4  no logs for the after-window yet: wait GATE_RETRY_DELAY and run it again, at most GATE_RETRIES more times; still 4
     after that: exit 4 without rolling back (no verdict: look at log delivery)
  5  regression: run GATE_ROLLBACK (if set), exit 5
  1, 2 and anything else: exit with it at once, no retry, no rollback
When GITHUB_OUTPUT is set, appends exit_code=N and verdict=passed|regression|none to it, so a later step can roll back
on `steps.<id>.outputs.verdict == 'regression'` only.

Environment (defaults in brackets), plus gate.sh's own (gate.sh --help):
  GATE_RETRIES      retries after an exit 4 [6]
  GATE_RETRY_DELAY  wait before each retry: 90s, 10m, 1h, or minutes [10m]
  GATE_ROLLBACK     command to run on a regression, split like shell words [none]
USAGE
}

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  usage
  [[ $# -lt 1 ]] && exit 2 || exit 0
fi

seconds() { # 90s, 10m, 1h, 45 (minutes) -> seconds
  local v="$1"
  if ! [[ "$v" =~ ^[0-9]+[smh]?$ ]]; then
    echo "gate-ci.sh: bad duration '$v' (want e.g. 90s, 10m, 1h)" >&2
    exit 2
  fi
  case "$v" in
    *s) echo "${v%s}" ;;
    *m) echo $(( ${v%m} * 60 )) ;;
    *h) echo $(( ${v%h} * 3600 )) ;;
    *) echo $(( v * 60 )) ;;
  esac
}

RETRIES="${GATE_RETRIES:-6}"
if ! [[ "$RETRIES" =~ ^[0-9]+$ ]]; then
  echo "gate-ci.sh: GATE_RETRIES must be a whole number, not '$RETRIES'" >&2
  exit 2
fi
DELAY="$(seconds "${GATE_RETRY_DELAY:-10m}")"

output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf 'exit_code=%s\nverdict=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

attempt=0
while true; do
  code=0
  "$HERE/gate.sh" "$@" || code=$?
  if [[ "$code" != 4 ]] || (( attempt >= RETRIES )); then
    break
  fi
  attempt=$(( attempt + 1 ))
  echo "gate-ci.sh: logs not there yet; retry $attempt of $RETRIES in ${DELAY}s" >&2
  sleep "$DELAY"
done

case "$code" in
  0)
    output 0 passed
    ;;
  5)
    output 5 regression
    if [[ -n "${GATE_ROLLBACK:-}" ]]; then
      eval "ROLLBACK=($GATE_ROLLBACK)"
      echo "gate-ci.sh: regression: rolling back with: ${ROLLBACK[*]}" >&2
      rollback=0
      "${ROLLBACK[@]}" || rollback=$?
      if (( rollback != 0 )); then
        echo "gate-ci.sh: ROLLBACK FAILED (exit $rollback): roll back by hand" >&2
      fi
    fi
    ;;
  4)
    output 4 none
    echo "gate-ci.sh: still no logs for the after-window after $RETRIES retries: no verdict, not rolling back" >&2
    ;;
  *)
    output "$code" none
    ;;
esac
exit "$code"
