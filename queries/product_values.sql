-- title: Values: products (options of the product dropdowns)
-- answers: Which products sent update checks in the 28 days up to the latest day of data, busiest first?
-- visualization: table
-- schedule: daily 07:30
-- notes: the options of every `-- parameter: product query ... product_values` (a Redash query-based dropdown, so
--        the queries that use it are safe for view-only users and shared dashboards); 'other' is the folded small
--        products. Scheduled after the daily job's SLA (07:15 UTC) so new products show up the same morning.
SELECT product
FROM update_population
WHERE log_date > (SELECT MAX(log_date) FROM update_population) - INTERVAL '28' DAY
GROUP BY product
ORDER BY SUM(requests) DESC, product
