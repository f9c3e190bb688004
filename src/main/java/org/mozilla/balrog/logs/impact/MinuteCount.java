package org.mozilla.balrog.logs.impact;

import java.util.Objects;

/**
 * One minute of one window of a deploy for one metric: minute {@code minute} (0-based) counts from
 * the window's start, so minutes never straddle a window edge.
 *
 * @param events bad requests (rates) or error events (event rates)
 * @param total requests; for event rates the number of error events too (the exposure is the
 *     window's minutes)
 * @param p95 95th percentile latency of the minute's requests in ms (latency metrics), else null
 */
public record MinuteCount(
    String deployId,
    WindowSide side,
    String metric,
    long minute,
    long events,
    long total,
    Double p95) {
  public MinuteCount {
    Objects.requireNonNull(deployId, "deployId");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(metric, "metric");
  }
}
