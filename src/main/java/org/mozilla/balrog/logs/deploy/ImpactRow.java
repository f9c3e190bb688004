package org.mozilla.balrog.logs.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code deploy_impact} (see {@code SummaryTables.DEPLOY_IMPACT} for what each column
 * means); the components are the table's columns in order. Nullable: {@code deployFinishedAt}, the
 * values, the ratio, its interval and the p-value (null when not finite or not computable).
 */
public record ImpactRow(
    String deployId,
    String app,
    Instant deployStartedAt,
    Instant deployFinishedAt,
    String metric,
    Instant beforeStart,
    Instant beforeEnd,
    Instant afterStart,
    Instant afterEnd,
    Double beforeValue,
    Double afterValue,
    long beforeEvents,
    long beforeTotal,
    long afterEvents,
    long afterTotal,
    Double changeRatio,
    Double ciLow,
    Double ciHigh,
    Double pValue,
    String verdict,
    String reason,
    List<String> newSignatures) {

  public ImpactRow {
    Objects.requireNonNull(deployId, "deployId");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(deployStartedAt, "deployStartedAt");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    newSignatures = List.copyOf(newSignatures);
  }

  /** The values in the table's column order (for a Spark row). */
  public Object[] values() {
    return new Object[] {
      deployId,
      app,
      deployStartedAt,
      deployFinishedAt,
      metric,
      beforeStart,
      beforeEnd,
      afterStart,
      afterEnd,
      beforeValue,
      afterValue,
      beforeEvents,
      beforeTotal,
      afterEvents,
      afterTotal,
      changeRatio,
      ciLow,
      ciHigh,
      pValue,
      verdict,
      reason,
      newSignatures
    };
  }

  public boolean isOverall() {
    return metric.equals(ImpactMetric.OVERALL);
  }
}
