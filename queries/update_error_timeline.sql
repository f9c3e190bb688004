-- title: Update error rate and latency, 5-minute buckets, with deploy markers
-- answers: Did the update service's 5xx rate or latency move during the day, and when were the deploys?
-- visualization: line chart (x: bucket_start, y: error_rate_pct and latency_p95_ms on a second axis);
--                deploy_id marks the bucket in which a deploy started (use it as a label or scatter series)
-- parameter: day date 2026-11-02
-- notes: update and json endpoints of aus3/aus4/aus5 only; dockerflow probes are never counted here.
--        latency_p95_ms is the highest 5-minute p95 across the update domains.
WITH rates AS (
  SELECT bucket_start,
         SUM(requests) AS requests,
         SUM(status_5xx) AS errors_5xx,
         SUM(lb_5xx) AS lb_5xx,
         SUM(backend_5xx) AS backend_5xx,
         MAX(latency_p95_ms) AS latency_p95_ms
  FROM request_rates
  WHERE log_date = DATE '{{ day }}'
    AND source IN ('aus3', 'aus4', 'aus5')
    AND endpoint IN ('update', 'json')
  GROUP BY bucket_start
),
markers AS (
  SELECT r.bucket_start, MIN(d.deploy_id) AS deploy_id
  FROM rates r
  JOIN deploys d
    ON d.started_at >= r.bucket_start
   AND d.started_at < r.bucket_start + INTERVAL '5' MINUTE
  WHERE d.log_date = DATE '{{ day }}'
  GROUP BY r.bucket_start
)
SELECT rates.bucket_start,
       rates.requests,
       rates.errors_5xx,
       rates.lb_5xx,
       rates.backend_5xx,
       ROUND(100 * CAST(rates.errors_5xx AS DOUBLE) / rates.requests, 4) AS error_rate_pct,
       rates.latency_p95_ms,
       markers.deploy_id
FROM rates
LEFT JOIN markers ON markers.bucket_start = rates.bucket_start
ORDER BY rates.bucket_start
