/**
 * Deploys and their impact (docs/design.md#deploys): which deploys happened, declared ({@link
 * org.mozilla.balrog.logs.deploy.DeclaredDeploy}, {@link
 * org.mozilla.balrog.logs.deploy.DeploysFile}) or detected from restart bursts in the application
 * syslog ({@link org.mozilla.balrog.logs.deploy.DeployDetector}), merged by {@link
 * org.mozilla.balrog.logs.deploy.DeployResolver}, and how each changed its app's metrics between a
 * window before it and a window after its rollout ({@link
 * org.mozilla.balrog.logs.impact.ImpactCalculator}, in {@code impact/}).
 *
 * <p>Entry points: {@link org.mozilla.balrog.logs.deploy.DeployAnalysis} ({@code deploy-impact})
 * and {@link org.mozilla.balrog.logs.deploy.DeployTables} (the {@code deploys} and {@code
 * deploy_impact} partitions of {@code daily}). Only {@code DeployAnalysis}, {@code DeployTables},
 * and {@code SyslogMarkers} use Spark, and they only read, count and collect; every rule (markers,
 * bursts, matching) is plain Java with unit tests.
 */
package org.mozilla.balrog.logs.deploy;
