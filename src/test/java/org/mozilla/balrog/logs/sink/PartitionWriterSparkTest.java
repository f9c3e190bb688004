package org.mozilla.balrog.logs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mozilla.balrog.logs.sink.SampleRows.ALL_TYPES;
import static org.mozilla.balrog.logs.sink.SampleRows.canonical;
import static org.mozilla.balrog.logs.sink.SampleRows.canonicalRecords;
import static org.mozilla.balrog.logs.sink.SampleRows.rows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.testing.LocalSpark;
import org.mozilla.balrog.logs.testing.ParquetAvroReader;

/**
 * Writes real partitions with a local session and reads them back with Spark and with parquet-avro
 * (no Spark).
 */
class PartitionWriterSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  private static final LocalDate DAY1 = LocalDate.parse("2026-11-01");
  private static final LocalDate DAY2 = LocalDate.parse("2026-11-02");

  @TempDir Path out;

  private static List<SummaryTable> tables() {
    List<SummaryTable> all = new ArrayList<>(SummaryTables.all());
    all.add(ALL_TYPES);
    return all;
  }

  private static Dataset<Row> dataset(SummaryTable table, List<Row> rows) {
    return SPARK.session().createDataFrame(rows, SparkSchemas.structType(table));
  }

  private Path partition(SummaryTable table, LocalDate day) {
    return out.resolve(table.name()).resolve("log_date=" + day);
  }

  @Test
  void everyTableRoundTripsThroughParquetAvroAndSpark() throws IOException {
    SparkSession spark = SPARK.session();
    for (SummaryTable table : tables()) {
      List<Row> day1 = rows(table, 1, 3);
      List<Row> day2 = rows(table, 2, 2);
      PartitionWriter.write(spark, table, dataset(table, day1), out.toString(), DAY1);
      PartitionWriter.write(spark, table, dataset(table, day2), out.toString(), DAY2);

      for (LocalDate day : List.of(DAY1, DAY2)) {
        Path dir = partition(table, day);
        assertCompatible(table, ParquetAvroReader.schema(dir));
        assertThat(ParquetAvroReader.dataFiles(dir))
            .allSatisfy(f -> assertThat(f.toString()).contains(".snappy."));
        assertThat(PartitionWriter.exists(spark, table, out.toString(), day)).isTrue();
      }
      assertThat(canonicalRecords(ParquetAvroReader.read(partition(table, DAY1))))
          .as(table.name() + " via parquet-avro")
          .isEqualTo(canonical(day1));
      assertThat(canonicalRecords(ParquetAvroReader.read(partition(table, DAY2))))
          .isEqualTo(canonical(day2));
      assertThat(
              canonicalRecords(
                  ParquetAvroReader.read(partition(table, DAY2), AvroSchemas.schema(table))))
          .as(table.name() + " via parquet-avro with the published schema")
          .isEqualTo(canonical(day2));

      Dataset<Row> read = PartitionWriter.read(spark, table, out.toString());
      assertThat(read.schema()).isEqualTo(SparkSchemas.readSchema(table));
      assertThat(canonical(read.collectAsList()))
          .as(table.name() + " via Spark")
          .isEqualTo(canonical(withDate(day1, DAY1, day2, DAY2)));
      assertThat(PartitionWriter.exists(spark, table, out.toString(), DAY2.plusDays(1))).isFalse();
    }
  }

  @Test
  void rerunOfOneDateReplacesExactlyThatPartition() throws Exception {
    SparkSession spark = SPARK.session();
    SummaryTable table = SummaryTables.INGEST_AUDIT;
    PartitionWriter.write(spark, table, dataset(table, rows(table, 1, 3)), out.toString(), DAY1);
    PartitionWriter.write(spark, table, dataset(table, rows(table, 2, 3)), out.toString(), DAY2);
    Map<String, String> day1Before = snapshot(partition(table, DAY1));

    // the rerun's dataset says every column is nullable, as Spark often infers; the files keep the
    // table's
    List<Row> rerun = rows(table, 7, 1);
    Dataset<Row> nullable =
        spark.createDataFrame(rerun, allNullable(SparkSchemas.structType(table)));
    PartitionWriter.write(spark, table, nullable, out.toString(), DAY2);

    assertThat(snapshot(partition(table, DAY1))).isEqualTo(day1Before);
    assertThat(canonicalRecords(ParquetAvroReader.read(partition(table, DAY2))))
        .isEqualTo(canonical(rerun));
    assertCompatible(table, ParquetAvroReader.schema(partition(table, DAY2)));
    try (Stream<Path> s = Files.list(out.resolve(table.name()))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("log_date=2026-11-01", "log_date=2026-11-02");
    }
    Dataset<Row> day2 =
        PartitionWriter.read(spark, table, out.toString()).where("log_date = DATE'2026-11-02'");
    assertThat(canonical(day2.drop("log_date").collectAsList())).isEqualTo(canonical(rerun));
  }

  @Test
  void theSparkDdlRegistersTheWrittenPartitions() {
    SparkSession spark = SPARK.session();
    SummaryTable table = SummaryTables.INGEST_AUDIT;
    List<Row> day1 = rows(table, 1, 2);
    List<Row> day2 = rows(table, 2, 3);
    PartitionWriter.write(spark, table, dataset(table, day1), out.toString(), DAY1);
    PartitionWriter.write(spark, table, dataset(table, day2), out.toString(), DAY2);

    List<String> ddl = Ddl.statements(Dialect.SPARK, out.toUri().toString(), "default");
    int i = SummaryTables.all().indexOf(table);
    try {
      spark.sql(ddl.get(2 * i)); // CREATE TABLE, comments with backslash-escaped quotes included
      spark.sql(ddl.get(2 * i + 1)); // MSCK REPAIR TABLE
      Dataset<Row> t = spark.table("default.ingest_audit");
      assertThat(t.schema().fieldNames())
          .containsExactly(SparkSchemas.readSchema(table).fieldNames());
      assertThat(t.schema().apply("started_at").dataType()).isEqualTo(DataTypes.TimestampType);
      assertThat(t.where("log_date = DATE'2026-11-02'").count()).isEqualTo(3);
      assertThat(canonical(t.collectAsList()))
          .isEqualTo(canonical(withDate(day1, DAY1, day2, DAY2)));
    } finally {
      spark.sql("DROP TABLE IF EXISTS default.ingest_audit");
    }
  }

  @Test
  void emptyDatasetLeavesAReadableEmptyPartition() throws IOException {
    SparkSession spark = SPARK.session();
    SummaryTable table = SummaryTables.UPDATE_POPULATION;
    PartitionWriter.write(spark, table, dataset(table, rows(table, 1, 2)), out.toString(), DAY1);
    PartitionWriter.write(spark, table, dataset(table, List.of()), out.toString(), DAY1);

    assertThat(PartitionWriter.exists(spark, table, out.toString(), DAY1)).isTrue();
    assertThat(ParquetAvroReader.read(partition(table, DAY1))).isEmpty();
    assertCompatible(table, ParquetAvroReader.schema(partition(table, DAY1)));
    Dataset<Row> read = PartitionWriter.read(spark, table, out.toString());
    assertThat(read.count()).isZero();
    assertThat(read.schema()).isEqualTo(SparkSchemas.readSchema(table));
  }

  @Test
  void aWriteLeavesTheSessionsParquetSettingsAsTheyWere() throws IOException {
    SparkSession spark = SPARK.session();
    SummaryTable table = SummaryTables.INGEST_AUDIT;
    String timestamps = "spark.sql.parquet.outputTimestampType";
    String legacy = "spark.sql.parquet.writeLegacyFormat";
    assertThat(PartitionWriter.WRITE_CONF).containsKeys(timestamps, legacy);
    spark.conf().set(timestamps, "INT96");
    assertThat(spark.conf().contains(legacy)).isFalse();
    try {
      List<Row> rows = rows(table, 1, 2);
      PartitionWriter.write(spark, table, dataset(table, rows), out.toString(), DAY1);
      // the files have the write's own setting (parquet-avro cannot read INT96 timestamps), the
      // session its own again
      assertThat(canonicalRecords(ParquetAvroReader.read(partition(table, DAY1))))
          .isEqualTo(canonical(rows));
      assertThat(spark.conf().get(timestamps)).isEqualTo("INT96");
      assertThat(spark.conf().contains(legacy)).isFalse();
    } finally {
      spark.conf().unset(timestamps);
    }
  }

  @Test
  void sessionSettingsAreRestoredAfterWorkThatFails() {
    SparkSession spark = SPARK.session();
    String set = "spark.sql.codegen.wholeStage";
    String unset = "spark.sql.codegen.factoryMode";
    spark.conf().set(set, "true");
    try {
      assertThatThrownBy(
              () ->
                  SessionSettings.with(
                      spark,
                      Map.of(set, "false", unset, "NO_CODEGEN"),
                      () -> {
                        assertThat(spark.conf().get(set)).isEqualTo("false");
                        assertThat(spark.conf().get(unset)).isEqualTo("NO_CODEGEN");
                        throw new IllegalStateException("work failed");
                      }))
          .hasMessage("work failed");
      assertThat(spark.conf().get(set)).isEqualTo("true");
      assertThat(spark.conf().contains(unset)).isFalse();
      assertThat(SessionSettings.with(spark, Map.of(), () -> spark.conf().get(set)))
          .isEqualTo("true");
    } finally {
      spark.conf().unset(set);
    }
  }

  @Test
  void readingATableNeverWrittenGivesNoRowsWithTheSameSchema() {
    Dataset<Row> read =
        PartitionWriter.read(SPARK.session(), SummaryTables.INGEST_AUDIT, out.toString());
    assertThat(read.count()).isZero();
    assertThat(read.schema()).isEqualTo(SparkSchemas.readSchema(SummaryTables.INGEST_AUDIT));
    assertThat(
            PartitionWriter.exists(
                SPARK.session(), SummaryTables.INGEST_AUDIT, out.toString(), DAY1))
        .isFalse();
  }

  @Test
  void refusesRootsThatCouldWriteOrDeleteElsewhere() throws Exception {
    SparkSession spark = SPARK.session();
    SummaryTable table = SummaryTables.INGEST_AUDIT;
    Dataset<Row> rows = dataset(table, rows(table, 1, 1));
    Path sibling = Files.createDirectories(out.resolve("keep/ingest_audit/log_date=2026-11-01"));
    Files.writeString(sibling.resolve("part-0.parquet"), "not to be deleted");
    for (String root :
        List.of(
            "",
            "   ",
            out + "/x/../keep",
            out + "/./keep",
            out + "/ke*",
            out + "/{keep,x}",
            " " + out,
            "s3a://bucket/a/../b")) {
      assertThatThrownBy(() -> PartitionWriter.write(spark, table, rows, root, DAY1))
          .as(root)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("output root");
    }
    assertThatThrownBy(() -> PartitionWriter.write(spark, table, rows, null, DAY1))
        .hasMessageContaining("output root is empty");
    assertThat(Files.readString(sibling.resolve("part-0.parquet"))).isEqualTo("not to be deleted");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("keep");
    }
  }

  @Test
  void refusesADatasetWhoseColumnsDifferAndNamesTheDifferences() {
    SparkSession spark = SPARK.session();
    SummaryTable table = SummaryTables.UPDATE_POPULATION_ROLLING;
    Dataset<Row> good = dataset(table, rows(table, 1, 2));

    Dataset<Row> wrong =
        good.drop("days_missing")
            .withColumn("clients", good.col("clients").cast("int"))
            .withColumn("log_date", org.apache.spark.sql.functions.current_date());
    assertThatThrownBy(() -> PartitionWriter.write(spark, table, wrong, out.toString(), DAY1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("update_population_rolling")
        .hasMessageContaining("missing [days_missing]")
        .hasMessageContaining("unexpected [log_date] (log_date is the folder, not a column)")
        .hasMessageContaining("clients is int, expected bigint");

    Dataset<Row> reordered = good.select("product", good.drop("product").columns());
    assertThatThrownBy(() -> PartitionWriter.write(spark, table, reordered, out.toString(), DAY1))
        .hasMessageContaining("column order is [product, window_days, window_start");
    assertThat(out.resolve(table.name())).doesNotExist();
  }

  @Test
  void nullInARequiredColumnFailsTheWrite() {
    SparkSession spark = SPARK.session();
    SummaryTable table = SummaryTables.UPDATE_POPULATION_ROLLING;
    Row row = rows(table, 1, 1).get(0);
    Object[] values = new Object[row.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    values[table.columnNames().indexOf("product")] = null;
    Dataset<Row> withNull =
        spark.createDataFrame(
            List.of(RowFactory.create(values)), allNullable(SparkSchemas.structType(table)));
    assertThatThrownBy(() -> PartitionWriter.write(spark, table, withNull, out.toString(), DAY1))
        .hasStackTraceContaining("'product' of input row cannot be null");
  }

  /**
   * Field names, order and types as the exported Avro schema says; timestamps as timestamp-micros.
   */
  private static void assertCompatible(SummaryTable table, Schema fromFile) {
    Schema expected = AvroSchemas.schema(table);
    assertThat(fromFile.getFields().stream().map(Schema.Field::name))
        .as(table.name() + " field order")
        .containsExactlyElementsOf(table.columnNames());
    for (Schema.Field f : expected.getFields()) {
      assertThat(fromFile.getField(f.name()).schema())
          .as(table.name() + "." + f.name())
          .isEqualTo(f.schema());
    }
    for (Column c : table.columns()) {
      if (c.type() == ColumnType.TIMESTAMP) {
        Schema s = fromFile.getField(c.name()).schema();
        Schema value = s.isUnion() ? s.getTypes().get(1) : s;
        assertThat(value.getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
      }
    }
  }

  private static List<Row> withDate(List<Row> a, LocalDate dayA, List<Row> b, LocalDate dayB) {
    List<Row> out = new ArrayList<>();
    for (Row r : a) {
      out.add(append(r, dayA));
    }
    for (Row r : b) {
      out.add(append(r, dayB));
    }
    return out;
  }

  private static Row append(Row r, Object value) {
    Object[] values = new Object[r.length() + 1];
    for (int i = 0; i < r.length(); i++) {
      values[i] = r.get(i);
    }
    values[r.length()] = value;
    return RowFactory.create(values);
  }

  private static StructType allNullable(StructType s) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : s.fields()) {
      fields.add(new StructField(f.name(), f.dataType(), true, f.metadata()));
    }
    return DataTypes.createStructType(fields);
  }

  /** Every file and folder under {@code dir} (relative path) with a digest of its bytes. */
  private static Map<String, String> snapshot(Path dir)
      throws IOException, NoSuchAlgorithmException {
    Map<String, String> out = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String rel = dir.relativize(p).toString();
        out.put(
            rel,
            Files.isDirectory(p)
                ? "dir"
                : HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
      }
    }
    assertThat(out.keySet()).anyMatch(k -> k.startsWith("part-"));
    return out;
  }
}
