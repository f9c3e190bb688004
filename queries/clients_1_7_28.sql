-- title: Clients over 1, 7 and 28 days per version
-- answers: How many distinct clients checked for updates in the last day, week and 28 days, per version?
-- visualization: table, or grouped bar chart (x: version, y: clients_1d / clients_7d / clients_28d)
-- parameter: day date 2026-11-02
-- parameter: product text Firefox
-- parameter: channel text release
-- notes: windows end on the given day and are unions of the daily HLL sketches; days_missing_28d > 0 means
--        some days of the window had no stored partition, so the 28-day figure is a lower bound.
SELECT version,
       SUM(CASE WHEN window_days = 1 THEN clients ELSE 0 END) AS clients_1d,
       SUM(CASE WHEN window_days = 7 THEN clients ELSE 0 END) AS clients_7d,
       SUM(CASE WHEN window_days = 28 THEN clients ELSE 0 END) AS clients_28d,
       MAX(CASE WHEN window_days = 28 THEN days_missing END) AS days_missing_28d
FROM update_population_rolling
WHERE log_date = DATE '{{ day }}'
  AND product = '{{ product }}'
  AND channel = '{{ channel }}'
GROUP BY version
ORDER BY clients_1d DESC, version
