-- title: Alert: deploy regression verdicts on the latest day
-- answers: How many deploy metrics got a 'regression' verdict on the latest day the daily job processed?
-- visualization: table
-- schedule: daily 07:30
-- notes: the query of the alert 'Balrog: deploy regression verdict on the latest day' (jobs/redash/sync.py), which
--        triggers when regressions > 0. The latest day is the newest log_date of ingest_audit (the last day the
--        daily job wrote), not the newest deploy, so an old regression stops triggering the next day. Read the
--        verdicts with deploy_verdicts.sql for that day.
WITH latest AS (
  SELECT MAX(log_date) AS log_date
  FROM ingest_audit
)
SELECT l.log_date,
       COUNT(i.deploy_id) AS regressions,
       COUNT(DISTINCT i.deploy_id) AS deploys_with_regression
FROM latest l
LEFT JOIN deploy_impact i
  ON i.log_date = l.log_date AND i.verdict = 'regression'
GROUP BY l.log_date
