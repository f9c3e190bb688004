package org.mozilla.balrog.logs.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * How a {@code daily} date whose SQL reads small data runs it: expressions interpreted rather than
 * compiled, and each query as one Spark job rather than one per shuffle.
 *
 * <p>Everything {@code daily} asks of Spark SQL reads small data: the ELB files are tallied by
 * {@link org.mozilla.balrog.logs.source.ElbPass}'s own tasks, so the queries see the tallies, the
 * stored sketches and the nginx and syslog rows. On such data two of Spark's defaults cost more
 * than they save:
 *
 * <ul>
 *   <li>code generation: each new plan is turned into Java source, compiled by Janino and then by
 *       the JIT, for a few thousand rows. On the 2 M-line bench day (bench/README.md) interpreting
 *       them took about 2 s of 25 off a cold run, with the same rows in every table ({@link
 *       #INTERPRETED});
 *   <li>adaptive execution: it runs each shuffle of a query as a Spark job of its own and plans the
 *       rest again after it, which on small data is mostly driver time; without it, a query is one
 *       job of the session's default parallelism (its task slots) per shuffle ({@link
 *       #NOT_ADAPTIVE}). On the same day, about 6 % off a cold run, with the same rows.
 * </ul>
 *
 * <p>So a date whose nginx and syslog files come to at most {@link #MAX_BYTES} gets both groups of
 * settings. A bigger date keeps the session's own settings; so does a group of which the session
 * was given a setting ({@code --set}, {@code spark-submit --conf}): {@code
 * spark.sql.adaptive.enabled} given keeps adaptive execution and the shuffle partitions as they
 * are.
 */
final class SmallDaySql {
  /** The most nginx and syslog file bytes (as stored, gzip or not) a date runs these with. */
  static final long MAX_BYTES = 256L << 20;

  /** The settings that interpret expressions. */
  static final Map<String, String> INTERPRETED =
      Map.of(
          "spark.sql.codegen.wholeStage", "false",
          // internal to Spark (SQLConf.CODEGEN_FACTORY_MODE, 3.x and 4.x): projections, orderings
          // and predicates from their interpreted implementations instead of generated classes
          "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  /** The setting that turns adaptive execution off (with {@link #SHUFFLE_PARTITIONS}). */
  static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  /** Set to the session's default parallelism when adaptive execution is off. */
  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  private SmallDaySql() {}

  /** Adaptive execution off, with {@code parallelism} shuffle partitions. */
  static Map<String, String> notAdaptive(int parallelism) {
    return Map.of(
        ADAPTIVE, "false", SHUFFLE_PARTITIONS, Integer.toString(Math.max(1, parallelism)));
  }

  /**
   * The session settings for a date with {@code files}: {@link #INTERPRETED} and {@link
   * #notAdaptive}, each unless the session was given one of its settings, or none for a big date.
   *
   * @param isSet whether the session has a setting given explicitly
   * @param parallelism the session's default parallelism (its task slots)
   */
  static Map<String, String> forDay(
      Map<LogSource, List<InputFile>> files, Predicate<String> isSet, int parallelism) {
    long bytes =
        files.entrySet().stream()
            .filter(e -> !ElbDay.reads(e.getKey()))
            .flatMap(e -> e.getValue().stream())
            .mapToLong(InputFile::size)
            .sum();
    Map<String, String> out = new HashMap<>();
    if (bytes > MAX_BYTES) {
      return out;
    }
    if (INTERPRETED.keySet().stream().noneMatch(isSet)) {
      out.putAll(INTERPRETED);
    }
    if (!isSet.test(ADAPTIVE)) {
      out.putAll(notAdaptive(parallelism));
    }
    return out;
  }
}
