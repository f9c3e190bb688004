package org.mozilla.balrog.logs.job;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * Whether a {@code daily} date runs its Spark SQL with expressions interpreted rather than
 * compiled.
 *
 * <p>Everything {@code daily} asks of Spark SQL reads small data: the ELB files are tallied by
 * {@link org.mozilla.balrog.logs.source.ElbPass}'s own tasks, so the queries see the tallies, the
 * stored sketches and the nginx and syslog rows. On such data Spark's code generation costs more
 * than it saves: each new plan is turned into Java source, compiled by Janino and then by the JIT,
 * for a few thousand rows. On the 2 M-line bench day (bench/README.md) interpreting them took about
 * 2 s of 25 off a cold run, with the same rows in every table.
 *
 * <p>So a date whose nginx and syslog files come to at most {@link #MAX_BYTES} runs with
 * whole-stage code generation off and Spark's expression factories in their interpreted mode. A
 * bigger date, or a session where either setting was given ({@code --set}, {@code spark-submit
 * --conf}), keeps the session's own settings.
 */
final class InterpretedSql {
  /** The most nginx and syslog file bytes (as stored, gzip or not) a date runs interpreted with. */
  static final long MAX_BYTES = 256L << 20;

  /** The settings of an interpreted run. */
  static final Map<String, String> SETTINGS =
      Map.of(
          "spark.sql.codegen.wholeStage", "false",
          // internal to Spark (SQLConf.CODEGEN_FACTORY_MODE, 3.x and 4.x): projections, orderings
          // and predicates from their interpreted implementations instead of generated classes
          "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  private InterpretedSql() {}

  /**
   * The session settings for a date with {@code files}: {@link #SETTINGS}, or none.
   *
   * @param isSet whether the session has a setting given explicitly
   */
  static Map<String, String> forDay(
      Map<LogSource, List<InputFile>> files, Predicate<String> isSet) {
    if (SETTINGS.keySet().stream().anyMatch(isSet)) {
      return Map.of();
    }
    long bytes =
        files.entrySet().stream()
            .filter(e -> !ElbDay.reads(e.getKey()))
            .flatMap(e -> e.getValue().stream())
            .mapToLong(InputFile::size)
            .sum();
    return bytes <= MAX_BYTES ? SETTINGS : Map.of();
  }
}
