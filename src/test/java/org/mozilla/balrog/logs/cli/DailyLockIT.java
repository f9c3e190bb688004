package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.testing.S3DailyRuns.DAY;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.sink.OutputLock;
import org.mozilla.balrog.logs.sink.OutputLockedException;
import org.mozilla.balrog.logs.testing.CliJvm;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.S3DailyRuns;
import org.mozilla.balrog.logs.testing.S3Fixture;
import org.mozilla.balrog.logs.testing.S3ProxyServer;

/**
 * Two writers of one output date at once (issue 14). Two {@code daily} processes, each a JVM of its
 * own as {@code bin/balrog-logs} starts it, are started together against the same output and date,
 * once on a local folder and once on S3 (S3Proxy through S3A): exactly one exits 0, the other exits
 * 6 with one line naming the winner and no stack trace, the tables equal a single run's, and
 * neither a lock nor {@code _temporary}/{@code __magic} leftovers remain. Beneath that, threads
 * race for the lock itself on S3 (the conditional PUT decides), and {@code --break-lock} takes over
 * a stale lock on S3 but refuses a live one.
 */
class DailyLockIT {
  static final String BUCKET = "balrog-lock";
  static final String IN = "s3a://" + BUCKET + "/logs";
  static final int RACE_ROUNDS = 6;
  static final int RACE_WRITERS = 6;

  /** Safety net only: how long the two processes may take together. */
  static final long PAIR_LIMIT_SECONDS = 600;

  @TempDir static Path work;
  @RegisterExtension static final S3Fixture S3 = S3Fixture.withTheDay(BUCKET);
  static String reference;
  static Path logs;

  static List<Integer> raceWinners = new ArrayList<>();
  static List<String> raceKinds = new ArrayList<>();
  static SortedMap<String, String> afterRace;

  static Pair onS3;
  static Pair onLocal;

  static CliRun staleBroken;
  static SortedMap<String, String> afterStale;
  static CliRun liveRefused;
  static SortedMap<String, String> liveBefore;
  static SortedMap<String, String> liveAfter;

  /** Two processes started together: what each said and how it exited. */
  record Pair(String output, List<Run> runs) {
    Run winner() {
      return runs.stream()
          .filter(r -> r.code() == 0)
          .findFirst()
          .orElseThrow(() -> new AssertionError(this));
    }

    Run loser() {
      return runs.stream()
          .filter(r -> r.code() != 0)
          .findFirst()
          .orElseThrow(() -> new AssertionError(this));
    }
  }

  record Run(long pid, int code, String out, String err, double seconds) {}

  @BeforeAll
  static void raceWritersLocallyAndOnS3() throws Exception {
    S3DailyRuns.Local local = S3DailyRuns.local();
    reference = local.summary();
    logs = local.logs();

    raceForTheLockOnS3();

    onS3 = startTogether(S3.url("summary-pair"), IN, S3.server());
    onLocal = startTogether(work.resolve("local-pair").toString(), logs.toString(), null);

    List<String> settings = S3.cliSettings();
    putLock("summary-stale", "dead", Instant.now().minus(Duration.ofHours(1)));
    staleBroken = S3DailyRuns.daily(IN, S3.url("summary-stale"), with(settings, "--break-lock"));
    afterStale = S3.objects("summary-stale/");
    putLock("summary-live", "alive", Instant.now());
    liveBefore = S3.objects("summary-live/");
    liveRefused = S3DailyRuns.daily(IN, S3.url("summary-live"), with(settings, "--break-lock"));
    liveAfter = S3.objects("summary-live/");
  }

  private static List<String> with(List<String> settings, String... more) {
    List<String> all = new ArrayList<>(settings);
    all.addAll(List.of(more));
    return all;
  }

