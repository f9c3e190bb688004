package org.mozilla.balrog.logs.window;

import java.time.Instant;

/**
 * One {@code request_rates} row of the {@code update} endpoint (one 5-minute bucket of one source).
 *
 * @param latencyP95Ms null when no request of the bucket had a latency
 */
public record UpdateBucket(Instant start, long requests, long status5xx, Double latencyP95Ms) {}
