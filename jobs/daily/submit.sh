#!/usr/bin/env bash
# The one spark-submit command of the scheduled daily job. See jobs/daily/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

usage() {
  cat >&2 <<'USAGE'
usage: jobs/daily/submit.sh [YYYY-MM-DD] [daily options...]

Runs `balrog-logs daily` for one date (default: yesterday, UTC) with spark-submit and exits with its exit code:
0 ok, 1 failure, 2 usage error, 3 data-quality alert (partitions written), 4 no input, 6 another run
holds the lock of the date (nothing written).

Environment (defaults in brackets):
  SPARK_SUBMIT              the spark-submit command, split like shell words [spark-submit]
  BALROG_JAR                the thin application jar [newest target/balrog-logs-*.jar of this checkout]
  BALROG_MASTER             --master URL [unset: the cluster's spark-defaults.conf]
  BALROG_DEPLOY_MODE        client or cluster [client; only client mode returns the job's exit code]
  BALROG_INPUT              raw-log root [s3a://balrog-logs/raw]
  BALROG_OUTPUT             summary-table root [s3a://balrog-logs/summary]
  BALROG_DATE               the date, if not given as the first argument [yesterday, UTC]
  BALROG_MAX_REJECT_RATIO   exit 3 above this rejected-line share per source [0.01]
  DAILY_CONF                options file [jobs/daily/daily.conf]
  DAILY_CONF_OVERLAY        second options file that wins over DAILY_CONF [none]
USAGE
}

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  usage
  exit 0
fi
DATE="${BALROG_DATE:-$(date -u -d yesterday +%F)}"
if [[ $# -gt 0 && "$1" != -* ]]; then
  DATE="$1"
  shift
fi
if ! [[ "$DATE" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || ! date -u -d "$DATE" +%F >/dev/null 2>&1; then
  echo "submit.sh: bad date '$DATE' (want YYYY-MM-DD)" >&2
  usage
  exit 2
fi

JAR="${BALROG_JAR:-$(ls "$ROOT"/target/balrog-logs-*.jar 2>/dev/null | grep -v '/original-' | tail -n 1 || true)}"
if [[ -z "$JAR" || ! -f "$JAR" ]]; then
  echo "submit.sh: no application jar (build with 'mvn -DskipTests package' or set BALROG_JAR)" >&2
  exit 2
fi

# The command may carry JVM flags and a quoted classpath glob (java ... -cp '/spark/jars/*' ...SparkSubmit): eval
# splits it like the shell would, without expanding the glob. It is the operator's own command, not data.
eval "SUBMIT=(${SPARK_SUBMIT:-spark-submit})"

SPARK_ARGS=(--class org.mozilla.balrog.logs.cli.Main --deploy-mode "${BALROG_DEPLOY_MODE:-client}")
if [[ -n "${BALROG_MASTER:-}" ]]; then
  SPARK_ARGS+=(--master "$BALROG_MASTER")
fi
JOB_ARGS=(daily --date "$DATE"
  --input "${BALROG_INPUT:-s3a://balrog-logs/raw}"
  --output "${BALROG_OUTPUT:-s3a://balrog-logs/summary}"
  --max-reject-ratio "${BALROG_MAX_REJECT_RATIO:-0.01}")

# options files: spark.* lines become --conf, other KEY=VALUE lines --set; later lines win
read_conf() {
  local file="$1" line key value
  if [[ ! -r "$file" || -d "$file" ]]; then
    echo "submit.sh: options file not found: $file" >&2
    exit 2
  fi
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%%#*}"
    line="$(echo "$line" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
    [[ -z "$line" ]] && continue
    if [[ "$line" != *=* ]]; then
      echo "submit.sh: $file: not KEY=VALUE: $line" >&2
      exit 2
    fi
    key="${line%%=*}"
    value="${line#*=}"
    if [[ "$key" == spark.* ]]; then
      SPARK_ARGS+=(--conf "$key=$value")
    else
      JOB_ARGS+=(--set "$key=$value")
    fi
  done <"$file"
}
read_conf "${DAILY_CONF:-$HERE/daily.conf}"
if [[ -n "${DAILY_CONF_OVERLAY:-}" ]]; then
  read_conf "$DAILY_CONF_OVERLAY"
fi

echo "submit.sh: daily $DATE: $(date -u +%FT%TZ) start" >&2
rc=0
"${SUBMIT[@]}" "${SPARK_ARGS[@]}" "$JAR" "${JOB_ARGS[@]}" "$@" || rc=$?
echo "submit.sh: daily $DATE: $(date -u +%FT%TZ) exit $rc" >&2
exit "$rc"
