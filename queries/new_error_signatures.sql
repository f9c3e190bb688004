-- title: New application error signatures
-- answers: Which error signatures appeared on a day that were not seen in the 7 days before it?
-- visualization: table
-- parameter: day date 2026-11-02
-- notes: compare with the new_signatures of deploy_verdicts.sql, which are new relative to a deploy's windows.
SELECT e.app,
       e.signature,
       SUM(e.events) AS events,
       MIN(e.first_seen) AS first_seen,
       MAX(e.last_seen) AS last_seen,
       MAX(e.exception_type) AS exception_type
FROM app_errors e
WHERE e.log_date = DATE '{{ day }}'
  AND NOT EXISTS (
    SELECT 1
    FROM app_errors p
    WHERE p.app = e.app
      AND p.signature = e.signature
      AND p.log_date < DATE '{{ day }}'
      AND p.log_date >= DATE '{{ day }}' - INTERVAL '7' DAY)
GROUP BY e.app, e.signature
ORDER BY first_seen, e.app, e.signature
