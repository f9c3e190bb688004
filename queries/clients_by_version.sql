-- title: Clients by version (one product, channel and day)
-- answers: How many distinct clients ran each version on a channel that day, and what share of the channel is that?
-- visualization: bar chart (x: version, y: clients); table
-- parameter: day date 2026-11-02
-- parameter: product query Firefox product_values
-- parameter: channel query release channel_values
-- notes: clients are HLL estimates of distinct client fingerprints (see README); versions with fewer than
--        min_clients clients are folded into 'other'. clients_pct is the share of the channel's own distinct clients
--        (its union over all versions), so a client that updated that day counts in both versions and the shares
--        may add up to a little more than 100.
SELECT v.version,
       v.clients,
       v.requests,
       ROUND(100 * CAST(v.clients AS DOUBLE) / t.clients, 2) AS clients_pct
FROM update_population_rolling v
JOIN update_population_rolling t
  ON t.log_date = v.log_date AND t.window_days = v.window_days AND t.product = v.product
 AND t.channel = v.channel AND t.version IS NULL
WHERE v.log_date = DATE '{{ day }}'
  AND v.window_days = 1
  AND v.product = '{{ product }}'
  AND v.channel = '{{ channel }}'
  AND v.version IS NOT NULL
ORDER BY v.clients DESC, v.version
