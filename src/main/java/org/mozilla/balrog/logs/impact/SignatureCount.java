package org.mozilla.balrog.logs.impact;

import java.util.Objects;

/**
 * Error events of one signature in one window of a deploy, for one {@code app_error_rate:<app>}
 * metric.
 */
record SignatureCount(
    String deployId, WindowSide side, String metric, String signature, long events) {
  public SignatureCount {
    Objects.requireNonNull(deployId, "deployId");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(signature, "signature");
  }
}
