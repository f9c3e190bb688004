package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.testing.S3DailyRuns.DAY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.CliJvm;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.S3DailyRuns;
import org.mozilla.balrog.logs.testing.S3Fixture;

/**
 * A scheduler retry after the driver died mid-write on S3
 * (docs/design.md#replacing-one-date-partition, "Driver kill -9 mid-write"): {@code daily} runs as
 * its own JVM exactly as {@code bin/balrog-logs} starts it ({@code local[2]}, output on S3Proxy
 * through the S3A magic committer) and is killed with SIGKILL as soon as the bucket shows a write
 * in progress: a pending multipart upload under the output (a task closed its file, the job has not
 * committed it). The kill must leave such debris behind (else it was not mid-write and the test
 * fails rather than pass vacuously). It also leaves its lock of the date, whose heartbeat stops: a
 * retry right away exits 6. Once the heartbeat is older than {@code lock.stale-after} (short here),
 * rerunning the same {@code daily} with {@code --break-lock} exits 0, writes exactly the tables of
 * a local run over the same logs, commits every partition with the magic committer, and leaves no
 * pending multipart upload, no {@code __magic} object and no lock: that rerun is all the recovery a
 * killed driver needs.
 */
class DailyS3DriverKillIT {
  static final String BUCKET = "balrog-driver-kill";
  static final String IN = "s3a://" + BUCKET + "/logs";
  static final String OUT_PREFIX = "summary/";
  static final String OUT = "s3a://" + BUCKET + "/summary";

  /** Installs of the generated day (S3DailyRuns uses 300): more rows to aggregate and write. */
  static final int CLIENTS = 3000;

  /**
   * Safety net only: how long the killed run may take to start writing before the test gives up.
   */
  static final long WRITE_START_LIMIT_SECONDS = 180;

  /**
   * The runs' lock.stale-after: the killed run's lock is stale this long after its last heartbeat.
   */
  static final Duration STALE_AFTER = Duration.ofSeconds(15);

  static final String LOCK_KEY = OUT_PREFIX + "_locks/log_date=" + DAY + ".lock";

  @TempDir static Path work;
  @RegisterExtension static final S3Fixture S3 = S3Fixture.empty(BUCKET);
  static String localOut;
  static Killed killed;
  static boolean lockLeft;
  static CliRun retryRightAway;
  static CliRun rerun;
  static SortedMap<String, String> afterRerun;
  static List<String> pendingAfterRerun;

  /**
   * What the bucket held right after the kill.
   *
   * @param trigger what was seen under the output that started the kill
   * @param exitCode the killed JVM's exit code (137 when SIGKILL ended it)
   * @param pendingUploads keys of multipart uploads under the output neither completed nor aborted
   * @param magicObjects keys under the output containing {@code __magic}
   * @param successFiles {@code _SUCCESS} keys under the output
   */
  record Killed(
      String trigger,
      int exitCode,
      List<String> pendingUploads,
      List<String> magicObjects,
      List<String> successFiles) {}

