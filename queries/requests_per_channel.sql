-- title: Update requests and clients per product and channel
-- answers: Which products and channels send update checks, how many, and from how many clients?
-- visualization: bar chart (x: channel, y: clients); table
-- parameter: day date 2026-11-02
-- notes: clients is the channel's distinct clients that day (the union of its sketches over every domain, version,
--        OS and architecture: update_population_rolling's 1-day total row), never a sum of estimates;
--        test channels (*-localtest, *-cdntest) are listed apart (is_test_channel) and are not user population.
SELECT r.product,
       r.channel,
       r.is_test_channel,
       SUM(r.requests) AS requests,
       SUM(r.background_requests) AS background_requests,
       MAX(t.clients) AS clients
FROM update_population r
LEFT JOIN update_population_rolling t
  ON t.log_date = r.log_date AND t.window_days = 1 AND t.product = r.product AND t.channel = r.channel
 AND t.is_test_channel = r.is_test_channel AND t.version IS NULL
WHERE r.log_date = DATE '{{ day }}'
GROUP BY r.product, r.channel, r.is_test_channel
ORDER BY requests DESC, r.product, r.channel
