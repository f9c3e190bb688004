package org.mozilla.balrog.logs.cli;

import java.util.concurrent.Callable;
import org.mozilla.balrog.logs.job.DdlJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ddl}: prints CREATE TABLE statements for the summary tables; needs no Spark. */
@Command(
    name = "ddl",
    header = "Print the CREATE TABLE statements of the summary tables (Athena, Trino, Spark SQL).",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print CREATE TABLE statements for every summary table over its Parquet folder ROOT/<table>/,"
          + " partitioned by",
      "log_date, each followed by the statement that registers the partitions already written (MSCK"
          + " REPAIR TABLE,",
      "or system.sync_partition_metadata for Trino: run the Trino script in the Hive catalog)."
          + " Rerun that after",
      "new dates are written."
    },
    footer = {
      "",
      "Example:",
      "  balrog-logs ddl --dialect trino --schema balrog --location"
          + " s3a://my-bucket/balrog-logs/summary"
    })
final class DdlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dialect",
      defaultValue = "athena",
      paramLabel = "athena|trino|spark",
      description = "SQL dialect (default: ${DEFAULT-VALUE}).")
  String dialect;

  @Option(
      names = "--location",
      paramLabel = "ROOT",
      description = {
        "Root folder of the summary tables (the job's --output); s3a:// is written as s3:// for"
            + " athena and trino.",
        "Default: a placeholder, " + DdlJob.PLACEHOLDER_ROOT + "."
      })
  String location;

  @Option(
      names = "--schema",
      defaultValue = DdlJob.DEFAULT_SCHEMA,
      paramLabel = "NAME",
      description =
          "Schema (Athena: database) of the tables and of Trino's partition sync (default:"
              + " ${DEFAULT-VALUE}).")
  String schema;

  @Override
  public Integer call() {
    String script = DdlJob.script(dialect, location, schema);
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
