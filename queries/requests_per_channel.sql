-- title: Update requests and clients per product and channel
-- answers: Which products and channels send update checks, how many, and from how many clients?
-- visualization: bar chart (x: channel, y: clients); table
-- parameter: day date 2026-11-02
-- notes: clients is the sum of per-cell HLL estimates (domain x version x os x arch cells);
--        test channels (*-localtest, *-cdntest) are listed apart (is_test_channel) and are not user population.
SELECT product,
       channel,
       is_test_channel,
       SUM(requests) AS requests,
       SUM(background_requests) AS background_requests,
       SUM(clients) AS clients
FROM update_population
WHERE log_date = DATE '{{ day }}'
GROUP BY product, channel, is_test_channel
ORDER BY requests DESC, product, channel
