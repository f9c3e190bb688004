package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.testing.S3DailyRuns.DAY;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.sink.OutputLock;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.S3DailyRuns;

/**
 * {@code daily} against a local output whose date is locked: a lock held by another live run makes
 * the run exit 6 with one line and write nothing, and the run after the holder ends writes the
 * tables of a single run; a stale lock is reported without {@code --break-lock} and taken over with
 * it; a live lock is never broken. The CLI runs happen in {@code @BeforeAll} (each starts and stops
 * its own Spark session); the reading session starts after them. ({@code DailyLockIT} runs two
 * whole {@code daily} processes at once, locally and on S3.)
 */
class DailyLockSparkTest {
  @TempDir static Path work;
  static String reference;
  static String logs;
  static SparkSession reader;

  static Path heldOut;
  static CliRun whileHeld;
  static List<String> heldLeft;
  static String heldLockAfterRun;
  static String summaryWhileHeld;
  static CliRun afterRelease;

  static Path staleOut;
  static CliRun staleWithoutBreak;
  static CliRun staleWithBreak;

  static Path liveOut;
  static String liveLock;
  static CliRun liveWithBreak;

  @BeforeAll
  static void runDailyAgainstLocks() throws IOException {
    S3DailyRuns.Local local = S3DailyRuns.local();
    reference = local.summary();
    logs = local.logs().toString();

    heldOut = work.resolve("held");
    try (OutputLock holder =
        OutputLock.acquire(
            new Configuration(),
            heldOut.toString(),
            DAY,
            new OutputLock.Owner("daily", "other-host", 4242, "daily-" + DAY + "-holder"),
            OutputLock.Policy.DEFAULT,
            line -> {})) {
      Path summary = work.resolve("held-summary.json");
      whileHeld =
          S3DailyRuns.daily(
              logs, heldOut.toString(), List.of("--summary-json", summary.toString()));
      heldLeft = files(heldOut);
      heldLockAfterRun = Files.readString(lockFile(heldOut));
      summaryWhileHeld = Files.readString(summary);
      assertThat(holder.location()).endsWith("_locks/log_date=" + DAY + ".lock");
    }
    afterRelease = S3DailyRuns.daily(logs, heldOut.toString(), List.of());

    staleOut = work.resolve("stale");
    writeLock(staleOut, "dead", Instant.now().minus(Duration.ofHours(1)));
    staleWithoutBreak = S3DailyRuns.daily(logs, staleOut.toString(), List.of());
    staleWithBreak = S3DailyRuns.daily(logs, staleOut.toString(), List.of("--break-lock"));

    liveOut = work.resolve("live");
    liveLock = writeLock(liveOut, "alive", Instant.now());
    liveWithBreak =
        S3DailyRuns.daily(
            logs, liveOut.toString(), List.of("--break-lock", "--set", "lock.stale-after=1h"));

    reader = S3DailyRuns.reader(java.util.Map.of());
  }

  @AfterAll
  static void stop() {
    if (reader != null) {
      reader.stop();
    }
  }

  static Path lockFile(Path out) {
    return out.resolve("_locks/log_date=" + DAY + ".lock");
  }

  /** A lock file as a run on another host left it, its last heartbeat at {@code heartbeat}. */
  static String writeLock(Path out, String name, Instant heartbeat) throws IOException {
    Instant beat = heartbeat.truncatedTo(ChronoUnit.MILLIS);
    String json =
        """
        {
          "command" : "daily",
          "host" : "%s-host",
          "pid" : 777,
          "run_id" : "daily-%s-%s",
          "output" : "%s",
          "log_date" : "%s",
          "started_at" : "%s",
          "heartbeat_at" : "%s"
        }
        """
            .formatted(name, DAY, name, out, DAY, beat.minusSeconds(120), beat);
    Files.createDirectories(lockFile(out).getParent());
    Files.writeString(lockFile(out), json, StandardCharsets.UTF_8);
    return json;
  }

  /** Every file and folder under {@code dir}, relative. */
  static List<String> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  /** The one line a refused run prints: no stack trace, no hint about --verbose. */
  static void assertOneLine(CliRun run, String... parts) {
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.LOCKED);
    assertThat(run.err())
        .as(run.describe())
        .matches("balrog-logs daily: log_date=" + DAY + " under [^\\n]+\\n")
        .contains(parts)
        .doesNotContain("\tat ", "--verbose", "Exception");
  }

  static void assertNoLeftovers(Path out) throws IOException {
    assertThat(files(out))
        .isNotEmpty()
        .noneMatch(f -> f.contains("_temporary") || f.contains("_locks"));
  }

  @Test
  void aRunMeetingALiveLockExitsSixWithOneLineAndWritesNothing() throws Exception {
    assertOneLine(
        whileHeld,
        "is locked by daily run daily-" + DAY + "-holder (host other-host, pid 4242) since ",
        ", last heartbeat ",
        "wait for that run to end, or if it died, rerun with --break-lock once its heartbeat is"
            + " older than lock.stale-after (10m)",
        "(lock file " + lockFile(heldOut) + ")");
    // before the scan: no table folder, only the holder's lock, which is left as it was
    assertThat(heldLeft).containsExactly("_locks", "_locks/log_date=" + DAY + ".lock");
    assertThat(heldLockAfterRun).contains("\"run_id\" : \"daily-" + DAY + "-holder\"");
    var summary = new ObjectMapper().readTree(summaryWhileHeld);
    assertThat(summary.path("exit_code").asInt()).isEqualTo(6);
    assertThat(summary.path("exit_reason").asText()).contains("is locked by daily run");
  }

  @Test
  void theRunAfterTheHolderEndedWritesTheTablesOfASingleRunAndLeavesNoLock() throws Exception {
    assertThat(afterRelease.exitCode()).as(afterRelease.describe()).isZero();
    S3DailyRuns.assertSameTables(reader, reference, heldOut.toString());
    assertNoLeftovers(heldOut);
  }

  @Test
  void aStaleLockIsReportedWithoutBreakLockAndTakenOverWithIt() throws Exception {
    assertOneLine(
        staleWithoutBreak,
        "is locked by daily run daily-" + DAY + "-dead (host dead-host, pid 777)",
        "older than lock.stale-after (10m): that run is probably dead); rerun with --break-lock to"
            + " take the lock over");
    assertThat(staleWithBreak.exitCode()).as(staleWithBreak.describe()).isZero();
    assertThat(staleWithBreak.out())
        .contains(
            DAY
                + ": broke the stale lock of daily run daily-"
                + DAY
                + "-dead (host"
                + " dead-host, pid 777) (last heartbeat ");
    S3DailyRuns.assertSameTables(reader, reference, staleOut.toString());
    assertNoLeftovers(staleOut);
  }

  @Test
  void aLiveLockIsNeverBroken() throws Exception {
    assertOneLine(
        liveWithBreak,
        "is locked by daily run daily-" + DAY + "-alive (host alive-host, pid 777)",
        "the lock is live, and --break-lock only takes over a lock whose heartbeat is older than"
            + " lock.stale-after (1h); wait for that run to end");
    assertThat(Files.readString(lockFile(liveOut))).isEqualTo(liveLock);
    assertThat(files(liveOut)).containsExactly("_locks", "_locks/log_date=" + DAY + ".lock");
  }
}