  @BeforeAll
  static void killDailyMidWriteThenRerun() throws IOException, InterruptedException {
    Path logs = work.resolve("logs");
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY,
                1,
                CLIENTS,
                17L,
                true,
                false,
                List.of(org.mozilla.balrog.logs.gen.DeploySpec.parse("v9@" + DAY + "T12:00Z")),
                1.0),
            null);
    localOut = work.resolve("local-summary").toString();
    CliRun local = S3DailyRuns.rerun(DAY, logs.toString(), localOut, List.of());
    assertThat(local.exitCode()).as(local.describe()).isZero();

    S3.upload(logs, S3Fixture.LOGS);

    killed = startAndKillMidWrite();
    System.out.printf(
        "driver killed (exit %d) on %s: %d pending multipart uploads, %d __magic objects, %d"
            + " _SUCCESS files%n  pending: %s%n  magic: %s%n",
        killed.exitCode(),
        killed.trigger(),
        killed.pendingUploads().size(),
        killed.magicObjects().size(),
        killed.successFiles().size(),
        killed.pendingUploads(),
        killed.magicObjects());

    List<String> settings = new ArrayList<>(S3.cliSettings());
    settings.addAll(List.of("--set", "lock.stale-after=" + STALE_AFTER.toSeconds() + "s"));
    lockLeft = S3.objects(LOCK_KEY).containsKey(LOCK_KEY);
    retryRightAway = S3DailyRuns.rerun(DAY, IN, OUT, settings);
    awaitStale();
    settings.add("--break-lock");
    rerun = S3DailyRuns.rerun(DAY, IN, OUT, settings);
    afterRerun = S3.objects("");
    pendingAfterRerun = S3.pendingUploads();
    System.out.printf(
        "after the rerun (exit %d): %d pending multipart uploads, %d __magic objects%n",
        rerun.exitCode(), pendingAfterRerun.size(), magic(afterRerun.keySet()).size());
  }

  /**
   * Starts {@code daily --date DAY} in its own JVM like {@code bin/balrog-logs}, polls the bucket
   * until a write is in progress under the output, kills the JVM with SIGKILL and records what it
   * left.
   */
  private static Killed startAndKillMidWrite() throws IOException, InterruptedException {
    Path driverLog = work.resolve("killed-driver.log");
    Process driver =
        driverCommand()
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(driverLog.toFile())
            .start();
    String trigger = null;
    long started = System.nanoTime();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WRITE_START_LIMIT_SECONDS);
    try {
      while (trigger == null && driver.isAlive() && System.nanoTime() < deadline) {
        // a task has closed its file (upload started, not completed) and the job has not committed
        // yet
        List<String> pending = underOutput(S3.pendingUploads());
        if (!pending.isEmpty()) {
          trigger = "pending upload " + pending.get(0);
        } else {
          Thread.sleep(5);
        }
      }
    } finally {
      driver.destroyForcibly();
      driver.waitFor();
    }
    System.out.printf(
        "driver JVM killed %.1f s after its start%n", (System.nanoTime() - started) / 1e9);
    SortedMap<String, String> objects = S3.objects(OUT_PREFIX);
    Killed k =
        new Killed(
            trigger,
            driver.exitValue(),
            underOutput(S3.pendingUploads()),
            magic(objects.keySet()),
            objects.keySet().stream().filter(key -> key.endsWith("/_SUCCESS")).toList());
    String log = Files.readString(driverLog, StandardCharsets.UTF_8);
    if (trigger == null) {
      throw new AssertionError(
          "the driver was killed too late: it "
              + (driver.exitValue() == 137
                  ? "wrote nothing within " + WRITE_START_LIMIT_SECONDS + " s"
                  : "had already exited with "
                      + driver.exitValue()
                      + " before any write was seen in progress")
              + "; make the day bigger\n--- driver log\n"
              + log);
    }
    // SIGKILL: 128 + 9; any other code means the process ended on its own before the kill reached
    // it
    assertThat(k.exitCode())
        .as(
            "the driver was killed too late: it had already exited on its own\n--- driver log\n"
                + log)
        .isEqualTo(137);
    assertThat(k.pendingUploads().size() + k.magicObjects().size())
        .as(
            "the kill left no write in progress, so it was not mid-write: "
                + k
                + "\n--- driver log\n"
                + log)
        .isPositive();
    return k;
  }

  /**
   * {@code daily} in its own JVM as {@code bin/balrog-logs} runs it, the S3 credentials only in its
   * environment.
   */
  private static ProcessBuilder driverCommand() throws IOException {
    return CliJvm.command(
        List.of(
            "daily",
            "--master",
            "local[2]",
            "--date",
            DAY.toString(),
            "--input",
            IN,
            "--output",
            OUT,
            "--max-reject-ratio",
            "1",
            "--set",
            "lock.stale-after=" + STALE_AFTER.toSeconds() + "s"),
        S3.server());
  }

  /**
   * Waits until the killed run's lock is stale: its last heartbeat older than {@link #STALE_AFTER}.
   */
  private static void awaitStale() throws IOException, InterruptedException {
    if (!S3.objects(LOCK_KEY).containsKey(LOCK_KEY)) {
      return;
    }
    Instant beat =
        Instant.parse(new ObjectMapper().readTree(S3.get(LOCK_KEY)).path("heartbeat_at").asText());
    long wait = Duration.between(Instant.now(), beat.plus(STALE_AFTER).plusSeconds(1)).toMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  private static List<String> underOutput(List<String> keys) {
    return keys.stream().filter(k -> k.startsWith(OUT_PREFIX)).toList();
  }

  private static List<String> magic(Set<String> keys) {
    return keys.stream().filter(k -> k.contains("__magic")).toList();
  }

  @Test
  void theKillLeftAWriteInProgress() {
    assertThat(killed.exitCode()).isEqualTo(137);
    assertThat(killed.pendingUploads()).isNotEmpty();
    assertThat(killed.magicObjects()).isNotEmpty();
  }

  @Test
  void theKillLeftItsLockAndARetryRightAwayIsRefused() {
    assertThat(lockLeft).isTrue();
    assertThat(retryRightAway.exitCode()).as(retryRightAway.describe()).isEqualTo(ExitCode.LOCKED);
    assertThat(retryRightAway.err())
        .startsWith(
            "balrog-logs daily: log_date="
                + DAY
                + " under "
                + OUT
                + " is locked by daily run daily-"
                + DAY
                + "-")
        .doesNotContain("\tat ");
  }

  @Test
  void theRerunExitsZeroWithTheTablesOfALocalRun() {
    assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
    assertThat(rerun.out())
        .contains(DAY + ": broke the stale lock of daily run daily-" + DAY + "-");
    S3DailyRuns.assertSameTables(S3.reader(), localOut, OUT);
  }

  @Test
  void theRerunLeavesNoPendingUploadAndNoMagicObject() {
    assertThat(pendingAfterRerun).isEmpty();
    assertThat(magic(afterRerun.keySet())).isEmpty();
    assertThat(afterRerun.keySet()).noneMatch(k -> k.contains("_locks"));
  }

  @Test
  void everyPartitionIsCommittedByTheMagicCommitter() throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (SummaryTable t : SummaryTables.all()) {
      String key = OUT_PREFIX + t.name() + "/log_date=" + DAY + "/_SUCCESS";
      assertThat(afterRerun).containsKey(key);
      JsonNode success = json.readTree(S3.get(key));
      assertThat(success.path("committer").asText()).as(key).isEqualTo("magic");
      assertThat(success.path("success").asBoolean()).as(key).isTrue();
      assertThat(success.path("filenames")).as(key).isNotEmpty();
    }
    assertThat(
            afterRerun.keySet().stream()
                .filter(k -> k.startsWith(OUT_PREFIX) && k.endsWith("/_SUCCESS")))
        .hasSize(SummaryTables.all().size());
  }
}
