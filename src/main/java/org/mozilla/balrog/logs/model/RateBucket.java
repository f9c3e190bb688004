package org.mozilla.balrog.logs.model;

import java.io.Serializable;

/**
 * The requests of one ELB source and endpoint class in one 5-minute bucket, counted in the scan
 * tasks: what {@code request_rates} needs of them. {@code status} is what the client saw (the ELB
 * status); {@code lb5xx} and {@code backend5xx} split the 5xx by whether the load balancer
 * generated them; {@code latency} holds the dispatched requests' latencies.
 *
 * @param bucketStart epoch second of the bucket's start
 */
public record RateBucket(
    String source,
    String endpoint,
    long bucketStart,
    long requests,
    long status2xx,
    long status3xx,
    long status4xx,
    long status5xx,
    long statusOther,
    long lb5xx,
    long backend5xx,
    long bytesSent,
    LatencySketch latency)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
