package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One load-balancer access-log entry (Classic ELB, or ALB whose extra fields are in {@link #alb}).
 * Field names follow the standard Athena Classic-ELB DDL (docs/formats.md#elb-view-columns).
 * Placeholders are normalised: {@code -} becomes null, a {@code -1} processing time stays -1.0 (it
 * means "not dispatched"), quotes around the user agent are removed.
 *
 * @param timestamp the timestamp exactly as written (Athena's string column)
 * @param requestTime {@code timestamp} as a UTC instant: receipt time for Classic ELB, {@code
 *     request_creation_time} for ALB when present (else ALB's response time)
 * @param elbName load-balancer name ({@code app/name/id} for ALB)
 * @param requestIp client address (IPv6 without brackets); never written to an output table
 * @param backendIp null when the backend field is {@code -}
 * @param elbResponseCode null for TCP listeners
 * @param backendResponseCode null when no backend response ({@code -})
 * @param requestVerb null for the TCP request {@code "- - - "}
 * @param url the URL as sent (may contain raw spaces); null for TCP
 * @param protocol e.g. {@code HTTP/1.1}; null for TCP
 * @param userAgent null when absent or {@code -}
 * @param alb ALB-only fields, null for Classic ELB lines
 */
public record ElbEntry(
    String timestamp,
    Instant requestTime,
    String elbName,
    String requestIp,
    Integer requestPort,
    String backendIp,
    Integer backendPort,
    double requestProcessingTime,
    double backendProcessingTime,
    double clientResponseTime,
    Integer elbResponseCode,
    Integer backendResponseCode,
    long receivedBytes,
    long sentBytes,
    String requestVerb,
    String url,
    String protocol,
    String userAgent,
    String sslCipher,
    String sslProtocol,
    AlbFields alb) {

  public ElbEntry {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(requestTime, "requestTime");
    Objects.requireNonNull(elbName, "elbName");
  }

  /**
   * True when the load balancer answered without a backend response (ELB-generated status, backend
   * {@code -}).
   */
  public boolean isLbGenerated() {
    return backendResponseCode == null && elbResponseCode != null;
  }
}
