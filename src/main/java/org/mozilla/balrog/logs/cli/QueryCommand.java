package org.mozilla.balrog.logs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.QueryEngine;
import org.mozilla.balrog.logs.job.QueryJob;
import org.mozilla.balrog.logs.job.ResultFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code query}: ad-hoc SQL over the raw-log views and the summary tables. */
@Command(
    name = "query",
    header = "Run SQL over the raw-log views and the summary tables.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run SQL (Spark's, or DuckDB's for summary tables: --engine) over the raw-log views (the"
          + " Redash table names, read from --input for --from..--to) and the summary tables"
          + " (Parquet folders under --output, by table name).",
      "Redash {{ name }} parameters are filled from -p name=value, always as one literal: inside"
          + " '...' the value is escaped; bare it becomes a (number), a DATE '...' or a string, by"
          + " the type the file's header declares (-- parameter: NAME TYPE DEFAULT) or else by its"
          + " shape. A parameter in a comment, a raw or double-quoted string or a `name` is"
          + " refused."
    },
    footer = {
      "",
      "Examples:",
      "  balrog-logs query queries/clients_by_version.sql --output demo/summary",
      "  balrog-logs query --input demo --from 2026-11-01 --to 2026-11-01 -p channel=release --sql"
          + " \"SELECT version, count(*) AS requests FROM balrog_elb_logs_aus5 WHERE channel = '{{"
          + " channel }}' GROUP BY version ORDER BY requests DESC\""
    })
final class QueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand BalrogLogsCommand root;

  @Parameters(arity = "0..1", paramLabel = "FILE.sql", description = "SQL file to run.")
  Path file;

  @Option(
      names = "--sql",
      paramLabel = "TEXT",
      description = "SQL text to run (instead of FILE.sql).")
  String sql;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "NAME=VALUE",
      description = "Query parameter, repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First log date (default: earliest found).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "Last log date (default: latest found).")
  LocalDate to;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|csv|json",
      description = "Output format (json: one object per line). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the result to FILE instead of stdout.")
  Path out;

  @Option(
      names = "--engine",
      defaultValue = "auto",
      paramLabel = "auto|spark|duckdb",
      description =
          "auto (default): the embedded DuckDB for one SELECT over summary tables under a local"
              + " --output (no Spark start-up: about a second), else Spark; duckdb: DuckDB or an"
              + " error saying why not; spark: Spark always (raw-log views, s3a:// roots).")
  String engine;

  @Option(
      names = "--max-rows",
      defaultValue = "1000",
      description = "Rows shown by the table format (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Override
  public Integer call() throws IOException {
    if ((file == null) == (sql == null)) {
      throw new IllegalArgumentException("give exactly one of FILE.sql or --sql TEXT");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    if (out != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
      throw new IllegalArgumentException(
          "--out " + out + ": no folder " + out.toAbsolutePath().getParent());
    }
    String text = sql;
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("no such SQL file: " + file);
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    }
    // one bound given: a single day
    LocalDate first = from != null ? from : to;
    LocalDate last = to != null ? to : from;
    QueryJob.Request req =
        new QueryJob.Request(
            text,
            params,
            first,
            last,
            ResultFormat.parse(format),
            maxRows,
            QueryEngine.parse(engine));
    String rendered = QueryJob.render(req); // parameter errors exit 2 before Spark starts
    JobConfig cfg = root.global.toConfig();
    if (runEmbedded(cfg, req, rendered)) {
      return ExitCode.OK;
    }
    try (SparkSession spark = Commands.session(cfg, "balrog-logs query")) {
      if (out != null) {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
          long n = QueryJob.run(spark, cfg, req, rendered, w);
          spec.commandLine().getErr().printf("%d rows written to %s%n", n, out);
        }
      } else {
        Writer w = spec.commandLine().getOut();
        QueryJob.run(spark, cfg, req, rendered, w);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return ExitCode.OK;
  }

  /** True when DuckDB answered ({@link QueryJob#runEmbedded}); then nothing else runs. */
  private boolean runEmbedded(JobConfig cfg, QueryJob.Request req, String rendered)
      throws IOException {
    if (out == null) {
      return QueryJob.runEmbedded(cfg, req, rendered, spec.commandLine().getOut()).isPresent();
    }
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".query-", ".part");
    try {
      OptionalLong n;
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        n = QueryJob.runEmbedded(cfg, req, rendered, w);
      }
      if (n.isEmpty()) {
        return false;
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
      spec.commandLine().getErr().printf("%d rows written to %s%n", n.getAsLong(), out);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
