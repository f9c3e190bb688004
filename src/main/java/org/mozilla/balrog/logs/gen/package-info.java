/**
 * Deterministic sample logs for the nine input tables, plus a ground-truth manifest. Pure Java (no
 * Spark).
 *
 * <p>Entry point: {@link org.mozilla.balrog.logs.gen.SampleGenerator#run}. The line formatters
 * ({@link org.mozilla.balrog.logs.gen.ElbLineFormatter}, {@link
 * org.mozilla.balrog.logs.gen.NginxAccessFormatter}, {@link
 * org.mozilla.balrog.logs.gen.NginxErrorFormatter}, {@link
 * org.mozilla.balrog.logs.gen.SyslogFormatter}) write the on-disk syntax of docs/formats.md from
 * the model records, so parser tests can check {@code parse(format(x)) == x}.
 *
 * <p>{@code manifest.json} keys, in order:
 *
 * <ul>
 *   <li>{@code generator} (name, version), {@code config} (from, days, clients, seed, gzip, clean,
 *       deploys in the canonical {@link org.mozilla.balrog.logs.gen.DeploySpec} text form {@code
 *       ID@TIME[:regression[=RATExFACTOR]|:minor[=RATExFACTOR]|:rollback][:migration]}, scale,
 *       lone_restarts, regression_logs {@code steady} or {@code per_request}, releases by start in
 *       the canonical {@link org.mozilla.balrog.logs.gen.ReleaseSpec} text form {@code
 *       KIND@TIME[:VERSION][:RAMP_HOURS][:SHARE]}), {@code layout} (view name to folder pattern),
 *       {@code notes};
 *   <li>{@code rows}: view name → log_date → rows a correct parser produces (a multi-line stderr
 *       traceback is one row; malformed lines are not rows);
 *   <li>{@code lines}: view name → delivery folder date → physical lines written (malformed
 *       included); {@code files}: view name → files written;
 *   <li>{@code population}: {@code by_channel} (log_date, domain, product, version, channel as
 *       sent, channel_normalized, test_channel, clients, requests, fingerprints) and {@code
 *       by_normalized_channel} (same with {@code -cck-} folded; fingerprints are a set union, not a
 *       sum);
 *   <li>{@code hourly}: source (aus3, aus4, aus5, aus_api, admin, agent) → UTC hour → requests
 *       (dockerflow excluded), status_5xx, lb_5xx, backend_5xx, dockerflow, and for the update
 *       domains update_requests and update_5xx;
 *   <li>{@code deploys}, by time: id, app, time, first_restart, last_restart, hosts (host, stopped,
 *       ready), migration, migration_revision, regression, minor, rollback, error_rate (extra share
 *       of requests answered 500 by the new build), latency_factor, from_version and version (the
 *       app's version number before and after; a rollback returns to an earlier one),
 *       expected_verdict ({@code regression} for regressions, else {@code ok}), new_exception_type,
 *       new_exception_class (the regression's new signature; null when none is logged);
 *   <li>{@code restarts}, by time: every host restart, app, host, stopped, ready, deploy (false for
 *       a lone single-host restart, which is not a deploy), deploy_id;
 *   <li>{@code releases}, by start: kind ({@code ga} or {@code chemspill}), product ({@code
 *       Firefox}), channel ({@code release}), version, from_version (the release version before
 *       it), writes_start (the first of its admin writes in the files), start (the agent enacts its
 *       scheduled changes), ramp_end, final_share (the version's share of release-channel Firefox
 *       update requests at ramp_end, reached linearly from 0 at start), admin_writes (its
 *       successful admin writes in the files);
 *   <li>{@code malformed}: source (view name), file (relative path), line (1-based), kind
 *       (truncated, binary, unclosed_quote, blank).
 * </ul>
 */
package org.mozilla.balrog.logs.gen;
