package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.DeploysTable.APP;
import static org.mozilla.balrog.logs.sink.DeploysTable.DEPLOY_ID;
import static org.mozilla.balrog.logs.sink.DeploysTable.EVIDENCE;
import static org.mozilla.balrog.logs.sink.DeploysTable.FINISHED_AT;
import static org.mozilla.balrog.logs.sink.DeploysTable.HOSTS;
import static org.mozilla.balrog.logs.sink.DeploysTable.HOSTS_TOTAL;
import static org.mozilla.balrog.logs.sink.DeploysTable.SCHEMA_MIGRATION;
import static org.mozilla.balrog.logs.sink.DeploysTable.SOURCE;
import static org.mozilla.balrog.logs.sink.DeploysTable.STARTED_AT;
import static org.mozilla.balrog.logs.sink.RowValues.instant;

import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Row;

/**
 * One row of {@code deploys} (see {@link SummaryTables#DEPLOYS} for what each column means); the
 * components are the table's columns in order. {@code finishedAt} is null when the rollout was not
 * seen.
 */
public record DeployRow(
    String deployId,
    String app,
    Instant startedAt,
    Instant finishedAt,
    int hosts,
    int hostsTotal,
    boolean schemaMigration,
    String source,
    String evidence) {

  public DeployRow {
    Objects.requireNonNull(deployId, "deployId");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** The values in the table's column order (for a Spark row). */
  public Object[] values() {
    return new Object[] {
      deployId, app, startedAt, finishedAt, hosts, hostsTotal, schemaMigration, source, evidence
    };
  }

  /** A row read from the table (by column name; other columns, e.g. the partition, ignored). */
  public static DeployRow fromRow(Row r) {
    return new DeployRow(
        r.getAs(DEPLOY_ID),
        r.getAs(APP),
        instant(r.getAs(STARTED_AT)),
        instant(r.getAs(FINISHED_AT)),
        r.<Integer>getAs(HOSTS),
        r.<Integer>getAs(HOSTS_TOTAL),
        r.<Boolean>getAs(SCHEMA_MIGRATION),
        r.getAs(SOURCE),
        r.getAs(EVIDENCE));
  }

  /** This row with its free text (evidence) passed through {@code f}. */
  public DeployRow mapText(UnaryOperator<String> f) {
    return new DeployRow(
        deployId,
        app,
        startedAt,
        finishedAt,
        hosts,
        hostsTotal,
        schemaMigration,
        source,
        f.apply(evidence));
  }
}
