package org.mozilla.balrog.logs.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * Deterministic sample logs for the nine input tables (docs/formats.md#default-input-layout) plus a
 * ground-truth {@code manifest.json}. Same config and seed, same bytes: every random stream is
 * derived from (seed, source, day, file) and files are written by independent tasks on a fixed pool
 * of two threads.
 *
 * <p>Before writing, the generator deletes the nine source folders and {@code manifest.json} under
 * {@code out} (only those), so a rerun never mixes files of two runs.
 */
public final class SampleGenerator {
  public static final String VERSION = "1.1";
  private static final List<String> ALL_MALFORMED =
      List.of("truncated", "binary", "unclosed_quote", "blank");

  public GeneratorResult run(GeneratorConfig cfg, Consumer<String> progress) {
    long t0 = System.nanoTime();
    Consumer<String> log = progress == null ? s -> {} : progress;
    prepare(cfg.out());
    DeployPlan plan =
        new DeployPlan(cfg.deploys(), cfg.seed(), cfg.from(), cfg.days(), cfg.loneRestarts());
    ReleasePlan releases = new ReleasePlan(cfg.releases(), cfg.seed(), cfg.from(), cfg.days());
    Population aus5 = Population.modern(cfg.seed(), cfg.clients(), cfg.from());
    int legacy = Math.max(4, cfg.clients() / 100);
    ElbGenerator g5 =
        new ElbGenerator(
            LogSource.AUS5, aus5, new ReleaseRollout(releases, aus5, cfg.seed()), plan, cfg);
    // releases reach the modern population only: Balrog serves the legacy domains' old builds
    // nothing new
    ElbGenerator g3 = legacy(LogSource.AUS3, "aus3", legacy, plan, cfg);
    ElbGenerator g4 = legacy(LogSource.AUS4, "aus4", legacy, plan, cfg);
    log.accept(
        "population: "
            + cfg.clients()
            + " aus5 installs, "
            + legacy
            + " legacy installs each on aus3/aus4");
    Tally total = new Tally();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "balrog-gen");
              t.setDaemon(true);
              return t;
            });
    try {
      for (int d = 0; d < cfg.days(); d++) {
        final int day = d;
        List<Future<Tally>> futures = new ArrayList<>();
        futures.add(pool.submit(() -> g3.writeDay(day)));
        futures.add(pool.submit(() -> g4.writeDay(day)));
        futures.add(pool.submit(() -> new AlbGenerator(cfg, plan).writeDay(day)));
        futures.add(pool.submit(() -> new AdminGenerator(cfg, plan, releases).writeDay(day)));
        ElbGenerator.DaySchedule schedule = g5.schedule(day, total);
        // the web app logs one exception per request a regression fails: it needs the day's aus5
        // update traffic
        int[] updates = schedule.updatesPerBucket();
        futures.add(pool.submit(() -> new WebSyslogGenerator(cfg, plan, updates).writeDay(day)));
        for (int b = 0; b < ElbGenerator.BUCKETS; b++) {
          final int bucket = b;
          futures.add(
              pool.submit(
                  () ->
                      g5.writeBucket(
                          schedule, bucket, ElbGenerator.malformedPlan(cfg, "aus5", day, bucket))));
        }
        for (Future<Tally> f : futures) {
          total.merge(get(f));
        }
        log.accept(
            cfg.from().plusDays(day)
                + ": "
                + schedule.total()
                + " aus5 entries; "
                + total.linesPerSource.values().stream().mapToLong(Long::longValue).sum()
                + " lines so far");
      }
    } finally {
      pool.shutdownNow();
    }
    Path manifest = Manifest.write(cfg, plan, releases, total, VERSION);
    long ms = (System.nanoTime() - t0) / 1_000_000L;
    log.accept(
        "wrote "
            + total.linesPerSource.values().stream().mapToLong(Long::longValue).sum()
            + " lines in "
            + ms
            + " ms; manifest "
            + manifest);
    java.util.EnumMap<LogSource, Long> lines = new java.util.EnumMap<>(LogSource.class);
    for (LogSource s : LogSource.values()) {
      lines.put(s, total.linesPerSource.getOrDefault(s, 0L));
    }
    return new GeneratorResult(manifest, lines, ms);
  }

  private static ElbGenerator legacy(
      LogSource source, String domain, int n, DeployPlan plan, GeneratorConfig cfg) {
    Population pop = Population.legacy(cfg.seed(), n, domain, cfg.from());
    return new ElbGenerator(source, pop, ReleaseRollout.none(pop), plan, cfg);
  }

  private static Tally get(Future<Tally> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The top folder of each source under the root, e.g. {@code elb/aus5}, {@code syslog/web}. */
  static String topFolder(LogSource s) {
    String p = s.basePattern();
    int i = p.indexOf("/AWSLogs");
    return i < 0 ? p : p.substring(0, i);
  }

  private static void prepare(Path out) {
    try {
      Files.createDirectories(out);
      for (LogSource s : LogSource.values()) {
        deleteTree(out.resolve(topFolder(s)));
      }
      Files.deleteIfExists(out.resolve(Manifest.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** {@code <base>/yyyy/MM/dd/<prefix>-yyyyMMdd.log[.gz]} for the single-folder sources. */
  static String dayFile(LogSource s, LocalDate date, String prefix, boolean gzip) {
    StringBuilder sb = new StringBuilder(80).append(s.basePattern()).append('/');
    ElbGenerator.folderPath(sb, date);
    sb.append(prefix)
        .append('-')
        .append(date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE))
        .append(".log");
    if (gzip) {
      sb.append(".gz");
    }
    return sb.toString();
  }

  static List<String> syslogMalformed(GeneratorConfig cfg) {
    return cfg.clean() ? List.of() : ALL_MALFORMED;
  }

  static List<String> lineMalformed(GeneratorConfig cfg) {
    return cfg.clean() ? List.of() : ALL_MALFORMED;
  }
}
