-- title: Update requests per product and channel (raw aus5 view)
-- answers: which products and channels send update checks, and how many distinct client setups
-- visualization: table, or bar chart of requests by channel
-- parameters: {{ product }} (text, e.g. Firefox)
SELECT channel_normalized AS channel,
       count(*) AS requests,
       sum(CASE WHEN force IS NULL THEN 1 ELSE 0 END) AS background_requests,
       count(DISTINCT concat_ws('|', build_target, locale, os_version)) AS distinct_setups
FROM balrog_elb_logs_aus5
WHERE endpoint = 'update'
  AND product = '{{ product }}'
GROUP BY channel_normalized
ORDER BY requests DESC
