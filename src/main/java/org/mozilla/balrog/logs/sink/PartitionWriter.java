package org.mozilla.balrog.logs.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes and reads the Parquet partitions of the summary tables: {@code
 * ROOT/<table>/log_date=YYYY-MM-DD/}.
 *
 * <p>A write replaces exactly one date partition by overwriting that leaf folder directly
 * (docs/design.md#replacing-one-date-partition): it works with the S3A magic committer, which
 * refuses dynamic partition overwrite, and the only thing ever deleted is that folder. It is not
 * atomic for readers: while it runs, and after a failed run until the rerun, the date is missing.
 * Never run two writes of the same partition at once: {@code daily} holds the date's {@link
 * OutputLock} while it writes.
 *
 * <p>Driver only. A write sets two Parquet settings on the session for its duration and restores
 * them afterwards ({@link SessionSettings}), so do not change those settings from another thread
 * while it runs; to write from several threads at once, set them ({@link #settings}) around all the
 * writes.
 */
public final class PartitionWriter {
  /**
   * Snappy: every Parquet reader (Athena, Trino, parquet-avro, old Hive) has it; zstd is not
   * everywhere yet.
   */
  static final String COMPRESSION = "snappy";

  /**
   * Session settings of the write. TIMESTAMP_MICROS instead of Spark's default INT96, which is
   * deprecated and which parquet-avro cannot read; the standard (non-legacy) layout so arrays and
   * maps are the 3-level LIST/MAP groups every reader understands.
   */
  static final Map<String, String> WRITE_CONF =
      Map.of(
          "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS",
          "spark.sql.parquet.writeLegacyFormat", "false");

  private static final String GLOB_CHARS = "*?[]{}\\";

  /**
   * The session settings every write sets ({@link #WRITE_CONF}): a caller that runs writes from
   * several threads sets them around all of them, so no write puts them back while another runs.
   */
  public static Map<String, String> settings() {
    return WRITE_CONF;
  }

  private PartitionWriter() {}

  /**
   * Replaces the partition {@code outputRoot/<table>/log_date=<day>} with {@code rows}; an empty
   * dataset leaves a readable empty partition (one schema-only file).
   *
   * <p>The dataset's columns must be the table's: same names, order and types (nullability aside);
   * otherwise an {@link IllegalArgumentException} lists the differences before anything is deleted.
   * The files get the table's nullability, whatever the dataset's says: a null in a required column
   * fails the write.
   *
   * @param outputRoot local folder or {@code s3a://} prefix; not blank, no {@code .}/{@code ..}
   *     segments or glob characters
   * @return the rows written, from the written files' footers (so the rows are computed once, by
   *     the write)
   */
  public static long write(
      SparkSession spark, SummaryTable table, Dataset<Row> rows, String outputRoot, LocalDate day) {
    Objects.requireNonNull(day, "day");
    Path leaf = partitionPath(table, outputRoot, day);
    StructType expected = SparkSchemas.structType(table);
    List<String> differences = differences(expected, rows.schema());
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException(
          "rows for "
              + table.name()
              + " do not have the table's columns: "
              + String.join("; ", differences));
    }
    // Parquet takes the nullability from the dataset; rebuilding it on the table's schema gives the
    // files the declared
    // one (the Avro schemas and DDL promise it) and checks required columns for nulls.
    Dataset<Row> typed =
        rows.schema().equals(expected) ? rows : spark.createDataFrame(rows.javaRDD(), expected);
    SessionSettings.with(
        spark,
        WRITE_CONF,
        () -> {
          typed
              .write()
              .mode(SaveMode.Overwrite)
              .option("compression", COMPRESSION)
              .parquet(leaf.toString());
          return null;
        });
    return rowsIn(spark, leaf);
  }

  /** A file Spark wrote with data (or, for an empty partition, only the schema): {@code part-*}. */
  private static boolean isDataFile(FileStatus f) {
    return f.getPath().getName().startsWith("part-");
  }

  /**
   * The rows in a partition's data files ({@link #isDataFile}), as their Parquet footers count
   * them.
   */
  private static long rowsIn(SparkSession spark, Path leaf) {
    FileSystem fs = fileSystem(spark, leaf);
    long rows = 0;
    try {
      for (FileStatus f : fs.listStatus(leaf)) {
        if (isDataFile(f)) {
          try (ParquetFileReader r =
              ParquetFileReader.open(HadoopInputFile.fromStatus(f, fs.getConf()))) {
            rows += r.getRecordCount();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the footers of " + leaf, e);
    }
    return rows;
  }

  /**
   * The whole table as {@link SparkSchemas#readSchema}: its columns plus {@code log_date} (DATE,
   * from the folder names); an empty dataset of that schema when the table folder does not exist.
   */
  public static Dataset<Row> read(SparkSession spark, SummaryTable table, String outputRoot) {
    Path dir = tablePath(table, outputRoot);
    StructType schema = SparkSchemas.readSchema(table);
    if (!exists(fileSystem(spark, dir), dir)) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().option("basePath", dir.toString()).schema(schema).parquet(dir.toString());
  }

  /**
   * Whether the partition was written: its folder holds a Spark data file ({@code part-*}; an empty
   * partition has a schema-only one). A folder with only a failed attempt's leftovers does not
   * count.
   */
  public static boolean exists(
      SparkSession spark, SummaryTable table, String outputRoot, LocalDate day) {
    Path leaf = partitionPath(table, outputRoot, day);
    FileSystem fs = fileSystem(spark, leaf);
    try {
      if (!fs.exists(leaf)) {
        return false;
      }
      return Arrays.stream(fs.listStatus(leaf))
          .filter(FileStatus::isFile)
          .anyMatch(PartitionWriter::isDataFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + leaf, e);
    }
  }

  /** {@code outputRoot/<table>/log_date=<day>}, after checking it cannot land anywhere else. */
  static Path partitionPath(SummaryTable table, String outputRoot, LocalDate day) {
    Path tableDir = tablePath(table, outputRoot);
    Path leaf = new Path(tableDir, SummaryTable.PARTITION_COLUMN + "=" + day);
    // table names are snake_case and a LocalDate prints as yyyy-MM-dd, so this holds; checked
    // anyway because the
    // write deletes this folder
    if (!leaf.getParent().equals(tableDir)
        || !leaf.getName().equals(SummaryTable.PARTITION_COLUMN + "=" + day)) {
      throw new IllegalArgumentException("partition path " + leaf + " is not under " + tableDir);
    }
    return leaf;
  }

  static Path tablePath(SummaryTable table, String outputRoot) {
    Path root = new Path(checkedRoot(outputRoot));
    Path dir = new Path(root, table.name());
    if (!root.equals(dir.getParent())) {
      throw new IllegalArgumentException("table path " + dir + " is not under output root " + root);
    }
    return dir;
  }

  /**
   * Rejects roots that would make the written or deleted folder depend on path resolution rather
   * than on the text: relative segments, glob characters (Hadoop expands them when reading),
   * surrounding blanks.
   */
  static String checkedRoot(String outputRoot) {
    if (outputRoot == null || outputRoot.isBlank()) {
      throw new IllegalArgumentException(
          "output root is empty: give --output ROOT (a local folder or s3a:// prefix)");
    }
    if (!outputRoot.equals(outputRoot.strip())) {
      throw new IllegalArgumentException(
          "output root has leading or trailing blanks: '" + outputRoot + "'");
    }
    for (char c : GLOB_CHARS.toCharArray()) {
      if (outputRoot.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "output root must not contain '" + c + "': " + outputRoot);
      }
    }
    String path = outputRoot.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "output root must not contain '" + segment + "' segments: " + outputRoot);
      }
    }
    return outputRoot;
  }

  /**
   * What differs between the table's columns and the dataset's: missing, unexpected, misplaced,
   * mistyped.
   */
  static List<String> differences(StructType expected, StructType actual) {
    List<String> out = new ArrayList<>();
    List<String> want = Arrays.asList(expected.fieldNames());
    List<String> have = Arrays.asList(actual.fieldNames());
    List<String> missing = want.stream().filter(n -> !have.contains(n)).toList();
    List<String> extra = have.stream().filter(n -> !want.contains(n)).toList();
    if (!missing.isEmpty()) {
      out.add("missing " + missing);
    }
    if (!extra.isEmpty()) {
      out.add(
          "unexpected "
              + extra
              + (extra.contains(SummaryTable.PARTITION_COLUMN)
                  ? " (log_date is the folder, not a column)"
                  : ""));
    }
    if (have.size() != have.stream().distinct().count()) {
      out.add("duplicate column names " + have);
    }
    for (StructField f : expected.fields()) {
      if (have.contains(f.name())) {
        DataType got = actual.apply(f.name()).dataType();
        if (!DataType.equalsStructurally(f.dataType(), got, true)) {
          out.add(
              f.name() + " is " + got.simpleString() + ", expected " + f.dataType().simpleString());
        }
      }
    }
    if (out.isEmpty() && !want.equals(have)) {
      out.add("column order is " + have + ", expected " + want);
    }
    return out;
  }

  private static boolean exists(FileSystem fs, Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  private static FileSystem fileSystem(SparkSession spark, Path path) {
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("no file system for " + path, e);
    }
  }
}
