-- title: Release activity per hour
-- answers: When was a release prepared and rolled out? Admin writes per route class and each version's share of the channel's update requests, hour by hour.
-- visualization: line chart (x: hour, y: value, series: series); the deploy-window rules read the same rows
-- parameter: days daterange 2026-10-27..2026-11-02
-- parameter: product query Firefox product_values
-- parameter: channel query release channel_values
-- notes: value is a count of successful admin writes for the series 'writes: CLASS' (build submissions and other
--        writes left out: routine) and a percentage of the product and channel's update requests of the hour for
--        'share: VERSION' (versions under 1 % of the hour left out).
SELECT hour,
       'writes: ' || route_class AS series,
       CAST(SUM(requests) AS DOUBLE) AS value
FROM release_activity
WHERE log_date BETWEEN DATE '{{ days.start }}' AND DATE '{{ days.end }}'
  AND signal = 'admin_write'
  AND route_class NOT IN ('builds', 'other')
GROUP BY hour, route_class
UNION ALL
SELECT hour,
       'share: ' || version AS series,
       ROUND(100 * share, 2) AS value
FROM release_activity
WHERE log_date BETWEEN DATE '{{ days.start }}' AND DATE '{{ days.end }}'
  AND signal = 'update_version'
  AND product = '{{ product }}'
  AND channel = '{{ channel }}'
  AND share >= 0.01
ORDER BY hour, series
