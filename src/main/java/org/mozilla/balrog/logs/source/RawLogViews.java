package org.mozilla.balrog.logs.source;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * Registers the raw-log views (the Redash table names) over the files of a date range. Rows get
 * their {@code log_date} from their own timestamp; rows outside {@code [from, to]} (read from
 * neighbouring delivery folders) are left out.
 */
public final class RawLogViews {
  private RawLogViews() {}

  /** What was registered for one source. */
  public record Registered(LogSource source, int files, long bytes) {}

  public static Map<LogSource, Registered> register(
      SparkSession spark,
      String inputRoot,
      Collection<LogSource> sources,
      LocalDate from,
      LocalDate to) {
    InputDiscovery discovery = new InputDiscovery(spark.sparkContext().hadoopConfiguration());
    Map<LogSource, List<InputFile>> files = discovery.discover(inputRoot, sources, from, to);
    Map<LogSource, Registered> out = new EnumMap<>(LogSource.class);
    for (LogSource source : sources) {
      List<InputFile> fs = files.getOrDefault(source, List.of());
      view(spark, source, fs, from, to).createOrReplaceTempView(source.viewName());
      out.put(
          source, new Registered(source, fs.size(), fs.stream().mapToLong(InputFile::size).sum()));
    }
    return out;
  }

  /** The view rows of {@code source} from {@code files}, limited to {@code [from, to]}. */
  public static Dataset<Row> view(
      SparkSession spark, LogSource source, List<InputFile> files, LocalDate from, LocalDate to) {
    Dataset<Row> events =
        LogScan.events(LogScan.scan(spark, source.format(), files), source.format());
    return events.where(
        col(LogDate.COLUMN).between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)));
  }
}
