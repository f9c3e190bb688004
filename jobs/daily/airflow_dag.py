"""balrog-logs daily summary tables: one run per UTC day, for that day (the run's data interval start, ds).

Exit codes of jobs/daily/submit.sh, and what the task does with them:
  0  ok                                                        -> success
  3  data-quality alert: partitions written, some source's     -> skipped (not retried: a rerun reads the same
     rejected-line ratio over --max-reject-ratio                  files) and on_skipped_callback alerts
  4  no input yet (late log delivery)                          -> failed, retried
  1  failure (lost cluster, S3 errors past the S3A retries)    -> failed, retried
  2  usage error                                               -> failed (retries cannot help, but are harmless)
  6  another run holds the date's lock (nothing written)       -> failed, retried (a dead holder's lock needs
                                                                  --break-lock once older than lock.stale-after)
  (a failed Trino partition sync after a written day, DDL_SYNC=trino, is exit 1 too: retried)
max_active_runs=1 and one task per date: two runs of the same date never overlap (a partition rewrite is not safe
against a concurrent rewrite of the same partition).
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator


def alert_data_quality(context):
    # wire to the team's alerting (Slack, PagerDuty); the job's stdout in the task log lists sources and reasons
    ti = context["task_instance"]
    print(f"ALERT balrog-logs daily {context['ds']}: rejected-line ratio over threshold, see {ti.log_url}")


with DAG(
    dag_id="balrog_logs_daily",
    schedule="15 3 * * *",  # UTC; ELB's last files of a day arrive within ~1 h after midnight
    start_date=datetime(2026, 11, 1),
    catchup=True,  # a paused DAG catches up oldest first, as jobs/backfill does
    max_active_runs=1,
    default_args={
        "owner": "balrog",
        "retries": 2,
        "retry_delay": timedelta(minutes=20),
        "execution_timeout": timedelta(hours=2),
        "sla": timedelta(hours=4),  # tables for day D by D+1 07:15 UTC
        "email_on_failure": True,
    },
    tags=["balrog", "spark"],
) as dag:
    BashOperator(
        task_id="daily",
        # trailing space: stops Airflow from treating the .sh path as a Jinja template file
        bash_command="/opt/balrog-logs/jobs/daily/submit.sh {{ ds }} ",
        env={
            "BALROG_MASTER": "spark://spark-master:7077",
            "BALROG_INPUT": "s3a://balrog-logs/raw",
            "BALROG_OUTPUT": "s3a://balrog-logs/summary",
            "DAILY_CONF_OVERLAY": "/etc/balrog-logs/prod.conf",
            # partition sync after the day: DDL_SYNC=trino and TRINO_SERVER in prod.conf (README, DDL_SYNC); a failed
            # sync is exit 1 and retried with the day. Athena's tables use partition projection and need none.
        },
        append_env=True,
        skip_on_exit_code=[3],
        on_skipped_callback=alert_data_quality,
    )
