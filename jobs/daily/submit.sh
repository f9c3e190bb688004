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

After the day (exit 0 or 3: partitions written), the options files' DDL_SYNC says what registers its partitions
(an environment variable of the same name wins over the files):
  DDL_SYNC=none             nothing [default]
  DDL_SYNC=athena           nothing either: the tables of `balrog-logs ddl --dialect athena` use partition projection
  DDL_SYNC=trino            `balrog-logs ddl --dialect trino --sync-only` (one sync_partition_metadata ADD call per
                            table) run by the Trino CLI; a failed sync makes the run exit 1 (a rerun is safe)
  DDL_SCHEMA                schema of the tables [default]
  TRINO_CLI                 the Trino CLI, split like shell words, with any auth options [trino]
  TRINO_SERVER              its --server [unset: the CLI's own default or config]
  TRINO_CATALOG             the Hive catalog the tables are in [hive]
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

# options files: spark.* lines become --conf, the upper-case settings of this script (partition sync) are kept here,
# other KEY=VALUE lines become --set; later lines win
SYNC_KEYS=" DDL_SYNC DDL_SCHEMA TRINO_CLI TRINO_SERVER TRINO_CATALOG "
declare -A CONF=()
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
    elif [[ "$key" =~ ^[A-Z][A-Z0-9_]*$ ]]; then
      if [[ "$SYNC_KEYS" != *" $key "* ]]; then
        echo "submit.sh: $file: unknown setting $key (known:$SYNC_KEYS)" >&2
        exit 2
      fi
      CONF[$key]="$value"
    else
      JOB_ARGS+=(--set "$key=$value")
    fi
  done <"$file"
}
read_conf "${DAILY_CONF:-$HERE/daily.conf}"
if [[ -n "${DAILY_CONF_OVERLAY:-}" ]]; then
  read_conf "$DAILY_CONF_OVERLAY"
fi

# a setting: the environment, else the options files, else the default
setting() {
  local key="$1" default="$2"
  if [[ -n "${!key:-}" ]]; then
    echo "${!key}"
  elif [[ -n "${CONF[$key]:-}" ]]; then
    echo "${CONF[$key]}"
  else
    echo "$default"
  fi
}
DDL_SYNC="$(setting DDL_SYNC none)"
case "$DDL_SYNC" in
  none | athena) ;;
  trino)
    eval "TRINO=($(setting TRINO_CLI trino))"
    if ! command -v "${TRINO[0]}" >/dev/null 2>&1; then
      echo "submit.sh: DDL_SYNC=trino but no Trino CLI '${TRINO[0]}' (set TRINO_CLI)" >&2
      exit 2
    fi
    ;;
  *)
    echo "submit.sh: DDL_SYNC must be none, athena or trino, not '$DDL_SYNC'" >&2
    exit 2
    ;;
esac

# after a day whose partitions were written: register them where the catalog needs it
sync_partitions() {
  case "$DDL_SYNC" in
    none) return 0 ;;
    athena)
      echo "submit.sh: daily $DATE: athena tables use partition projection, no partition sync needed" >&2
      return 0
      ;;
  esac
  local sql schema catalog server rc=0
  schema="$(setting DDL_SCHEMA default)"
  catalog="$(setting TRINO_CATALOG hive)"
  server="$(setting TRINO_SERVER "")"
  sql="$(mktemp "${TMPDIR:-/tmp}/balrog-logs-sync.XXXXXX.sql")"
  # ddl needs no Spark: spark-submit only supplies the classpath, the driver runs here
  if ! "${SUBMIT[@]}" --class org.mozilla.balrog.logs.cli.Main --deploy-mode client "$JAR" \
    ddl --dialect trino --schema "$schema" --sync-only >"$sql"; then
    echo "submit.sh: daily $DATE: could not print the partition sync statements" >&2
    rm -f "$sql"
    return 1
  fi
  local args=(--catalog "$catalog" --file "$sql")
  if [[ -n "$server" ]]; then
    args=(--server "$server" "${args[@]}")
  fi
  "${TRINO[@]}" "${args[@]}" || rc=$?
  rm -f "$sql"
  if ((rc != 0)); then
    echo "submit.sh: daily $DATE: trino partition sync failed (exit $rc); the partitions are written, a rerun syncs" >&2
    return 1
  fi
  echo "submit.sh: daily $DATE: trino partitions synced in $catalog.$schema" >&2
}

echo "submit.sh: daily $DATE: $(date -u +%FT%TZ) start" >&2
rc=0
"${SUBMIT[@]}" "${SPARK_ARGS[@]}" "$JAR" "${JOB_ARGS[@]}" "$@" || rc=$?
echo "submit.sh: daily $DATE: $(date -u +%FT%TZ) exit $rc" >&2
if [[ "$rc" == 0 || "$rc" == 3 ]] && ! sync_partitions; then
  rc=1
  echo "submit.sh: daily $DATE: exit 1 (partition sync failed)" >&2
fi
exit "$rc"
