package org.mozilla.balrog.logs.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CREATE TABLE statements for the summary tables over the Parquet folders {@link PartitionWriter}
 * writes ({@code ROOT/<table>/log_date=YYYY-MM-DD/}), plus the statement that discovers the
 * partitions already there: {@code MSCK REPAIR TABLE} (Athena, Spark) or {@code
 * system.sync_partition_metadata} (Trino; run it in the Hive catalog). Rerun those after each new
 * date, or use partition projection in Athena. Every statement ends with {@code ;}.
 */
public final class Ddl {
  /**
   * Root used when no location is given: obviously not a real bucket, so nobody runs it unedited by
   * accident.
   */
  public static final String PLACEHOLDER_ROOT = "s3a://YOUR-BUCKET/balrog-logs/summary";

  /** The schema (Athena: database) tables are created in when none is given. */
  public static final String DEFAULT_SCHEMA = "default";

  private static final String PARTITION_DOC =
      "UTC day of the rows (the partition, from the folder name)";

  private Ddl() {}

  /**
   * All statements for every summary table, in {@link SummaryTables#all()} order.
   *
   * @param locationRoot root folder of the tables ({@code s3a://} is written as {@code s3://} for
   *     Athena and Trino); null for {@link #PLACEHOLDER_ROOT}
   * @param schema schema (database) the tables are created in and Trino's partition sync targets, a
   *     plain identifier
   */
  public static List<String> statements(Dialect dialect, String locationRoot, String schema) {
    if (schema == null || !schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "schema must be a plain identifier (letters, digits, _): " + schema);
    }
    String root = locationRoot == null ? PLACEHOLDER_ROOT : locationRoot.trim();
    if (root.isEmpty()) {
      throw new IllegalArgumentException("location must not be blank");
    }
    root = root.replaceAll("/+$", "");
    List<String> out = new ArrayList<>();
    for (SummaryTable table : SummaryTables.all()) {
      String location = dialect.location(root + "/" + table.name() + "/");
      out.add(createTable(dialect, table, location, schema));
      out.add(discoverPartitions(dialect, table, schema));
    }
    return out;
  }

  /**
   * {@link #statements} as one script: a header comment, then the statements separated by blank
   * lines.
   */
  public static String script(Dialect dialect, String locationRoot, String schema) {
    StringBuilder sb = new StringBuilder();
    sb.append("-- balrog-logs summary tables, ").append(dialect.id()).append(" dialect\n");
    if (locationRoot == null) {
      sb.append("-- LOCATION is a placeholder: replace YOUR-BUCKET, or rerun with --output ROOT\n");
    }
    sb.append('\n');
    sb.append(String.join("\n\n", statements(dialect, locationRoot, schema)));
    return sb.append('\n').toString();
  }

  static String createTable(Dialect d, SummaryTable table, String location, String schema) {
    String name = d.identifier(schema) + "." + d.identifier(table.name());
    List<String> cols = new ArrayList<>();
    for (Column c : table.columns()) {
      cols.add(columnDef(d, c.name(), c.type(), c.doc()));
    }
    String partition = columnDef(d, SummaryTable.PARTITION_COLUMN, ColumnType.DATE, PARTITION_DOC);
    return switch (d) {
      case ATHENA ->
          "CREATE EXTERNAL TABLE IF NOT EXISTS "
              + name
              + " (\n"
              + columnList(cols)
              + "\n)\n"
              + "COMMENT "
              + d.literal(table.doc())
              + "\n"
              + "PARTITIONED BY ("
              + partition.strip()
              + ")\n"
              + "STORED AS PARQUET\n"
              + "LOCATION "
              + d.literal(location)
              + ";";
      case TRINO ->
          "CREATE TABLE IF NOT EXISTS "
              + name
              + " (\n"
              + columnList(append(cols, partition))
              + "\n)\n" // the Hive connector wants partition columns last
              + "COMMENT "
              + d.literal(table.doc())
              + "\n"
              + "WITH (\n"
              + "  format = 'PARQUET',\n"
              + "  partitioned_by = ARRAY['"
              + SummaryTable.PARTITION_COLUMN
              + "'],\n"
              + "  external_location = "
              + d.literal(location)
              + "\n"
              + ");";
      case SPARK ->
          "CREATE TABLE IF NOT EXISTS "
              + name
              + " (\n"
              + columnList(append(cols, partition))
              + "\n)\n"
              + "USING parquet\n"
              + "PARTITIONED BY ("
              + d.identifier(SummaryTable.PARTITION_COLUMN)
              + ")\n"
              + "COMMENT "
              + d.literal(table.doc())
              + "\n"
              + "LOCATION "
              + d.literal(location)
              + ";";
    };
  }

  static String discoverPartitions(Dialect d, SummaryTable table, String schema) {
    return switch (d) {
      case ATHENA, SPARK ->
          "MSCK REPAIR TABLE " + d.identifier(schema) + "." + d.identifier(table.name()) + ";";
      case TRINO ->
          "CALL system.sync_partition_metadata("
              + d.literal(schema)
              + ", "
              + d.literal(table.name())
              + ", 'ADD');";
    };
  }

  private static String columnDef(Dialect d, String name, ColumnType type, String doc) {
    return "  " + d.identifier(name) + " " + d.typeName(type) + " COMMENT " + d.literal(doc);
  }

  private static String columnList(List<String> defs) {
    return defs.stream().collect(Collectors.joining(",\n"));
  }

  private static List<String> append(List<String> list, String last) {
    List<String> out = new ArrayList<>(list);
    out.add(last);
    return out;
  }
}
