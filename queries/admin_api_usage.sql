-- title: Admin API usage
-- answers: Who uses which admin API routes (people/tools vs the agent), how often, how fast, how many fail?
-- visualization: table; or stacked bar chart (x: route, y: requests, series: method)
-- parameter: days daterange 2026-10-27..2026-11-02
-- notes: users is the highest daily count of distinct authenticated users.
SELECT app,
       method,
       route,
       SUM(requests) AS requests,
       SUM(CASE WHEN status_class = '4xx' THEN requests ELSE 0 END) AS status_4xx,
       SUM(CASE WHEN status_class = '5xx' THEN requests ELSE 0 END) AS status_5xx,
       MAX(users) AS max_daily_users,
       MAX(latency_p95_ms) AS max_daily_latency_p95_ms
FROM admin_activity
WHERE log_date BETWEEN DATE '{{ days.start }}' AND DATE '{{ days.end }}'
GROUP BY app, method, route
ORDER BY requests DESC, app, method, route
