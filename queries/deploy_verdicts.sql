-- title: Deploy verdicts
-- answers: Did a deploy make things worse? One row per deploy and metric, 'overall' first.
-- visualization: table (colour the verdict column: regression red, warn orange)
-- parameter: days daterange 2026-10-27..2026-11-02
-- notes: before/after windows end at the deploy start and begin once the rollout finished; a regression needs
--        both statistical significance (p_value) and a practical effect (change_ratio and absolute change).
SELECT i.deploy_id,
       i.app,
       i.deploy_started_at,
       d.source AS deploy_source,
       d.schema_migration,
       i.metric,
       i.verdict,
       i.before_value,
       i.after_value,
       i.change_ratio,
       i.ci_low,
       i.ci_high,
       i.p_value,
       i.new_signatures,
       i.reason
FROM deploy_impact i
LEFT JOIN deploys d ON d.deploy_id = i.deploy_id AND d.log_date = i.log_date
WHERE i.log_date BETWEEN DATE '{{ days.start }}' AND DATE '{{ days.end }}'
ORDER BY i.deploy_started_at, i.deploy_id, CASE WHEN i.metric = 'overall' THEN 0 ELSE 1 END, i.metric
