package org.mozilla.balrog.logs.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.testing.DatasetAssertions.assertDatasetEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.cli.Main;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.BuildDir;
import org.mozilla.balrog.logs.testing.CliJvm;
import org.mozilla.balrog.logs.testing.StandaloneCluster;

/**
 * The daily job exactly as {@code jobs/daily/submit.sh} runs it, against a real standalone cluster
 * (Master, Worker, executor JVMs) on loopback: its output equals a local-mode run of the same day;
 * its exit codes pass through spark-submit; a driver killed mid-write leaves its lock of the date,
 * and once that is stale a rerun with {@code --break-lock} leaves the same output and no committer
 * leftovers and no lock; that rerun also loses an executor mid-job and survives it (one cluster run
 * for both recoveries).
 */
@TestMethodOrder(OrderAnnotation.class)
class ClusterDailyIT {
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  static final Path SUBMIT = PROJECT.resolve("jobs/daily/submit.sh");
  static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  /**
   * The lock.stale-after of the killed driver and its rerun: how long the killed run's lock blocks
   * the date.
   */
  static final Duration DRIVER_KILL_STALE_AFTER = Duration.ofSeconds(15);

  /**
   * Per-environment overlay for the test cluster: an executor that fits the 1.5 GB Worker, loopback
   * driver, few shuffle partitions for tiny data, and a smaller population fold so more cells are
   * compared.
   */
  static final String OVERLAY =
      String.join(
          "\n",
          "spark.executor.memory=1g",
          "spark.executor.cores=2",
          "spark.driver.host=127.0.0.1",
          "spark.driver.bindAddress=127.0.0.1",
          "spark.ui.enabled=false",
          "spark.sql.shuffle.partitions=2",
          "population.min-clients=5",
          "spark.executor.extraJavaOptions=" + String.join(" ", CliJvm.SHORT_RUN_FLAGS),
          "");

  @TempDir static Path tmp;
  static Path logs;
  static Path overlay;
  static Path localOut;
  static StandaloneCluster cluster;
  static SparkSession reader;
  static String jarVersion;
  static Run plainRun;

  @BeforeAll
  static void generateStartAndRunLocally() throws Exception {
    long t0 = System.nanoTime();
    logs = tmp.resolve("logs");
    new SampleGenerator()
        .run(new GeneratorConfig(logs, DAY, 1, 300, 7L, false, false, List.of(), 1.0), null);
    overlay = Files.writeString(tmp.resolve("test-cluster.conf"), OVERLAY);
    cluster = StandaloneCluster.start(tmp.resolve("cluster"));
    log("cluster up at %s after %d ms", cluster.masterUrl(), ms(t0));
    // the plain cluster run overlaps the local reference run: driver and executor start-up leave
    // the cores idle often
    plainRun = submit("plain", tmp.resolve("cluster-out"), Map.of());

    // the reference: the same command in local mode in this JVM, with the settings of daily.conf
    // and the overlay
    localOut = tmp.resolve("local-out");
    List<String> args =
        new ArrayList<>(
            List.of(
                "daily",
                "--master",
                "local[2]",
                "--date",
                DAY.toString(),
                "--input",
                logs.toString(),
                "--output",
                localOut.toString(),
                "--max-reject-ratio",
                "1"));
    jobSettings().forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long t1 = System.nanoTime();
    int rc =
        Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    assertThat(rc).as(err.toString()).isZero();
    log("local reference run: %d ms", ms(t1));

    // Main stops its session; this one only reads the outputs
    reader =
        SparkSession.builder()
            .master("local[2]")
            .appName("ClusterDailyIT reader")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    try (Stream<Path> jars = Files.list(BuildDir.path())) {
      Matcher m =
          jars.map(
                  p ->
                      Pattern.compile("balrog-logs-(.+)\\.jar").matcher(p.getFileName().toString()))
              .filter(Matcher::matches)
              .findFirst()
              .orElseThrow();
      jarVersion = m.group(1);
    }
  }

