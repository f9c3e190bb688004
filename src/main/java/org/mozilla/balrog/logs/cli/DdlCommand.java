package org.mozilla.balrog.logs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.mozilla.balrog.logs.job.DdlJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ddl}: prints CREATE TABLE statements for the summary tables (Athena: with partition
 * projection) or the statements that register new partitions; needs no Spark.
 */
@Command(
    name = "ddl",
    header = "Print the CREATE TABLE statements of the summary tables (Athena, Trino, Spark SQL).",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print CREATE TABLE statements for every summary table over its Parquet folder"
          + " OUTPUT/<table>/ (--output: the summary root the job writes; s3a:// is written as"
          + " s3:// for athena and trino; without it a placeholder, "
          + DdlJob.PLACEHOLDER_ROOT
          + "), partitioned by log_date: the folders log_date=YYYY-MM-DD that daily writes.",
      "Athena (the default): each table carries partition projection in its TBLPROPERTIES"
          + " (projection.log_date.* from --since to NOW, one day apart, and"
          + " storage.location.template OUTPUT/<table>/log_date=$${log_date}/), so Athena computes"
          + " the days and their folders itself: no MSCK REPAIR TABLE and no partition sync is ever"
          + " needed, and a new day is queryable as soon as daily has written it. --no-projection"
          + " writes plain tables each followed by MSCK REPAIR TABLE instead, which must then be"
          + " rerun after new dates are written.",
      "Trino (run the script in the Hive catalog): each table is followed by CALL"
          + " system.sync_partition_metadata(schema, table, 'ADD'), which registers the partition"
          + " folders the metastore does not know yet and never drops one ('FULL' would also drop"
          + " the partition of a day whose folder is briefly gone while daily rewrites it). Rerun"
          + " those calls after new dates are written: --sync-only prints just them, and jobs/daily"
          + " runs them after each day when daily.conf says DDL_SYNC=trino.",
      "Spark: each table is followed by MSCK REPAIR TABLE."
    },
    footer = {
      "",
      "Examples:",
      "  balrog-logs ddl --output s3a://my-bucket/balrog-logs/summary --schema balrog --since"
          + " 2026-01-01",
      "  balrog-logs ddl --dialect trino --schema balrog --output"
          + " s3a://my-bucket/balrog-logs/summary",
      "  balrog-logs ddl --dialect trino --schema balrog --sync-only"
    })
final class DdlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand BalrogLogsCommand root;

  @Option(
      names = "--dialect",
      defaultValue = "athena",
      paramLabel = "athena|trino|spark",
      description = "SQL dialect (default: ${DEFAULT-VALUE}).")
  String dialect;

  /**
   * The summary root's former name here; --output (the global option) names it in every command
   * now. Kept, hidden, so existing scripts go on working.
   */
  @Option(names = "--location", paramLabel = "ROOT", hidden = true)
  String location;

  @Option(
      names = "--schema",
      defaultValue = DdlJob.DEFAULT_SCHEMA,
      paramLabel = "NAME",
      description =
          "Schema (Athena: database) of the tables and of Trino's partition sync (default:"
              + " ${DEFAULT-VALUE}).")
  String schema;

  @Option(
      names = "--since",
      paramLabel = "YYYY-MM-DD",
      description =
          "Athena: the first day of the projected log_date range (default: "
              + DdlJob.DEFAULT_SINCE_TEXT
              + ", before any log this job reads); a query reaching back before it finds"
              + " no rows.")
  LocalDate since;

  @Option(
      names = "--no-projection",
      description =
          "Athena: no partition projection; each table is followed by MSCK REPAIR TABLE, to rerun"
              + " after new dates are written (for catalogs where projection is not wanted).")
  boolean noProjection;

  @Option(
      names = "--sync-only",
      description =
          "Print only the statements that register new partitions (Trino: the"
              + " sync_partition_metadata calls; Spark and Athena with --no-projection: MSCK REPAIR"
              + " TABLE), for a scheduled step after each day. Athena with projection has none.")
  boolean syncOnly;

  @Override
  public Integer call() {
    String script =
        DdlJob.script(
            new DdlJob.Request(
                dialect,
                location != null ? location : root.global.output,
                schema,
                since,
                noProjection,
                syncOnly));
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
