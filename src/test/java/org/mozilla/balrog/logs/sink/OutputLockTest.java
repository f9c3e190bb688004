package org.mozilla.balrog.logs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock of an output date on a local folder, without Spark: taking, refusing, racing, breaking,
 * heartbeats.
 */
class OutputLockTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static final Configuration CONF = new Configuration();

  @TempDir Path out;
  final List<String> log = new ArrayList<>();

  private OutputLock acquire(String runId, OutputLock.Policy policy) {
    return OutputLock.acquire(
        CONF,
        out.toString(),
        DAY,
        new OutputLock.Owner("daily", "host-" + runId, 42, runId),
        policy,
        log::add);
  }

  private Path lockFile() {
    return out.resolve("_locks/log_date=2026-11-01.lock");
  }

  /** A lock file as a run that died {@code ago} after its last heartbeat left it. */
  private byte[] leftBy(String runId, Duration ago) throws Exception {
    return leftBy(runId, ago, null);
  }

  private byte[] leftBy(String runId, Duration ago, Duration staleAfter) throws Exception {
    Instant beat = Instant.now().minus(ago);
    byte[] json =
        new LockRecord(
                "daily",
                "old-host",
                7,
                runId,
                out.toString(),
                DAY,
                beat.minusSeconds(60),
                beat,
                staleAfter)
            .toJson();
    Files.createDirectories(lockFile().getParent());
    Files.write(lockFile(), json);
    return json;
  }

  @Test
  void theLockFileNamesItsOwnerAndIsGoneWithItsFolderAfterClose() throws Exception {
    try (OutputLock lock = acquire("run-a", OutputLock.Policy.DEFAULT)) {
      assertThat(lock.location()).endsWith("/_locks/log_date=2026-11-01.lock");
      assertThat(lock.createKind()).contains("O_EXCL");
      JsonNode json = new ObjectMapper().readTree(lockFile().toFile());
      assertThat(json.path("command").asText()).isEqualTo("daily");
      assertThat(json.path("host").asText()).isEqualTo("host-run-a");
      assertThat(json.path("pid").asLong()).isEqualTo(42);
      assertThat(json.path("run_id").asText()).isEqualTo("run-a");
      assertThat(json.path("log_date").asText()).isEqualTo("2026-11-01");
      assertThat(json.path("stale_after").asText()).isEqualTo("PT10M");
      assertThat(Instant.parse(json.path("heartbeat_at").asText()))
          .isEqualTo(Instant.parse(json.path("started_at").asText()));
      lock.ensureHeld("a table");
    }
    assertThat(out.resolve("_locks")).doesNotExist();
    assertThat(log).isEmpty();
  }

  @Test
  void aSecondWriterIsRefusedWithOneLineSayingWhoSinceWhenAndHowToBreakIt() throws Exception {
    try (OutputLock first = acquire("run-a", OutputLock.Policy.DEFAULT)) {
      assertThatThrownBy(() -> acquire("run-b", OutputLock.Policy.DEFAULT))
          .isInstanceOf(OutputLockedException.class)
          .hasMessageStartingWith(
              "log_date=2026-11-01 under "
                  + out
                  + " is locked by daily run run-a (host host-run-a,"
                  + " pid 42) since ")
          .hasMessageContaining(", last heartbeat ")
          .hasMessageContaining(
              "rerun with --break-lock once its heartbeat is older than lock.stale-after (10m)")
          .hasMessageEndingWith("(lock file " + first.location() + ")")
          .message()
          .doesNotContain("\n");
      first.ensureHeld("a table");
    }
    // the refused run left the holder's file alone, and the holder's close removed it
    assertThat(lockFile()).doesNotExist();
    try (OutputLock again = acquire("run-b", OutputLock.Policy.DEFAULT)) {
      assertThat(lockFile()).exists();
    }
  }

  @Test
  void ofEightWritersStartedTogetherExactlyOneWinsEveryRound() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int r = 0; r < 25; r++) {
        String round = "round-" + r;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<OutputLock> won = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        List<Future<?>> runs = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          String runId = round + "-writer-" + w;
          runs.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      won.add(acquire(runId, OutputLock.Policy.DEFAULT));
                    } catch (OutputLockedException e) {
                      refused.add(e.getMessage());
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : runs) {
          f.get(30, TimeUnit.SECONDS);
        }
        assertThat(won).as(round).hasSize(1);
        assertThat(refused)
            .as(round)
            .hasSize(writers - 1)
            .allMatch(m -> m.contains("is locked by daily run " + round + "-writer-"));
        won.forEach(OutputLock::close);
        assertThat(out.resolve("_locks")).doesNotExist();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStaleLockIsReportedWithoutBreakLockAndTakenOverWithIt() throws Exception {
    leftBy("dead-run", Duration.ofMinutes(25));
    assertThatThrownBy(() -> acquire("run-b", OutputLock.Policy.DEFAULT))
        .isInstanceOf(OutputLockedException.class)
        .hasMessageContaining("is locked by daily run dead-run (host old-host, pid 7)")
        .hasMessageContaining(
            "older than lock.stale-after (10m): that run is probably dead); rerun with --break-lock"
                + " to take the lock over")
        .message()
        .containsPattern("last heartbeat \\S+ \\(25m(\\ds)? ago, older than");
    try (OutputLock lock = acquire("run-b", new OutputLock.Policy(Duration.ofMinutes(10), true))) {
      assertThat(LockRecord.parse(Files.readAllBytes(lockFile())).runId()).isEqualTo("run-b");
      assertThat(log)
          .singleElement()
          .asString()
          .startsWith(
              "2026-11-01: broke the stale lock of daily run dead-run (host old-host, pid 7) (last"
                  + " heartbeat ")
          .containsPattern(", 25m(\\ds)? ago; lock file ")
          .endsWith(lock.location() + ")");
    }
    assertThat(out.resolve("_locks")).doesNotExist();
  }

  @Test
  void aLiveLockIsNeverBroken() throws Exception {
    byte[] live = leftBy("live-run", Duration.ofSeconds(30));
    assertThatThrownBy(() -> acquire("run-b", new OutputLock.Policy(Duration.ofMinutes(10), true)))
        .isInstanceOf(OutputLockedException.class)
        .hasMessageContaining("is locked by daily run live-run")
        .hasMessageContaining(
            " ago): the lock is live, and --break-lock only takes over a lock whose heartbeat is"
                + " older than lock.stale-after (10m); wait for that run to end")
        .message()
        .containsPattern("\\(3[01]s ago\\)");
    assertThat(Files.readAllBytes(lockFile())).isEqualTo(live);
    assertThat(log).isEmpty();
  }

  @Test
  void aLockIsJudgedByTheLongerOfTheTwoRunsStaleAfter() throws Exception {
    leftBy("slow-beat", Duration.ofMinutes(20), Duration.ofHours(1));
    assertThatThrownBy(() -> acquire("run-b", new OutputLock.Policy(Duration.ofMinutes(10), true)))
        .isInstanceOf(OutputLockedException.class)
        .hasMessageContaining(
            "the lock is live, and --break-lock only takes over a lock whose heartbeat is older"
                + " than lock.stale-after (1h, the holder's)");
    leftBy("slow-beat", Duration.ofMinutes(61), Duration.ofHours(1));
    try (OutputLock lock = acquire("run-b", new OutputLock.Policy(Duration.ofMinutes(10), true))) {
      assertThat(log)
          .singleElement()
          .asString()
          .contains("broke the stale lock of daily run slow-beat");
    }
  }

  @Test
  void theHeartbeatRefreshesTheFileAndNoticesATakeOver() throws Exception {
    OutputLock.Policy fast = new OutputLock.Policy(Duration.ofMillis(400), false);
    try (OutputLock lock = acquire("run-a", fast)) {
      LockRecord first = LockRecord.parse(Files.readAllBytes(lockFile()));
      Thread.sleep(600);
      LockRecord later = LockRecord.parse(Files.readAllBytes(lockFile()));
      assertThat(later.runId()).isEqualTo("run-a");
      assertThat(later.startedAt()).isEqualTo(first.startedAt());
      assertThat(later.heartbeatAt()).isAfter(first.heartbeatAt());
      lock.ensureHeld("a table");

      // another run writes its own lock over this one (a heartbeat caught between its read and its
      // write puts this
      // run's back: then the other run tries again, as its own heartbeat would make it notice)
      byte[] other = null;
      for (int attempt = 0; attempt < 5 && !lost(lock); attempt++) {
        other = leftBy("thief", Duration.ZERO);
        Thread.sleep(300);
      }
      assertThatThrownBy(() -> lock.ensureHeld("update_population"))
          .isInstanceOf(OutputLockedException.class)
          .hasMessageStartingWith(
              "lost the lock of log_date=2026-11-01 under "
                  + out
                  + ": it was taken over by daily"
                  + " run thief (host old-host, pid 7); stopped before writing update_population");
      // the heartbeat stopped writing, and the close leaves the other run's lock in place
      assertThat(Files.readAllBytes(lockFile())).isEqualTo(other);
    }
    assertThat(LockRecord.parse(Files.readAllBytes(lockFile())).runId()).isEqualTo("thief");
  }

  private static boolean lost(OutputLock lock) {
    try {
      lock.ensureHeld("a table");
      return false;
    } catch (OutputLockedException e) {
      return true;
    }
  }

  @Test
  void anUnreadableLockIsHeldByAnUnknownRunJudgedByItsModificationTime() throws Exception {
    Files.createDirectories(lockFile().getParent());
    Files.writeString(lockFile(), "{\"command\": \"dai", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> acquire("run-b", OutputLock.Policy.DEFAULT))
        .isInstanceOf(OutputLockedException.class)
        .hasMessageContaining("is locked by an unknown run (unreadable lock file: not JSON: ")
        .hasMessageContaining("wait for that run to end")
        .message()
        .doesNotContain("\n");
    Files.setLastModifiedTime(lockFile(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    try (OutputLock lock = acquire("run-b", new OutputLock.Policy(Duration.ofMinutes(10), true))) {
      assertThat(log).singleElement().asString().contains("broke the stale lock of an unknown run");
    }
  }

  @Test
  void theHadoopStoreWithoutConditionalCreateCreatesOnceAndDeletesOnlyWhatItExpects()
      throws Exception {
    FileSystem raw = new RawLocalFileSystem();
    raw.initialize(java.net.URI.create("file:///"), CONF);
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(lockFile().toUri());
    LockStore store = new LockStore.Hadoop(raw, file);
    assertThat(store.createKind()).isEqualTo("create without overwrite, read back");
    byte[] a = "a".getBytes(StandardCharsets.UTF_8);
    assertThat(store.read()).isEmpty();
    assertThat(store.createIfAbsent(a)).isTrue();
    assertThat(store.createIfAbsent("b".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(store.read().orElseThrow().content()).isEqualTo(a);
    store.replace("c".getBytes(StandardCharsets.UTF_8));
    assertThat(store.deleteIfUnchanged(a)).isFalse();
    assertThat(store.deleteIfUnchanged("c".getBytes(StandardCharsets.UTF_8))).isTrue();
    store.removeEmptyFolder();
    assertThat(out.resolve("_locks")).doesNotExist();
    raw.close();
  }

  @Test
  void lockFilesLiveInAnUnderscoreFolderOutsideEveryTable() {
    assertThat(OutputLock.file("s3a://bucket/summary", DAY).toString())
        .isEqualTo("s3a://bucket/summary/_locks/log_date=2026-11-01.lock");
    assertThat(SummaryTables.all()).noneMatch(t -> t.name().startsWith("_"));
    assertThatThrownBy(() -> OutputLock.file("s3a://bucket/../summary", DAY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agesReadLikeDurationSettings() {
    assertThat(OutputLock.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(OutputLock.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(OutputLock.format(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(OutputLock.format(Duration.ofSeconds(3725))).isEqualTo("1h2m5s");
    assertThat(OutputLock.format(Duration.ofHours(50))).isEqualTo("2d2h");
    assertThat(new OutputLock.Policy(Duration.ofMinutes(10), false).heartbeatEvery())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(new OutputLock.Policy(Duration.ofMinutes(2), false).heartbeatEvery())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(new OutputLock.Policy(Duration.ofMillis(200), false).heartbeatEvery())
        .isEqualTo(Duration.ofMillis(100));
    assertThatThrownBy(() -> new OutputLock.Policy(Duration.ZERO, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
