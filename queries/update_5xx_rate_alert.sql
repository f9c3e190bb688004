-- title: Alert: update 5xx rate on the latest day
-- answers: Which share of the update requests got a 5xx answer on the latest day the daily job processed, and in
--          its worst 5-minute bucket?
-- visualization: table
-- schedule: daily 07:30
-- notes: the query of the alert 'Balrog: update 5xx error rate above threshold' (jobs/redash/sync.py), which
--        triggers when error_rate_pct is above --error-rate-threshold (default 1.0). Same requests as
--        update_error_timeline.sql: update and json endpoints of aus3/aus4/aus5, never dockerflow probes. The latest
--        day is the newest log_date of ingest_audit.
WITH latest AS (
  SELECT MAX(log_date) AS log_date
  FROM ingest_audit
),
buckets AS (
  SELECT r.log_date,
         r.bucket_start,
         SUM(r.requests) AS requests,
         SUM(r.status_5xx) AS errors_5xx
  FROM request_rates r
  JOIN latest l ON r.log_date = l.log_date
  WHERE r.source IN ('aus3', 'aus4', 'aus5')
    AND r.endpoint IN ('update', 'json')
  GROUP BY r.log_date, r.bucket_start
)
SELECT l.log_date,
       SUM(b.requests) AS requests,
       SUM(b.errors_5xx) AS errors_5xx,
       ROUND(100 * CAST(SUM(b.errors_5xx) AS DOUBLE)
             / CASE WHEN SUM(b.requests) = 0 THEN NULL ELSE SUM(b.requests) END, 4) AS error_rate_pct,
       ROUND(MAX(100 * CAST(b.errors_5xx AS DOUBLE)
                 / CASE WHEN b.requests = 0 THEN NULL ELSE b.requests END), 4) AS max_5min_error_rate_pct
FROM latest l
LEFT JOIN buckets b ON b.log_date = l.log_date
GROUP BY l.log_date
