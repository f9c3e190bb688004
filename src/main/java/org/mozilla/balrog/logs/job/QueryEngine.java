package org.mozilla.balrog.logs.job;

import java.util.Locale;

/**
 * Which engine runs a {@code query}: Spark (raw-log views, any output root, clusters), the embedded
 * DuckDB reading the summary tables' Parquet directly (no Spark start-up: answers in about a
 * second), or {@link #AUTO}: DuckDB when it can answer, else Spark.
 */
public enum QueryEngine {
  /**
   * DuckDB when the statement is one SELECT (or WITH, VALUES, FROM) over summary tables only, the
   * output root is a local folder and DuckDB is on the classpath; Spark otherwise.
   */
  AUTO,
  SPARK,
  DUCKDB;

  public static QueryEngine parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown engine '" + s + "' (use auto, spark or duckdb)");
    }
  }
}
