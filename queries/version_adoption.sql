-- title: Version adoption over a date range
-- answers: How fast does a new version replace the previous one on a channel, day by day?
-- visualization: stacked area or line chart (x: log_date, y: share_pct, series: version)
-- parameter: days daterange 2026-10-27..2026-11-02
-- parameter: product text Firefox
-- parameter: channel text release
SELECT log_date,
       version,
       clients,
       ROUND(100 * CAST(clients AS DOUBLE) / SUM(clients) OVER (PARTITION BY log_date), 2) AS share_pct
FROM update_population_rolling
WHERE log_date BETWEEN DATE '{{ days.start }}' AND DATE '{{ days.end }}'
  AND window_days = 1
  AND product = '{{ product }}'
  AND channel = '{{ channel }}'
ORDER BY log_date, clients DESC, version
