package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.sink.Ddl;
import org.mozilla.balrog.logs.sink.Dialect;

/** {@code ddl} through the real command line, without Spark. */
class DdlCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void defaultsToAthenaWithThePlaceholderLocationInTheDefaultSchema() {
    assertThat(run("ddl")).isZero();
    assertThat(out.toString())
        .isEqualTo(Ddl.script(Dialect.ATHENA, null, "default"))
        .contains("CREATE EXTERNAL TABLE IF NOT EXISTS `default`.`update_population` (")
        .contains("LOCATION 's3://YOUR-BUCKET/balrog-logs/summary/ingest_audit/';")
        .contains("MSCK REPAIR TABLE `default`.`ingest_audit`;");
    assertThat(err.toString()).isEmpty();
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
    assertThat(run("ddl", "--dialect", "SPARK", "--location", "s3a://logs/summary")).isZero();
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
        .contains("--dialect", "--location", "--schema", "athena|trino|spark");
  }
}
