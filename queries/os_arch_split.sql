-- title: OS and architecture split
-- answers: Which operating systems and architectures do the clients of a product and channel run?
-- visualization: pie or bar chart (x: os and arch, y: clients); table
-- parameter: day date 2026-11-02
-- parameter: product text Firefox
-- parameter: channel text release
-- notes: clients is the sum of per-cell HLL estimates (a client has one OS/arch, so cells do not overlap
--        unless it changed version or update domain that day).
SELECT os,
       arch,
       SUM(clients) AS clients,
       SUM(requests) AS requests,
       ROUND(100 * CAST(SUM(clients) AS DOUBLE) / SUM(SUM(clients)) OVER (), 2) AS clients_pct
FROM update_population
WHERE log_date = DATE '{{ day }}'
  AND product = '{{ product }}'
  AND channel = '{{ channel }}'
GROUP BY os, arch
ORDER BY clients DESC, os, arch