  @AfterAll
  static void stop() {
    if (plainRun != null && plainRun.process.isAlive()) {
      StandaloneCluster.killTree(plainRun.process.toHandle());
    }
    if (reader != null) {
      reader.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void submitOnTheClusterGivesTheLocalRunsOutput() throws Exception {
    assertThat(plainRun.waitFor()).as(plainRun.describe()).isZero();
    assertSameOutput(tmp.resolve("cluster-out"));
    assertThat(plainRun.stdout()).contains(DAY + ": wrote {update_population=");
  }

  @Test
  @Order(2)
  void exitCodesPassThroughSparkSubmit() throws Exception {
    Run noInput =
        submit(
            "no-input",
            tmp.resolve("no-input-out"),
            Map.of("BALROG_INPUT", tmp.resolve("nope").toString()));
    assertThat(noInput.waitFor()).as(noInput.describe()).isEqualTo(4);
    assertThat(noInput.stderr()).contains("input root does not exist").contains("exit 4");

    Run badSetting =
        submit("bad-setting", tmp.resolve("bad-out"), Map.of(), "--set", "population.lg-k=30");
    assertThat(badSetting.waitFor()).as(badSetting.describe()).isEqualTo(2);
    assertThat(badSetting.stderr()).contains("exit 2");
  }

  /**
   * The driver-kill scenario's rerun (see {@link
   * #aDriverKilledMidWriteThenARerunGivesTheSameOutputAndNoLeftovers}), which also lost an executor
   * mid-job: what the executor test checks.
   *
   * @param run the rerun, ended
   * @param exitCode its exit code
   * @param newApps applications the Worker started during the rerun
   * @param out its output
   */
  record ExecutorKilled(Run run, int exitCode, List<Path> newApps, Path out) {}

  /** Set by the driver-kill test (order 3), checked by the executor-kill test (order 4). */
  static ExecutorKilled executorKilled;

  @Test
  @Order(3)
  void aDriverKilledMidWriteThenARerunGivesTheSameOutputAndNoLeftovers() throws Exception {
    Path out = tmp.resolve("driver-kill-out");
    String staleAfter = "lock.stale-after=" + DRIVER_KILL_STALE_AFTER.toSeconds() + "s";
    Run run = submit("driver-kill", out, Map.of(), "--set", staleAfter);
    Optional<Path> inFlight = Optional.empty();
    while (inFlight.isEmpty()) {
      if (!run.process.isAlive()) {
        throw new AssertionError("job ended before a write was in flight\n" + run.describe());
      }
      inFlight = leftovers(out).stream().findFirst();
      Thread.sleep(5);
    }
    StandaloneCluster.killTree(run.process.toHandle());
    List<Path> left = leftovers(out);
    log(
        "killed the driver (submit.sh and its SparkSubmit JVM, pid %d) %d ms after submit while %s"
            + " existed; left behind: %s",
        run.process.pid(),
        run.elapsedMs(),
        out.relativize(inFlight.get()),
        left.stream().map(out::relativize).toList());
    assertThat(left).as("the kill landed mid-write").isNotEmpty();
    // the Master drops the dead driver's application and its executors before the scheduler's retry
    cluster.waitForMaster(s -> s.path("activeapps").isEmpty(), "no active application");

    // SIGKILL: no shutdown hook ran, the lock stays until its heartbeat is stale
    Path lock = out.resolve("_locks/log_date=" + DAY + ".lock");
    assertThat(lock).exists();
    java.time.Instant beat =
        java.time.Instant.parse(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(lock.toFile())
                .path("heartbeat_at")
                .asText());
    long wait =
        Duration.between(java.time.Instant.now(), beat.plus(DRIVER_KILL_STALE_AFTER).plusSeconds(1))
            .toMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }

    // the rerun is also the executor-kill scenario: one of its executors dies mid-job, before any
    // write (checked by the order-4 test), so one cluster run serves both
    List<Path> appsBefore = list(cluster.workDir());
    Run rerun = submit("driver-kill-rerun", out, Map.of(), "--break-lock", "--set", staleAfter);
    killAnExecutorMidJob(rerun);
    int exitCode = rerun.waitFor();
    List<Path> apps = new ArrayList<>(list(cluster.workDir()));
    apps.removeAll(appsBefore);
    executorKilled = new ExecutorKilled(rerun, exitCode, apps, out);

    assertThat(exitCode).as(rerun.describe()).isZero();
    assertThat(leftovers(out)).isEmpty();
    assertThat(out.resolve("_locks")).doesNotExist();
    assertSameOutput(out);
  }

  @Test
  @Order(4)
  void aKilledExecutorIsReplacedAndTheOutputIsTheSame() throws Exception {
    assertThat(executorKilled)
        .as("the driver-kill test's rerun, in which an executor was killed, has run")
        .isNotNull();
    Run run = executorKilled.run();
    assertThat(executorKilled.exitCode()).as(run.describe()).isZero();
    assertThat(run.stderr()).as("the driver saw the loss").contains("Lost executor");
    List<Path> apps = executorKilled.newApps();
    assertThat(apps).as("one new application on the Worker").hasSize(1);
    List<String> executorIds =
        list(apps.get(0)).stream().map(p -> p.getFileName().toString()).sorted().toList();
    log("the Worker launched executors %s for %s", executorIds, apps.get(0).getFileName());
    assertThat(executorIds)
        .as("the killed executor and its replacement")
        .hasSizeGreaterThanOrEqualTo(2);
    assertSameOutput(executorKilled.out());
  }

  /**
   * Kills an executor JVM of {@code run} mid-job: once the first source has been counted on the
   * executor, with the others and every write still to come.
   */
  private static void killAnExecutorMidJob(Run run) throws InterruptedException {
    Pattern firstSource = Pattern.compile("(?m)^\\s+\\S+\\s+\\d+ files");
    ProcessHandle victim = null;
    while (victim == null) {
      if (!run.process.isAlive()) {
        throw new AssertionError(
            "job ended before the executor could be killed\n" + run.describe());
      }
      List<ProcessHandle> executors = cluster.executors();
      if (!executors.isEmpty() && firstSource.matcher(run.stdout()).find()) {
        victim = executors.get(0);
      } else {
        Thread.sleep(20);
      }
    }
    String progress = run.stdout().strip().replace('\n', '|');
    victim.destroyForcibly();
    victim.onExit().join();
    log(
        "killed executor JVM pid %d (child of the Worker) %d ms after submit; driver progress then:"
            + " %s",
        victim.pid(), run.elapsedMs(), progress);
  }

  /**
   * Every summary table under {@code out} has the local run's rows (audit: bookkeeping columns
   * aside).
   */
  private static void assertSameOutput(Path out) {
    for (SummaryTable t :
        List.of(SummaryTables.UPDATE_POPULATION, SummaryTables.UPDATE_POPULATION_ROLLING)) {
      Dataset<Row> expected = comparable(PartitionWriter.read(reader, t, localOut.toString()));
      assertThat(expected.count())
          .as(t.name() + " rows of the local run")
          .isGreaterThanOrEqualTo(10);
      assertDatasetEquals(expected, comparable(PartitionWriter.read(reader, t, out.toString())));
    }
    String[] bookkeeping = {"run_id", "started_at", "finished_at", "job_version"};
    Dataset<Row> audit = PartitionWriter.read(reader, SummaryTables.INGEST_AUDIT, out.toString());
    assertDatasetEquals(
        PartitionWriter.read(reader, SummaryTables.INGEST_AUDIT, localOut.toString())
            .drop(bookkeeping),
        audit.drop(bookkeeping));
    assertThat(audit.select("job_version").distinct().collectAsList())
        .as("the cluster ran the application jar")
        .extracting(r -> r.getString(0))
        .containsExactly(jarVersion);
    for (SummaryTable t : SummaryTables.all()) {
      if (Files.isDirectory(out.resolve(t.name()))) {
        assertThat(out.resolve(t.name()).resolve("log_date=" + DAY).resolve("_SUCCESS"))
            .isRegularFile();
      }
    }
  }

  /** Binary columns (HLL sketches) as hex, so rows compare by content. */
  private static Dataset<Row> comparable(Dataset<Row> rows) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      cols.add(
          f.dataType() instanceof BinaryType ? hex(col(f.name())).as(f.name()) : col(f.name()));
    }
    return rows.select(cols.toArray(Column[]::new));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).toList();
    }
  }

  /** Committer working folders under {@code out}: what a run that died mid-write leaves behind. */
  private static List<Path> leftovers(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.equals("_temporary")
                    || n.startsWith("__magic")
                    || n.startsWith(".spark-staging");
              })
          .toList();
    } catch (java.io.UncheckedIOException e) {
      return List.of(); // a folder vanished while walking: the committer moved on; look again
    }
  }

  /**
   * The job settings (non-spark keys) of daily.conf and the overlay, later lines winning, as
   * submit.sh reads them: its own upper-case settings (DDL_SYNC...) stay with the script.
   */
  private static Map<String, String> jobSettings() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (Path conf : List.of(PROJECT.resolve("jobs/daily/daily.conf"), overlay)) {
      for (String line : Files.readAllLines(conf)) {
        String l = line.replaceFirst("#.*", "").strip();
        String key = l.isEmpty() ? "" : l.substring(0, l.indexOf('='));
        if (!l.isEmpty() && !l.startsWith("spark.") && !key.matches("[A-Z][A-Z0-9_]*")) {
          settings.put(key, l.substring(l.indexOf('=') + 1));
        }
      }
    }
    return settings;
  }

  /**
   * Starts {@code jobs/daily/submit.sh DAY extraArgs…} against the cluster, as a scheduler would.
   */
  private static Run submit(String name, Path out, Map<String, String> env, String... extraArgs)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", SUBMIT.toString(), DAY.toString()));
    cmd.addAll(List.of(extraArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    Map<String, String> e = pb.environment();
    e.putAll(cluster.environment());
    e.put("SPARK_SUBMIT", cluster.sparkSubmitCommand("1g"));
    e.put("BALROG_MASTER", cluster.masterUrl());
    e.put("BALROG_INPUT", logs.toString());
    e.put("BALROG_OUTPUT", out.toString());
    e.put("BALROG_MAX_REJECT_RATIO", "1");
    e.put("DAILY_CONF_OVERLAY", overlay.toString());
    e.putAll(env);
    Path stdout = tmp.resolve(name + ".out");
    Path stderr = tmp.resolve(name + ".err");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    return new Run(name, pb.start(), System.nanoTime(), stdout, stderr);
  }

  record Run(String name, Process process, long startedNanos, Path stdoutFile, Path stderrFile) {
    int waitFor() throws InterruptedException {
      if (!process.waitFor(RUN_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        StandaloneCluster.killTree(process.toHandle());
        throw new AssertionError(
            name + " still running after " + RUN_TIMEOUT + "; killed\n" + describe());
      }
      log("%s: exit %d after %d ms", name, process.exitValue(), elapsedMs());
      return process.exitValue();
    }

    long elapsedMs() {
      return ms(startedNanos);
    }

    String stdout() {
      return read(stdoutFile);
    }

    String stderr() {
      return read(stderrFile);
    }

    String describe() {
      String err = stderr();
      return name
          + " stdout:\n"
          + stdout()
          + "\nstderr (tail):\n"
          + err.substring(Math.max(0, err.length() - 6000));
    }

    private static String read(Path p) {
      try {
        return Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }
  }

  static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static void log(String format, Object... args) {
    System.out.printf("[ClusterDailyIT] " + format + "%n", args);
  }
}
