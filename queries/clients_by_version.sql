-- title: Clients by version (one product, channel and day)
-- answers: How many distinct clients ran each version on a channel that day, and what share of the channel is that?
-- visualization: bar chart (x: version, y: clients); table
-- parameter: day date 2026-11-02
-- parameter: product text Firefox
-- parameter: channel text release
-- notes: clients are HLL estimates of distinct client fingerprints (see README); versions with fewer than
--        min_clients clients are folded into 'other'.
SELECT version,
       clients,
       requests,
       ROUND(100 * CAST(clients AS DOUBLE) / SUM(clients) OVER (), 2) AS clients_pct
FROM update_population_rolling
WHERE log_date = DATE '{{ day }}'
  AND window_days = 1
  AND product = '{{ product }}'
  AND channel = '{{ channel }}'
ORDER BY clients DESC, version
