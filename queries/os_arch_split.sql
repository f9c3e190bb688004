-- title: OS and architecture split
-- answers: Which operating systems and architectures do the clients of a product and channel run?
-- visualization: pie or bar chart (x: os and arch, y: background_pct); table
-- parameter: day date 2026-11-02
-- parameter: product query Firefox product_values
-- parameter: channel query release channel_values
-- notes: the split is of background update checks (requests without force=), which every client sends at the same
--        rate whatever its platform, so their shares are the shares of clients; per-platform client estimates would
--        have to add up estimates across versions (a client that updated counts twice), so none is shown. In Spark,
--        hll_sketch_estimate(hll_union_agg(clients_sketch)) gives distinct clients per platform. Cells of fewer than
--        min_clients clients are in os = arch = 'other'.
SELECT os,
       arch,
       SUM(background_requests) AS background_requests,
       SUM(requests) AS requests,
       ROUND(100 * CAST(SUM(background_requests) AS DOUBLE) / SUM(SUM(background_requests)) OVER (), 2)
         AS background_pct
FROM update_population
WHERE log_date = DATE '{{ day }}'
  AND product = '{{ product }}'
  AND channel = '{{ channel }}'
GROUP BY os, arch
ORDER BY background_requests DESC, os, arch
