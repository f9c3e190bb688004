package org.mozilla.balrog.logs.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.SparkSessions;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * What the whole-job bench mains ({@link PopulationPart}, {@link RegexBaseline}, {@link ReadFloor})
 * share: their arguments, the Spark session (the same {@link SparkSessions} defaults as {@code
 * daily}), the input files (the update domains' files of one date, found by the job's own {@link
 * InputDiscovery}) and the one line {@code bench/run} parses.
 */
final class BenchJob {
  /** The update domains: the sources the population is computed from. */
  static final Set<LogSource> UPDATE_DOMAINS =
      EnumSet.of(LogSource.AUS3, LogSource.AUS4, LogSource.AUS5);

  /** The line prefix {@code bench/run} looks for. */
  static final String RESULT_PREFIX = "BENCH-RESULT";

  private BenchJob() {}

  /** {@code --input ROOT --date YYYY-MM-DD [--output DIR] [--warmup ROOT]}. */
  record Args(String input, LocalDate day, String output, String warmup) {
    static Args parse(String main, String[] args) {
      String input = null;
      String day = null;
      String output = null;
      String warmup = null;
      for (int i = 0; i + 1 < args.length; i += 2) {
        switch (args[i]) {
          case "--input" -> input = args[i + 1];
          case "--date" -> day = args[i + 1];
          case "--output" -> output = args[i + 1];
          case "--warmup" -> warmup = args[i + 1];
          default -> throw usage(main);
        }
      }
      if (input == null || day == null || args.length % 2 != 0) {
        throw usage(main);
      }
      return new Args(input, LocalDate.parse(day), output, warmup);
    }

    String requireOutput(String main) {
      if (output == null) {
        throw usage(main);
      }
      return output;
    }

    private static IllegalArgumentException usage(String main) {
      return new IllegalArgumentException(
          "usage: " + main + " --input ROOT --date YYYY-MM-DD [--output DIR] [--warmup ROOT]");
    }
  }

  /**
   * One measured part: what it computes from {@code a}'s input, returning the key/value pairs to
   * report.
   */
  @FunctionalInterface
  interface Part {
    String[] run(SparkSession spark, Args a, String output);
  }

  /**
   * Runs {@code part} in a new session and prints its result line. With {@code --warmup ROOT} it
   * first runs the same part, untimed, on that (small) input's same date, so the timed run measures
   * a warm JVM and session: the cost that grows with the data, without the one-off class loading,
   * JIT and code generation a cold run pays.
   */
  static void measure(String name, String[] argv, Part part) {
    Args a = Args.parse(name, argv);
    SparkSession spark = session(name);
    try {
      if (a.warmup() != null) {
        Args w =
            new Args(a.warmup(), a.day(), a.output() == null ? null : a.output() + "-warmup", null);
        part.run(spark, w, w.output());
      }
      long start = System.nanoTime();
      String[] kv = part.run(spark, a, a.output());
      report(name, start, kv);
    } finally {
      spark.stop();
    }
  }

  static SparkSession session(String name) {
    return SparkSessions.create(JobConfig.defaults(), "bench-" + name);
  }

  /** The update domains' files of {@code day}, per domain (domains without files left out). */
  static Map<LogSource, List<InputFile>> updateFiles(SparkSession spark, Args a) {
    Map<LogSource, List<InputFile>> files =
        new InputDiscovery(spark.sparkContext().hadoopConfiguration())
            .discover(a.input(), UPDATE_DOMAINS, a.day(), a.day());
    files.values().removeIf(List::isEmpty);
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "no update-domain files for " + a.day() + " under " + a.input());
    }
    return files;
  }

  static List<String> paths(List<InputFile> files) {
    List<String> out = new ArrayList<>();
    files.forEach(f -> out.add(f.path()));
    return out;
  }

  /**
   * Prints the one line {@code bench/run} parses: {@code BENCH-RESULT name seconds=S key=value...}.
   */
  static void report(String name, long startNanos, String... keyValues) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    StringBuilder sb = new StringBuilder(RESULT_PREFIX).append(' ').append(name);
    sb.append(String.format(Locale.ROOT, " in_job_seconds=%.3f", seconds));
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      sb.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
    }
    System.out.println(sb);
  }
}
