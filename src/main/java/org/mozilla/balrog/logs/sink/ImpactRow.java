package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.DeployImpactTable.AFTER_END;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.AFTER_EVENTS;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.AFTER_START;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.AFTER_TOTAL;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.AFTER_VALUE;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.APP;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.BEFORE_END;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.BEFORE_EVENTS;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.BEFORE_START;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.BEFORE_TOTAL;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.BEFORE_VALUE;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.CHANGE_RATIO;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.CI_HIGH;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.CI_LOW;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.DEPLOY_FINISHED_AT;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.DEPLOY_ID;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.DEPLOY_STARTED_AT;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.METRIC;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.NEW_SIGNATURES;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.P_VALUE;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.REASON;
import static org.mozilla.balrog.logs.sink.DeployImpactTable.VERDICT;
import static org.mozilla.balrog.logs.sink.RowValues.instant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Row;

/**
 * One row of {@code deploy_impact} (see {@link SummaryTables#DEPLOY_IMPACT} for what each column
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

  /** The {@code metric} of a deploy's overall row. */
  public static final String OVERALL = "overall";

  /** The {@code verdict} of a metric (or deploy) that got worse. */
  public static final String REGRESSION = "regression";

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

  /** A row read from the table (by column name; other columns, e.g. the partition, ignored). */
  public static ImpactRow fromRow(Row r) {
    return new ImpactRow(
        r.getAs(DEPLOY_ID),
        r.getAs(APP),
        instant(r.getAs(DEPLOY_STARTED_AT)),
        instant(r.getAs(DEPLOY_FINISHED_AT)),
        r.getAs(METRIC),
        instant(r.getAs(BEFORE_START)),
        instant(r.getAs(BEFORE_END)),
        instant(r.getAs(AFTER_START)),
        instant(r.getAs(AFTER_END)),
        r.getAs(BEFORE_VALUE),
        r.getAs(AFTER_VALUE),
        r.<Long>getAs(BEFORE_EVENTS),
        r.<Long>getAs(BEFORE_TOTAL),
        r.<Long>getAs(AFTER_EVENTS),
        r.<Long>getAs(AFTER_TOTAL),
        r.getAs(CHANGE_RATIO),
        r.getAs(CI_LOW),
        r.getAs(CI_HIGH),
        r.getAs(P_VALUE),
        r.getAs(VERDICT),
        r.getAs(REASON),
        r.getList(r.fieldIndex(NEW_SIGNATURES)));
  }

  /** This row with its free text (reason, new signatures) passed through {@code f}. */
  public ImpactRow mapText(UnaryOperator<String> f) {
    return new ImpactRow(
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
        f.apply(reason),
        newSignatures.stream().map(f).toList());
  }

  public boolean isOverall() {
    return metric.equals(OVERALL);
  }
}
