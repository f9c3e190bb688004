package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.optional;
import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BOOLEAN;
import static org.mozilla.balrog.logs.sink.ColumnType.INT;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;
import static org.mozilla.balrog.logs.sink.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The columns of {@code deploys} by name, in table order; {@link SummaryTables#DEPLOYS} is built
 * from them. Code that names a column of this table uses these constants.
 */
public final class DeploysTable {
  private DeploysTable() {}

  public static final String DEPLOY_ID = "deploy_id";
  public static final String APP = "app";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String HOSTS = "hosts";
  public static final String HOSTS_TOTAL = "hosts_total";
  public static final String SCHEMA_MIGRATION = "schema_migration";
  public static final String SOURCE = "source";
  public static final String EVIDENCE = "evidence";

  static final SummaryTable TABLE =
      new SummaryTable(
          "deploys",
          "Deploys that started on log_date: declared (--deploy, --deploys-file) and detected from"
              + " restart bursts in the application logs.",
          List.of(
              required(
                  DEPLOY_ID,
                  STRING,
                  "Declared id, or 'detected-<app>-<start time>' for detected deploys"),
              required(APP, STRING, "web, admin or agent"),
              required(
                  STARTED_AT, TIMESTAMP, "First restart (declared time when no restart was seen)"),
              optional(
                  FINISHED_AT, TIMESTAMP, "Last host back up; null when the rollout was not seen"),
              required(HOSTS, INT, "Hosts that restarted in the rollout"),
              required(HOSTS_TOTAL, INT, "Hosts of the app seen in the logs that day"),
              required(SCHEMA_MIGRATION, BOOLEAN, "A schema migration ran at the deploy"),
              required(SOURCE, STRING, "declared, detected, or declared+detected when both agree"),
              required(
                  EVIDENCE, STRING, "What the detection saw (restart markers, migration lines)")));
}
