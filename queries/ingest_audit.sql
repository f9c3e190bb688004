-- title: Ingest audit and data quality
-- answers: What did each daily run read per source, and how many lines could it not parse?
-- visualization: table (colour rejected_pct); or line chart (x: log_date, y: rejected_pct, series: source)
-- parameter: days daterange 2026-10-27..2026-11-02
-- notes: parsed + rejected = lines for every source; rejected_by_reason in the table gives the reasons.
SELECT log_date,
       source,
       files,
       bytes,
       lines,
       parsed,
       rejected,
       ROUND(100 * CAST(rejected AS DOUBLE) / CASE WHEN lines = 0 THEN NULL ELSE lines END, 4) AS rejected_pct,
       damaged_files,
       job_version,
       finished_at
FROM ingest_audit
WHERE log_date BETWEEN DATE '{{ days.start }}' AND DATE '{{ days.end }}'
ORDER BY log_date, source
