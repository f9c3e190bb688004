package org.mozilla.balrog.logs.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.sink.Column;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTable;

/**
 * Writes small real partitions of the summary tables for the report's Spark tests: rows given by
 * column name (every required column must be given; optional ones default to null), written with
 * {@link PartitionWriter#write}.
 */
public final class ReportTables {
  private final SparkSession spark;
  private final String root;

  public ReportTables(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root;
  }

  /** One row: alternating column names and values. */
  public static Map<String, Object> row(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "names and values come in pairs: " + Arrays.toString(namesAndValues));
    }
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return m;
  }

  /** Replaces the table's partition of {@code day} with {@code rows}. */
  @SafeVarargs
  public final void write(SummaryTable table, LocalDate day, Map<String, Object>... rows) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      list.add(r);
    }
    write(table, day, list);
  }

  /** Replaces the table's partition of {@code day} with {@code rows}. */
  public void write(SummaryTable table, LocalDate day, List<Map<String, Object>> rows) {
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> values : rows) {
      for (String name : values.keySet()) {
        table.column(name); // fails on a misspelt column
      }
      Object[] cells = new Object[table.columns().size()];
      for (int i = 0; i < cells.length; i++) {
        Column c = table.columns().get(i);
        if (!c.nullable() && values.get(c.name()) == null) {
          throw new IllegalArgumentException(table.name() + "." + c.name() + " is required");
        }
        cells[i] = values.get(c.name());
      }
      out.add(RowFactory.create(cells));
    }
    PartitionWriter.write(
        spark, table, spark.createDataFrame(out, SparkSchemas.structType(table)), root, day);
  }

  /**
   * A real HLL sketch of the fingerprints {@code from..to} (inclusive), as update_population stores
   * it.
   */
  public static byte[] sketch(long from, long to) {
    Sketches.Builder b = new Sketches.Builder(Sketches.DEFAULT_LG_K);
    LongStream.rangeClosed(from, to).forEach(b::add);
    return b.toBytes();
  }

  /** An ingest_audit row of one source. */
  public static Map<String, Object> audit(
      String source, long lines, long rejected, Instant started) {
    return row(
        "source",
        source,
        "run_id",
        "run-" + source,
        "files",
        3L,
        "bytes",
        lines * 100,
        "lines",
        lines,
        "parsed",
        lines - rejected,
        "rejected",
        rejected,
        "rejected_by_reason",
        rejected == 0 ? Map.of() : Map.of("bad_status", rejected),
        "rows",
        lines - rejected,
        "damaged_files",
        0L,
        "started_at",
        started,
        "finished_at",
        started.plusSeconds(90),
        "job_version",
        "test");
  }
}
