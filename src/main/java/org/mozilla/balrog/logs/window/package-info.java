/**
 * {@code deploy-window}: is now a good time to deploy? Plain-Java rules over rows of the summary
 * tables (read by {@code job/DeployWindowJob}): release activity, service health against the same
 * hours of the previous days, open regressions, new error signatures, the calendar of the team and
 * the freshness of the data. Each rule gives a {@link org.mozilla.balrog.logs.window.Reason} (go,
 * caution or no-go, a one-line explanation with its numbers and its evidence); {@link
 * org.mozilla.balrog.logs.window.WindowVerdict} combines them: no-go wins over caution, caution
 * over go. Uses {@code model/} only; no Spark.
 */
package org.mozilla.balrog.logs.window;
