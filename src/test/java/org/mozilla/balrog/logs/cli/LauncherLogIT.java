package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.testing.CliJvm;

/**
 * {@code bin/balrog-logs} itself (issue 14): Spark's own ERROR and WARN lines and a failure's stack
 * trace go to the run's log file, which the one-line error names; {@code --verbose} puts them on
 * the console.
 */
class LauncherLogIT {
  static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  /**
   * A query that fails inside Spark's tasks: the executor logs the exception at ERROR with its
   * stack trace.
   */
  static final String FAILING =
      "SELECT raise_error(concat('boom ', CAST(id AS STRING))) FROM range(4)";

  @TempDir static Path tmp;
  static Path summary;

  record Result(int code, String out, String err) {
    /** stderr, all of it: the launcher starts no incubator module, so the JVM adds no notice. */
    String ours() {
      return err;
    }
  }

  @BeforeAll
  static void summaryRoot() throws IOException {
    summary = Files.createDirectories(tmp.resolve("summary"));
  }

  static Result launch(Path logDir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PROJECT.resolve("bin/balrog-logs").toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("BALROG_LOGS_LOG_DIR", logDir.toString());
    pb.environment()
        .put("BALROG_LOGS_JAVA_OPTS", "-Xmx1g " + String.join(" ", CliJvm.SHORT_RUN_FLAGS));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("bin/balrog-logs finished").isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * A run that ends before its command returns (here a SIGTERM, as a scheduler stops a job; Spark's
   * exit on an out-of-memory task takes the same way out) says so in one line naming the log.
   */
  @Test
  void aRunStoppedBeforeItsCommandFinishedSaysSo() throws Exception {
    Path logDir = tmp.resolve("logs-stopped");
    Path data = tmp.resolve("stopped-data");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                PROJECT.resolve("bin/balrog-logs").toString(),
                "generate",
                "--out",
                data.toString(),
                "--from",
                "2026-11-01",
                "--days",
                "7",
                "--clients",
                "100000",
                "--scale",
                "20")
            .directory(tmp.toFile());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
    pb.environment().put("BALROG_LOGS_LOG_DIR", logDir.toString());
    pb.environment()
        .put("BALROG_LOGS_JAVA_OPTS", "-Xmx1g " + String.join(" ", CliJvm.SHORT_RUN_FLAGS));
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.isDirectory(data) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(p.isAlive()).as("still generating when stopped").isTrue();
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).as("stopped").isTrue();
    assertThat(p.exitValue()).isNotZero();
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(stderr)
        .contains("balrog-logs: stopped before the command finished, by a signal or by a fatal")
        .contains("Spark's log: " + logDir);
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void aFailureIsOneLineNamingTheLogFileThatHoldsSparksLinesAndTheStackTrace() throws Exception {
    Path logDir = tmp.resolve("quiet");
    Result r = launch(logDir, "query", "--output", summary.toString(), "--sql", FAILING);
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.FAILURE);
    Matcher m =
        Pattern.compile(
                "balrog-logs query: error: \\[USER_RAISED_EXCEPTION\\] boom \\d+[^\\n"
                    + "]* \\(stack trace and Spark's log: (\\S+); --verbose prints them here\\)\n")
            .matcher(r.ours());
    assertThat(m.matches()).as(r.err()).isTrue();
    Path log = Path.of(m.group(1));
    assertThat(log.getParent()).isEqualTo(logDir);
    assertThat(files(logDir)).containsExactly(log);
    String text = Files.readString(log, StandardCharsets.UTF_8);
    // Spark's own ERROR line from the task, and our trace of the failure
    assertThat(text)
        .contains(
            "ERROR [Executor task launch worker",
            "org.apache.spark.executor.Executor: Exception in task",
            "ERROR [main] org.mozilla.balrog.logs.cli.Main: the command failed",
            "\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void verbosePutsSparksLinesAndTheStackTraceOnTheConsole() throws Exception {
    Result r =
        launch(
            tmp.resolve("verbose"),
            "query",
            "--verbose",
            "--output",
            summary.toString(),
            "--sql",
            FAILING);
    assertThat(r.code()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err())
        .contains(
            " INFO ",
            " ERROR Executor: Exception in task",
            "\tat ",
            "balrog-logs query: error: [USER_RAISED_EXCEPTION] boom");
  }

  @Test
  void aQuietRunPrintsOnlyItsOwnOutput() throws Exception {
    Path logDir = tmp.resolve("ok");
    Result r =
        launch(
            logDir,
            "query",
            "--output",
            summary.toString(),
            "--sql",
            "SELECT id * 7 AS seven FROM range(3)");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.ours()).isEmpty();
    assertThat(r.out()).contains("14");
  }

  @Test
  void helpAndAUsageErrorPrintNoJvmOrPicocliWarning() throws Exception {
    Path logDir = tmp.resolve("help");
    for (String[] args :
        new String[][] {{"--help"}, {"daily", "--help"}, {"daily", "--date", "yesterday"}}) {
      Result r = launch(logDir, args);
      assertThat(r.out() + r.err())
          .as(String.join(" ", args))
          .doesNotContain("WARNING:", "[picocli WARN]", "%n");
    }
    Result usage = launch(logDir, "daily", "--date", "yesterday");
    assertThat(usage.code()).isEqualTo(ExitCode.USAGE);
    assertThat(usage.err().lines()).hasSize(2).last().isEqualTo("Try 'balrog-logs daily --help'.");
  }
}
