#!/usr/bin/env bash
# Reruns the daily job for a range of dates, one spark-submit per date, oldest first. See jobs/backfill/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUBMIT="${DAILY_SUBMIT:-$HERE/../daily/submit.sh}"

usage() {
  cat >&2 <<'USAGE'
usage: jobs/backfill/backfill.sh FROM TO [daily options...]
       jobs/backfill/backfill.sh --from FROM --to TO [daily options...]

Runs jobs/daily/submit.sh for every date from FROM to TO (YYYY-MM-DD, inclusive), oldest first, so each date's
rolling windows see the days before it. Stops at the first date that fails (exit 1, 2 or 4) and exits with its code.
A data-quality alert (exit 3: partitions written, reject ratio too high) is reported and the backfill goes on;
it then exits 3 at the end. Same environment as submit.sh (SPARK_SUBMIT, BALROG_MASTER, BALROG_INPUT, ...).
USAGE
}

FROM=""
TO=""
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  usage
  exit 0
elif [[ "${1:-}" == "--from" && "${3:-}" == "--to" && $# -ge 4 ]]; then
  FROM="$2"
  TO="$4"
  shift 4
elif [[ $# -ge 2 ]]; then
  FROM="$1"
  TO="$2"
  shift 2
else
  usage
  exit 2
fi
for d in "$FROM" "$TO"; do
  if ! [[ "$d" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || ! date -u -d "$d" +%F >/dev/null 2>&1; then
    echo "backfill.sh: bad date '$d' (want YYYY-MM-DD)" >&2
    exit 2
  fi
done
if [[ "$(date -u -d "$TO" +%s)" -lt "$(date -u -d "$FROM" +%s)" ]]; then
  echo "backfill.sh: TO $TO is before FROM $FROM" >&2
  exit 2
fi

alerts=()
day="$FROM"
while true; do
  rc=0
  "$SUBMIT" "$day" "$@" || rc=$?
  case "$rc" in
    0) ;;
    3) alerts+=("$day") ;;
    *)
      echo "backfill.sh: $day failed with exit $rc; stopping (rerun: backfill.sh $day $TO)" >&2
      exit "$rc"
      ;;
  esac
  [[ "$day" == "$TO" ]] && break
  day="$(date -u -d "$day + 1 day" +%F)"
done
if [[ ${#alerts[@]} -gt 0 ]]; then
  echo "backfill.sh: done; data-quality alerts (exit 3) for: ${alerts[*]}" >&2
  exit 3
fi
echo "backfill.sh: done, $FROM to $TO" >&2
