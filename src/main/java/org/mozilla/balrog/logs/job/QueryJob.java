package org.mozilla.balrog.logs.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.NoInputException;
import org.mozilla.balrog.logs.source.RawLogViews;

/**
 * {@code query}: one read-only statement ({@link ReadOnlySql}) over the raw-log views (files under
 * the input root) and the summary tables (Parquet folders under the output root, by table name).
 * Only the views the SQL names are registered, and only for the date range asked (all dates present
 * when none is given).
 */
public final class QueryJob {
  private QueryJob() {}

  /**
   * @param from first log date, null for "from the earliest folder"
   * @param to last log date, null for "to the latest folder"
   * @param maxRows rows shown by the table format
   */
  public record Request(
      String sql,
      Map<String, String> params,
      LocalDate from,
      LocalDate to,
      ResultFormat format,
      int maxRows,
      QueryEngine engine) {
    /** A request for Spark (the engine of jobs and notebooks that hold a session). */
    public Request(
        String sql,
        Map<String, String> params,
        LocalDate from,
        LocalDate to,
        ResultFormat format,
        int maxRows) {
      this(sql, params, from, to, format, maxRows, QueryEngine.SPARK);
    }
  }

  /**
   * Renders the SQL (parameters substituted); fails fast, before Spark starts, on parameter errors.
   */
  public static String render(Request req) {
    return new SqlTemplate(req.sql()).render(req.params());
  }

  /**
   * Runs the rendered SQL on the embedded DuckDB when the request's engine allows it and DuckDB can
   * answer ({@link DuckDbQuery}); returns the number of rows written, or empty when Spark must run
   * it ({@link #run}): nothing was written then.
   *
   * @throws IllegalArgumentException when the engine is DuckDB and DuckDB cannot run the statement
   *     (a {@link ReadOnlySql.Refused} for a statement it never runs)
   */
  public static OptionalLong runEmbedded(
      JobConfig cfg, Request req, String renderedSql, Writer out) {
    if (req.engine() == QueryEngine.SPARK) {
      return OptionalLong.empty();
    }
    boolean forced = req.engine() == QueryEngine.DUCKDB;
    String lower = renderedSql.toLowerCase(Locale.ROOT);
    List<String> raw = new ArrayList<>();
    rawViews(lower).forEach(s -> raw.add(s.viewName()));
    String whyNot = DuckDbQuery.whyNot(cfg.output(), renderedSql, raw);
    if (whyNot != null) {
      if (forced) {
        throw new IllegalArgumentException("--engine duckdb cannot run this query: " + whyNot);
      }
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(
          DuckDbQuery.run(
              DuckDbQuery.localRoot(cfg.output()), renderedSql, req.format(), req.maxRows(), out));
    } catch (DuckDbQuery.NotEmbeddable e) {
      if (!forced) {
        return OptionalLong.empty();
      }
      throw e.refused
          ? new ReadOnlySql.Refused(e.getMessage() + " on DuckDB")
          : new IllegalArgumentException(e.getMessage());
    }
  }

  /**
   * Runs the rendered SQL and writes the result; returns the number of rows. The SQL must be one
   * read-only statement ({@link ReadOnlySql}): it is checked as parsed, before any view is
   * registered, and again as analysed.
   */
  public static long run(
      SparkSession spark, JobConfig cfg, Request req, String renderedSql, Writer out) {
    ReadOnlySql.parse(spark, renderedSql);
    String lower = renderedSql.toLowerCase(Locale.ROOT);
    Set<LogSource> sources = rawViews(lower);
    if (!sources.isEmpty()) {
      registerRawViews(spark, cfg, req, sources);
    }
    registerSummaryTables(spark, cfg, lower);
    Dataset<Row> result = spark.sql(renderedSql);
    ReadOnlySql.checkAnalyzed(result.queryExecution().analyzed());
    StructType schema = result.schema();
    List<String> columns = List.of(schema.fieldNames());
    Iterator<Row> rows = result.toLocalIterator();
    Iterator<List<Object>> values =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public List<Object> next() {
            return SparkValues.row(rows.next(), schema);
          }
        };
    long n = req.format().write(columns, values, out, req.maxRows());
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  private static void registerRawViews(
      SparkSession spark, JobConfig cfg, Request req, Set<LogSource> sources) {
    if (cfg.input() == null) {
      throw new IllegalArgumentException(
          "the query reads raw-log views ("
              + names(sources)
              + "): give the input root with --input");
    }
    LocalDate from = req.from();
    LocalDate to = req.to();
    if (from == null || to == null) {
      List<LocalDate> dates =
          new InputDiscovery(spark.sparkContext().hadoopConfiguration())
              .availableDates(cfg.input(), sources);
      if (dates.isEmpty()) {
        throw new NoInputException(
            "no log folders for " + names(sources) + " under " + cfg.input());
      }
      // a delivery folder holds the previous day's last entries too
      from = from != null ? from : dates.get(0).minusDays(1);
      to = to != null ? to : dates.get(dates.size() - 1);
    }
    RawLogViews.register(spark, cfg.input(), sources, from, to);
  }

  /** Registers every Parquet table folder under the output root that the SQL names. */
  private static void registerSummaryTables(SparkSession spark, JobConfig cfg, String lowerSql) {
    if (cfg.output() == null) {
      return;
    }
    Path root = new Path(cfg.output());
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return;
      }
      for (FileStatus st : fs.listStatus(root)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && namesTable(lowerSql, name)) {
          spark.read().parquet(st.getPath().toString()).createOrReplaceTempView(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list output root " + root + ": " + e.getMessage(), e);
    }
  }

  /** The raw-log views that the (lower-cased) SQL names. */
  private static Set<LogSource> rawViews(String lowerSql) {
    Set<LogSource> sources = EnumSet.noneOf(LogSource.class);
    for (LogSource s : LogSource.values()) {
      if (lowerSql.contains(s.viewName())) {
        sources.add(s);
      }
    }
    return sources;
  }

  /**
   * Whether the (lower-cased) SQL names the table folder {@code folder}: the engines register only
   * the tables a statement names.
   */
  static boolean namesTable(String lowerSql, String folder) {
    return folder.matches("[a-z][a-z0-9_]*") && lowerSql.contains(folder);
  }

  private static String names(Set<LogSource> sources) {
    List<String> n = new ArrayList<>();
    sources.forEach(s -> n.add(s.viewName()));
    return String.join(", ", n);
  }
}
