-- title: Version adoption over a date range
-- answers: How fast does a new version replace the previous one on a channel, day by day?
-- visualization: stacked area or line chart (x: log_date, y: share_pct, series: version)
-- parameter: days daterange 2026-10-27..2026-11-02
-- parameter: product query Firefox product_values
-- parameter: channel query release channel_values
-- notes: share_pct is the version's distinct clients over the channel's distinct clients that day (the channel's own
--        union, not a sum of versions): a client that updated that day counts in both versions.
SELECT v.log_date,
       v.version,
       v.clients,
       ROUND(100 * CAST(v.clients AS DOUBLE) / t.clients, 2) AS share_pct
FROM update_population_rolling v
JOIN update_population_rolling t
  ON t.log_date = v.log_date AND t.window_days = v.window_days AND t.product = v.product
 AND t.channel = v.channel AND t.version IS NULL
WHERE v.log_date BETWEEN DATE '{{ days.start }}' AND DATE '{{ days.end }}'
  AND v.window_days = 1
  AND v.product = '{{ product }}'
  AND v.channel = '{{ channel }}'
  AND v.version IS NOT NULL
ORDER BY v.log_date, v.clients DESC, v.version
