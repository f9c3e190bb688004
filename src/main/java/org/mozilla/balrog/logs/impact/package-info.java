/**
 * How a deploy changed its app's metrics (docs/design.md#deploy-impact): the windows before and
 * after a deploy ({@link org.mozilla.balrog.logs.impact.ImpactWindows}), the metrics judged per app
 * ({@link org.mozilla.balrog.logs.impact.ImpactMetric}), the statistics ({@link
 * org.mozilla.balrog.logs.impact.PoissonRates}, {@link org.mozilla.balrog.logs.impact.MannWhitney})
 * and the verdict rules ({@link org.mozilla.balrog.logs.impact.ImpactRule}, {@link
 * org.mozilla.balrog.logs.impact.Verdict}), and the rows of {@code deploy_impact} they give ({@link
 * org.mozilla.balrog.logs.impact.ImpactCalculator}).
 *
 * <p>It judges an {@link org.mozilla.balrog.logs.impact.ImpactSubject}, not a particular kind of
 * deploy, so that {@code deploy/} (which deploys happened) depends on it and not the other way
 * round. {@link org.mozilla.balrog.logs.impact.ImpactAggregation} is its only Spark code: it counts
 * the observations inside the windows; every rule is plain Java with unit tests.
 */
package org.mozilla.balrog.logs.impact;
