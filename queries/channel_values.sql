-- title: Values: channels (options of the channel dropdowns)
-- answers: Which update channels sent update checks in the 28 days up to the latest day of data, busiest first?
-- visualization: table
-- schedule: daily 07:30
-- notes: the options of every `-- parameter: channel query ... channel_values` (a Redash query-based dropdown);
--        test channels (*-localtest, *-cdntest) come with the others, ordered by their requests; 'other' is the
--        folded small channels outside Balrog's channel names.
SELECT channel
FROM update_population
WHERE log_date > (SELECT MAX(log_date) FROM update_population) - INTERVAL '28' DAY
GROUP BY channel
ORDER BY SUM(requests) DESC, channel
