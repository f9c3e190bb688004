-- title: Clients over 1, 7 and 28 days per version, and the channel's total
-- answers: How many distinct clients checked for updates in the last day, week and 28 days, per version and on the
--          whole channel?
-- visualization: table, or grouped bar chart (x: version, y: clients_1d / clients_7d / clients_28d)
-- parameter: day date 2026-11-02
-- parameter: product query Firefox product_values
-- parameter: channel query release channel_values
-- notes: every figure is a union of the daily HLL sketches over the window, folded only after the union: the
--        '(all versions)' row is the channel's own union (a client that updated during the window counts once
--        there, and in each version it ran); do not add the version rows up. days_missing_28d > 0 means some days
--        of the window had no stored partition, so the 28-day figure is a lower bound.
SELECT COALESCE(version, '(all versions)') AS version,
       SUM(CASE WHEN window_days = 1 THEN clients ELSE 0 END) AS clients_1d,
       SUM(CASE WHEN window_days = 7 THEN clients ELSE 0 END) AS clients_7d,
       SUM(CASE WHEN window_days = 28 THEN clients ELSE 0 END) AS clients_28d,
       MAX(CASE WHEN window_days = 28 THEN days_missing END) AS days_missing_28d
FROM update_population_rolling
WHERE log_date = DATE '{{ day }}'
  AND product = '{{ product }}'
  AND channel = '{{ channel }}'
GROUP BY version
ORDER BY CASE WHEN version IS NULL THEN 0 ELSE 1 END, clients_1d DESC, version
