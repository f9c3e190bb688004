-- title: Top application error signatures of a day
-- answers: Which errors happened most, in which app, on how many hosts, and when?
-- visualization: table; or bar chart (x: signature, y: events)
-- parameter: day date 2026-11-02
-- parameter: limit number 50
SELECT app,
       signature,
       SUM(events) AS events,
       MAX(hosts) AS max_hosts_per_hour,
       MIN(first_seen) AS first_seen,
       MAX(last_seen) AS last_seen,
       MAX(exception_type) AS exception_type,
       MIN(sample) AS sample
FROM app_errors
WHERE log_date = DATE '{{ day }}'
GROUP BY app, signature
ORDER BY events DESC, app, signature
LIMIT {{ limit }}