  /**
   * Rounds of writers taking the lock of one date under one S3 output at the same moment, through
   * S3A.
   */
  private static void raceForTheLockOnS3() throws Exception {
    Configuration conf = new Configuration();
    S3.server().s3aSettings(S3.server().endpoint()).forEach(conf::set);
    ExecutorService pool = Executors.newFixedThreadPool(RACE_WRITERS);
    try {
      for (int round = 0; round < RACE_ROUNDS; round++) {
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<OutputLock> won = new ConcurrentLinkedQueue<>();
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < RACE_WRITERS; w++) {
          OutputLock.Owner owner =
              new OutputLock.Owner("daily", "host-" + w, 1000 + w, "race-" + round + "-" + w);
          writers.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      won.add(
                          OutputLock.acquire(
                              conf,
                              S3.url("race"),
                              DAY,
                              owner,
                              OutputLock.Policy.DEFAULT,
                              line -> {}));
                    } catch (OutputLockedException refused) {
                      // the expected outcome for all but one
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : writers) {
          f.get(60, TimeUnit.SECONDS);
        }
        raceWinners.add(won.size());
        won.forEach(l -> raceKinds.add(l.createKind()));
        won.forEach(OutputLock::close);
      }
    } finally {
      pool.shutdownNow();
      FileSystem.closeAll();
    }
    afterRace = S3.objects("race/");
  }

  /**
   * Starts two {@code daily} processes on the same output and date at the same moment and waits for
   * both.
   */
  private static Pair startTogether(String output, String input, S3ProxyServer server)
      throws Exception {
    List<String> args =
        List.of(
            "daily",
            "--master",
            "local[1]",
            "--date",
            DAY.toString(),
            "--input",
            input,
            "--output",
            output,
            "--max-reject-ratio",
            "1");
    String name = output.replaceAll("[^A-Za-z0-9]+", "-");
    List<Process> started = new ArrayList<>();
    List<Path[]> logsOf = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < 2; i++) {
      Path out = work.resolve(name + "-" + i + ".out");
      Path err = work.resolve(name + "-" + i + ".err");
      ProcessBuilder pb = CliJvm.command(args, server).directory(work.toFile());
      started.add(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start());
      logsOf.add(new Path[] {out, err});
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Process p = started.get(i);
      if (!p.waitFor(PAIR_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        started.forEach(Process::destroyForcibly);
        throw new AssertionError(
            "daily on " + output + " did not end within " + PAIR_LIMIT_SECONDS + " s");
      }
      runs.add(
          new Run(
              p.pid(),
              p.exitValue(),
              Files.readString(logsOf.get(i)[0], StandardCharsets.UTF_8),
              Files.readString(logsOf.get(i)[1], StandardCharsets.UTF_8),
              (System.nanoTime() - t0) / 1e9));
    }
    runs.forEach(
        r ->
            System.out.printf(
                "%s: pid %d exit %d after %.1f s%n--- stderr%n%s",
                output, r.pid(), r.code(), r.seconds(), r.err()));
    return new Pair(output, runs);
  }

  /**
   * A lock object as a run on another host left it under {@code prefix}, its last heartbeat at
   * {@code beat}.
   */
  private static void putLock(String prefix, String name, Instant heartbeat) {
    Instant beat = heartbeat.truncatedTo(ChronoUnit.MILLIS);
    String json =
        """
        {"command": "daily", "host": "%s-host", "pid": 777, "run_id": "daily-%s-%s", "output": "s3a://%s/%s",
         "log_date": "%s", "started_at": "%s", "heartbeat_at": "%s"}
        """
            .formatted(name, DAY, name, BUCKET, prefix, DAY, beat.minusSeconds(120), beat);
    S3.server()
        .client()
        .putObject(
            b -> b.bucket(BUCKET).key(prefix + "/_locks/log_date=" + DAY + ".lock"),
            software.amazon.awssdk.core.sync.RequestBody.fromString(json, StandardCharsets.UTF_8));
  }

  /**
   * The refused run's stderr: one line, no stack trace. A child JVM's stderr starts with the JVM's
   * own notice about the incubator module Spark needs ({@code --add-modules=jdk.incubator.vector}),
   * before any of our code runs.
   */
  private static void assertRefusedWithOneLine(String err, String... parts) {
    assertThat(err.replaceFirst("^WARNING: Using incubator modules: jdk.incubator.vector\n", ""))
        .matches("balrog-logs daily: log_date=" + DAY + " under [^\\n]+\\n")
        .contains(parts)
        .doesNotContain("\tat ", "Exception", "--verbose");
  }

  @Test
  void ofWritersRacingForTheLockOnS3ExactlyOneWinsEachRoundByAConditionalPut() {
    assertThat(raceWinners).hasSize(RACE_ROUNDS).containsOnly(1);
    assertThat(raceKinds).hasSize(RACE_ROUNDS).allMatch(k -> k.contains("If-None-Match"));
    // S3A keeps a folder marker for the output root once its last child is gone; no lock is left
    assertThat(afterRace.keySet()).noneMatch(k -> k.contains("_locks"));
  }

  @Test
  void twoProcessesOnS3OneWinsTheOtherExitsSixAndTheTablesAreASingleRuns() {
    assertOneWon(onS3);
    S3DailyRuns.assertSameTables(S3.reader(), reference, onS3.output());
    SortedMap<String, String> left = S3.objects("summary-pair/");
    assertThat(left.keySet())
        .isNotEmpty()
        .noneMatch(k -> k.contains("_locks") || k.contains("__magic") || k.contains("_temporary"));
    assertThat(S3.pendingUploads()).isEmpty();
  }

  @Test
  void twoProcessesOnALocalFolderOneWinsTheOtherExitsSixAndTheTablesAreASingleRuns()
      throws IOException {
    assertOneWon(onLocal);
    S3DailyRuns.assertSameTables(S3.reader(), reference, onLocal.output());
    try (Stream<Path> s = Files.walk(Path.of(onLocal.output()))) {
      List<String> left = s.map(Path::toString).toList();
      assertThat(left)
          .isNotEmpty()
          .noneMatch(f -> f.contains("_locks") || f.contains("_temporary"));
    }
  }

  private static void assertOneWon(Pair pair) {
    assertThat(pair.runs())
        .extracting(Run::code)
        .as(pair.toString())
        .containsExactlyInAnyOrder(0, ExitCode.LOCKED);
    Run winner = pair.winner();
    Run loser = pair.loser();
    assertRefusedWithOneLine(
        loser.err(),
        "under " + pair.output() + " is locked by daily run daily-" + DAY + "-",
        "pid " + winner.pid() + ") since ",
        ", last heartbeat ",
        "rerun with --break-lock once its heartbeat is" + " older than lock.stale-after (10m)",
        "(lock file " + pair.output() + "/_locks/log_date=" + DAY + ".lock)");
    // the loser stopped before the scan: it never printed a table
    assertThat(loser.out()).doesNotContain("wrote ");
    assertThat(winner.out()).contains(DAY + ": wrote {");
  }

  @Test
  void breakLockTakesOverAStaleLockOnS3() {
    assertThat(staleBroken.exitCode()).as(staleBroken.describe()).isZero();
    assertThat(staleBroken.out())
        .contains(
            DAY
                + ": broke the stale lock of daily run daily-"
                + DAY
                + "-dead (host"
                + " dead-host, pid 777) (last heartbeat ");
    S3DailyRuns.assertSameTables(S3.reader(), reference, S3.url("summary-stale"));
    assertThat(afterStale.keySet()).isNotEmpty().noneMatch(k -> k.contains("_locks"));
  }

  @Test
  void breakLockRefusesALiveLockOnS3() {
    assertThat(liveRefused.exitCode()).as(liveRefused.describe()).isEqualTo(ExitCode.LOCKED);
    assertRefusedWithOneLine(
        liveRefused.err(),
        "is locked by daily run daily-" + DAY + "-alive (host alive-host," + " pid 777)",
        "the lock is live, and --break-lock only takes over a lock whose heartbeat is older than"
            + " lock.stale-after (10m)");
    assertThat(liveAfter).isEqualTo(liveBefore).hasSize(1);
  }
}
