package org.mozilla.balrog.logs.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Avro schemas of the summary tables: what a Parquet reader without Spark (parquet-avro, Athena,
 * Trino) sees in the files {@link PartitionWriter} writes. The partition column {@code log_date} is
 * not in the files (it is the folder name), so it is not in these schemas either. The exported
 * schemas are committed under {@code src/main/resources/schemas/} for consumers outside this
 * project; regenerate them with {@link #main}.
 *
 * <p>parquet-avro readers: pass the schema as read schema ({@code
 * AvroReadSupport.setAvroReadSchema}), or set {@code parquet.avro.add-list-element-records=false}.
 * Spark writes the standard 3-level LIST layout, and parquet-avro's default, meant for files of old
 * writers, otherwise reads an {@code array<string>} as an array of {@code {element}} records.
 */
public final class AvroSchemas {
  /** Namespace of every summary-table record. */
  public static final String NAMESPACE = "org.mozilla.balrog.logs.summary";

  private AvroSchemas() {}

  /**
   * The table as an Avro record named after it: columns in order with their docs; nullable columns
   * are a union with null (default null), timestamps are {@code long} with logical type {@code
   * timestamp-micros}, dates {@code int} with {@code date}, binary is {@code bytes}.
   */
  public static Schema schema(SummaryTable table) {
    List<Schema.Field> fields =
        table.columns().stream()
            .map(
                c ->
                    c.nullable()
                        ? new Schema.Field(
                            c.name(),
                            Schema.createUnion(
                                Schema.create(Schema.Type.NULL), valueSchema(c.type())),
                            c.doc(),
                            JsonProperties.NULL_VALUE)
                        : new Schema.Field(c.name(), valueSchema(c.type()), c.doc()))
            .toList();
    return Schema.createRecord(table.name(), table.doc(), NAMESPACE, false, fields);
  }

  /**
   * The exported (pretty JSON) form of {@link #schema}, as committed in {@code
   * schemas/<table>.avsc}.
   */
  public static String json(SummaryTable table) {
    return schema(table).toString(true) + "\n";
  }

  static Schema valueSchema(ColumnType type) {
    return switch (type) {
      case STRING -> Schema.create(Schema.Type.STRING);
      case INT -> Schema.create(Schema.Type.INT);
      case BIGINT -> Schema.create(Schema.Type.LONG);
      case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
      case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
      case BINARY -> Schema.create(Schema.Type.BYTES);
      case TIMESTAMP -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
      case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      case ARRAY_STRING -> Schema.createArray(Schema.create(Schema.Type.STRING));
      case MAP_STRING_BIGINT -> Schema.createMap(Schema.create(Schema.Type.LONG));
    };
  }

  /**
   * Writes {@code <table>.avsc} for every summary table into the folder {@code args[0]} (created if
   * missing), e.g. {@code src/main/resources/schemas}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: AvroSchemas OUTPUT_FOLDER   (e.g. src/main/resources/schemas)");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (SummaryTable table : SummaryTables.all()) {
      Path file = dir.resolve(table.name() + ".avsc");
      Files.writeString(file, json(table), StandardCharsets.UTF_8);
      System.out.println("wrote " + file);
    }
  }
}
