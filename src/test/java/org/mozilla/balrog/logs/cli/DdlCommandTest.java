package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.job.DdlJob;
import org.mozilla.balrog.logs.sink.Ddl;
import org.mozilla.balrog.logs.sink.Dialect;
import org.mozilla.balrog.logs.sink.SummaryTables;

/** {@code ddl} through the real command line, without Spark. */
class DdlCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void defaultsToAthenaWithPartitionProjectionOverThePlaceholderLocationInTheDefaultSchema() {
    assertThat(run("ddl")).isZero();
    assertThat(out.toString())
        .isEqualTo(DdlJob.script("athena", null, "default"))
        .contains("CREATE EXTERNAL TABLE IF NOT EXISTS `default`.`update_population` (")
        .contains(
            "LOCATION 's3://YOUR-BUCKET/balrog-logs/summary/ingest_audit/'\n"
                + "TBLPROPERTIES (\n"
                + "  'projection.enabled'='true',\n"
                + "  'projection.log_date.type'='date',\n"
                + "  'projection.log_date.range'='2020-01-01,NOW',\n"
                + "  'projection.log_date.format'='yyyy-MM-dd',\n"
                + "  'projection.log_date.interval'='1',\n"
                + "  'projection.log_date.interval.unit'='DAYS',\n"
                + "  'storage.location.template'="
                + "'s3://YOUR-BUCKET/balrog-logs/summary/ingest_audit/log_date=${log_date}/'\n"
                + ");")
        .doesNotContain("MSCK REPAIR TABLE `");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void sinceNoProjectionAndSyncOnlyReachTheScript() {
    assertThat(run("ddl", "--since", "2026-03-01", "--output", "s3a://logs/summary")).isZero();
    assertThat(out.toString())
        .contains("'projection.log_date.range'='2026-03-01,NOW'")
        .contains("'storage.location.template'='s3://logs/summary/deploys/log_date=${log_date}/'");

    out.getBuffer().setLength(0);
    assertThat(run("ddl", "--no-projection", "--location", "s3a://logs/summary")).isZero();
    assertThat(out.toString())
        .isEqualTo(Ddl.script(Dialect.ATHENA, "s3a://logs/summary", "default"))
        .contains("MSCK REPAIR TABLE `default`.`ingest_audit`;");

    out.getBuffer().setLength(0);
    assertThat(run("ddl", "--dialect", "trino", "--schema", "balrog", "--sync-only")).isZero();
    assertThat(out.toString().lines().filter(l -> !l.isBlank() && !l.startsWith("--")))
        .hasSize(SummaryTables.all().size())
        .allMatch(l -> l.startsWith("CALL system.sync_partition_metadata('balrog', '"))
        .contains("CALL system.sync_partition_metadata('balrog', 'deploy_impact', 'ADD');");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void optionsThatDoNotFitTheDialectAreUsageErrors() {
    assertThat(run("ddl", "--dialect", "trino", "--since", "2026-03-01")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString())
        .contains("balrog-logs ddl: --since is for --dialect athena")
        .contains("Try 'balrog-logs ddl --help'.");
    err.getBuffer().setLength(0);
    assertThat(run("ddl", "--sync-only")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("no partitions to register");
    err.getBuffer().setLength(0);
    assertThat(run("ddl", "--since", "2026-02-30")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--since");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void dialectLocationAndSchemaOptionsReachTheStatements() {
    assertThat(
            run(
                "ddl",
                "--dialect",
                "trino",
                "--location",
                "s3a://logs/summary",
                "--schema",
                "balrog"))
        .isZero();
    assertThat(out.toString())
        .isEqualTo(Ddl.script(Dialect.TRINO, "s3a://logs/summary", "balrog"))
        .contains("CREATE TABLE IF NOT EXISTS \"balrog\".\"update_population_rolling\" (")
        .contains("external_location = 's3://logs/summary/update_population_rolling/'")
        .contains(
            "CALL system.sync_partition_metadata('balrog', 'update_population_rolling', 'ADD');");

    out.getBuffer().setLength(0);
    assertThat(run("ddl", "--dialect", "SPARK", "--output", "s3a://logs/summary")).isZero();
    assertThat(out.toString())
        .contains("USING parquet")
        .contains("LOCATION 's3a://logs/summary/ingest_audit/';");
  }

  @Test
  void unknownDialectOrBadSchemaIsAUsageError() {
    assertThat(run("ddl", "--dialect", "mysql")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString())
        .contains("balrog-logs ddl: unknown dialect 'mysql' (known: athena, trino, spark)")
        .contains("Try 'balrog-logs ddl --help'.");
    assertThat(out.toString()).isEmpty();

    assertThat(run("ddl", "--schema", "a-b")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("schema must be a plain identifier");
  }

  @Test
  void isListedInTheHelp() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("ddl");
    out.getBuffer().setLength(0);
    assertThat(run("ddl", "--help")).isZero();
    assertThat(out.toString())
        .contains("--dialect", "--output", "--schema", "athena|trino|spark")
        .doesNotContain("--location")
        .contains("--since", "--no-projection", "--sync-only")
        .contains("OUTPUT/<table>/log_date=${log_date}/")
        .contains("'ADD'")
        .contains("DDL_SYNC=trino");
  }
}
