package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.job.JobConfig;
import picocli.CommandLine;

/**
 * The command line without Spark: help, version, option-to-config mapping, usage errors and their
 * exit codes.
 */
class CliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains(
            "demo",
            "generate",
            "inspect",
            "query",
            "--input",
            "--output",
            "--set",
            "--master",
            "--config")
        .contains("Exit codes:", "- 0: success")
        .contains("- 6: another run holds the lock of an output date")
        .contains("deploy-window", "- 7: caution: deploy-window", "- 8: no-go: deploy-window");
    out.getBuffer().setLength(0);
    assertThat(run("deploy-window", "--help")).isZero();
    assertThat(out.toString())
        .contains("--at", "--duration", "window.holidays", "Exit codes: 0 go, 7 caution, 8 no-go");
    assertThat(ExitCode.of(org.mozilla.balrog.logs.job.ExitKind.CAUTION)).isEqualTo(7);
    assertThat(ExitCode.of(org.mozilla.balrog.logs.job.ExitKind.NO_GO)).isEqualTo(8);
    out.getBuffer().setLength(0);
    assertThat(run("daily", "--help")).isZero();
    assertThat(out.toString())
        .contains("--break-lock", "lock.stale-after", "OUTPUT/_locks/log_date=D.lock");
  }

  @Test
  void aLockHeldElsewhereIsExitSixAndABadStaleAfterExitTwo() {
    assertThat(ExitCode.of(new org.mozilla.balrog.logs.sink.OutputLockedException("held")))
        .isEqualTo(6);
    assertThat(
            ExitCode.of(
                new RuntimeException(
                    new org.mozilla.balrog.logs.sink.OutputLockedException("held"))))
        .isEqualTo(ExitCode.LOCKED);
    // checked before Spark starts
    assertThat(
            run(
                "daily",
                "--date",
                "2026-11-01",
                "--input",
                "/nowhere",
                "--output",
                "/nowhere",
                "--set",
                "lock.stale-after=soon"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("lock.stale-after: bad duration 'soon'");
  }

  @Test
  void versionPrintsTheVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString())
        .startsWith("balrog-logs ")
        .contains("Spark " + System.getProperty("expected.spark.version", "4.1.3"));
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("missing command");
  }

  @Test
  void unknownCommandOrOptionIsAUsageError() {
    assertThat(run("frobnicate")).isEqualTo(ExitCode.USAGE);
    assertThat(run("query", "--bogus")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("Unknown option: '--bogus'");
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheCommand(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("job.properties");
    Files.writeString(conf, "input=/from/file\noutput=/out/file\nspark.sql.shuffle.partitions=4\n");
    BalrogLogsCommand root = new BalrogLogsCommand();
    CommandLine cl = new CommandLine(root);
    cl.parseArgs(
        "--config",
        conf.toString(),
        "query",
        "--input",
        "/in",
        "--set",
        "spark.executor.memory=2g",
        "--verbose",
        "--sql",
        "SELECT 1");
    JobConfig cfg = root.global.toConfig();
    assertThat(cfg.input()).isEqualTo("/in");
    assertThat(cfg.output()).isEqualTo("/out/file");
    assertThat(cfg.verbose()).isTrue();
    assertThat(cfg.sparkConf())
        .containsEntry("spark.sql.shuffle.partitions", "4")
        .containsEntry("spark.executor.memory", "2g");
  }

  @Test
  void unknownSettingIsAUsageError() {
    assertThat(run("query", "--set", "max-rejects=3", "--sql", "SELECT 1"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("unknown setting 'max-rejects'");
  }

  @Test
  void queryParameterErrorsExitTwoBeforeSparkStarts() {
    assertThat(run("query", "--sql", "SELECT '{{ channel }}'")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("missing query parameter(s): channel");
    assertThat(run("query", "--sql", "SELECT 1", "-p", "x=1")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("unknown query parameter(s): x");
  }

  @Test
  void queryParametersOutsideValuesExitTwoBeforeSparkStarts() {
    assertThat(run("query", "-p", "s=' OR 1=1 --", "--sql", "SELECT 1 WHERE source = r'{{ s }}'"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString())
        .startsWith(
            "balrog-logs query: query parameter {{ s }} is inside a raw string (r'...')"
                + " at line 1;");
    err.getBuffer().setLength(0);
    assertThat(run("query", "-p", "s=x", "--sql", "SELECT 1 /* {{ s }} */"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("{{ s }} is inside a comment");
  }

  @Test
  void declaredParameterTypesAreCheckedBeforeSparkStarts(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("top.sql");
    Files.writeString(
        f,
        "-- title: t\n-- parameter: day date 2026-11-02\n-- parameter: limit number 50\n"
            + "SELECT * FROM app_errors WHERE log_date = DATE '{{ day }}' LIMIT {{ limit }}\n");
    assertThat(run("query", f.toString(), "-p", "day=2026-11-02", "-p", "limit=ten"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString())
        .contains("query parameter limit is declared number but 'ten' is not a decimal number");
    err.getBuffer().setLength(0);
    assertThat(run("query", f.toString(), "-p", "day=yesterday", "-p", "limit=5"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString())
        .contains("query parameter day is declared date but 'yesterday' is not a YYYY-MM-DD");
  }

  @Test
  void sparkSqlErrorsAreOneLineWithTheirPosition() {
    Throwable parse = catchThrowable(() -> new SparkSqlParser().parsePlan("SELECT 1,\n  DATE 'x'"));
    assertThat(Messages.of(parse))
        .isEqualTo(
            "[INVALID_TYPED_LITERAL] The value of the typed literal \"DATE\" is invalid: 'x'. (line"
                + " 2, position 3)");
    Throwable syntax = catchThrowable(() -> new SparkSqlParser().parsePlan("SELECT 1 +"));
    assertThat(Messages.of(syntax))
        .isEqualTo(
            "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. (line 1, position 11)");
  }

  @Test
  void queryNeedsExactlyOneSqlSource(@TempDir Path dir) throws Exception {
    assertThat(run("query")).isEqualTo(ExitCode.USAGE);
    Path f = dir.resolve("q.sql");
    Files.writeString(f, "SELECT 1");
    assertThat(run("query", f.toString(), "--sql", "SELECT 2")).isEqualTo(ExitCode.USAGE);
    assertThat(run("query", dir.resolve("missing.sql").toString())).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("no such SQL file");
  }

  @Test
  void queryRejectsAnInvertedRangeAndBadFormat() {
    assertThat(run("query", "--sql", "SELECT 1", "--from", "2026-11-02", "--to", "2026-11-01"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("query", "--sql", "SELECT 1", "--format", "xml")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("unknown format 'xml'");
    assertThat(run("query", "--sql", "SELECT 1", "--from", "yesterday")).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void generateValidatesItsOptions(@TempDir Path dir) {
    assertThat(run("generate", "--out", dir.toString(), "--from", "2026-11-01", "--days", "0"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run(
                "generate",
                "--out",
                dir.toString(),
                "--from",
                "2026-11-01",
                "--deploy",
                "nonsense"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).doesNotContain("\tat ");
  }

  /** Runs {@code args} with System.err captured too (picocli's own warnings go there). */
  private String runCapturingSystemErr(String... args) {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      run(args);
    } finally {
      System.setErr(saved);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8) + out + err;
  }

  @Test
  void everyHelpAndAUsageErrorPrintNoPicocliWarningAndNoRawFormat() {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"daily", "--help"},
          {"daily", "--date", "yesterday"},
          {"daily"},
          {"deploy-impact", "--help"},
          {"query", "--help"},
          {"generate", "--help"},
          {"demo", "--help"},
          {"report", "--help"},
          {"inspect", "--help"},
          {"ddl", "--help"}
        }) {
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      String all = runCapturingSystemErr(args);
      assertThat(all)
          .as(String.join(" ", args))
          .isNotBlank()
          .doesNotContain("[picocli WARN]", "%n", "WARNING:");
    }
  }

  @Test
  void aParseErrorIsOneLineAndWhereTheHelpIs() {
    assertThat(run("daily", "--dat", "2026-11-01")).isEqualTo(ExitCode.USAGE);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines())
        .containsExactly(
            "balrog-logs daily: Unknown options: '--dat', '2026-11-01' (did you mean --date?)",
            "Try 'balrog-logs daily --help'.");
    err.getBuffer().setLength(0);
    assertThat(run("dayly")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString().lines())
        .containsExactly(
            "balrog-logs: Unmatched argument at index 0: 'dayly' (did you mean daily?)",
            "Try 'balrog-logs --help'.");
    err.getBuffer().setLength(0);
    assertThat(run("daily")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString().lines())
        .hasSize(2)
        .last()
        .isEqualTo("Try 'balrog-logs daily --help'.");
  }

  @Test
  void helpParagraphsFitTheWidthAndExamplesStayOnOneLine() {
    assertThat(run("daily", "--help")).isZero();
    String help = out.toString();
    assertThat(help)
        .contains(
            "  balrog-logs daily --input s3a://my-bucket/balrog-logs/raw --output"
                + " s3a://my-bucket/balrog-logs/summary --date 2026-11-02\n")
        .contains("about 0.8% error")
        .doesNotContain("s3a:\n", ":\nmigration");
    for (String line : help.lines().toList()) {
      if (!line.startsWith("  balrog-logs ")) {
        assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
      }
    }
  }

  @Test
  void demoWritesWhereOutSays() {
    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString()).contains("--out=DIR").doesNotContain("--dir");
  }

  @Test
  void theReadmeCommandTableNamesEveryCommandAndOption() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    CommandLine root =
        Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    for (CommandLine c : root.getSubcommands().values()) {
      assertThat(readme).as("command").contains("| `" + c.getCommandName() + "` |");
      for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
        if (!o.hidden() && !o.inherited()) {
          assertThat(
                  java.util.Arrays.stream(o.names())
                      .anyMatch(
                          n ->
                              java.util.regex.Pattern.compile(
                                      "(?<![\\w-])"
                                          + java.util.regex.Pattern.quote(n)
                                          + "(?![\\w-])")
                                  .matcher(readme)
                                  .find()))
              .as(c.getCommandName() + " " + o.longestName())
              .isTrue();
        }
      }
    }
  }
}
