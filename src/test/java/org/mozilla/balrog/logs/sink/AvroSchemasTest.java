package org.mozilla.balrog.logs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The Avro schemas, and that the committed {@code schemas/*.avsc} files are what the code exports.
 */
class AvroSchemasTest {
  private static final Path COMMITTED = Path.of("src/main/resources/schemas");
  private static final String REGENERATE =
      "regenerate with: mvn -q -DskipTests prepare-package && java -cp \"target/classes:$(cat"
          + " target/classpath.txt)\" org.mozilla.balrog.logs.sink.AvroSchemas"
          + " src/main/resources/schemas";

  @Test
  void recordIsNamedAfterTheTableWithDocsAndColumnsInOrder() {
    SummaryTable table = SummaryTables.INGEST_AUDIT;
    Schema s = AvroSchemas.schema(table);
    assertThat(s.getType()).isEqualTo(Schema.Type.RECORD);
    assertThat(s.getFullName()).isEqualTo("org.mozilla.balrog.logs.summary.ingest_audit");
    assertThat(s.getDoc()).isEqualTo(table.doc());
    assertThat(s.getFields().stream().map(Schema.Field::name))
        .containsExactlyElementsOf(table.columnNames());
    assertThat(s.getField("rejected").doc()).isEqualTo("Lines rejected; parsed + rejected = lines");
    assertThat(s.getField("log_date"))
        .as("the partition value is the folder, not in the files")
        .isNull();
  }

  @Test
  void everyColumnTypeMapsAndNullableColumnsAreUnionsWithNull() {
    Schema s = AvroSchemas.schema(SampleRows.ALL_TYPES);
    assertThat(s.getField("string_req").schema()).isEqualTo(Schema.create(Schema.Type.STRING));
    assertThat(s.getField("int_req").schema().getType()).isEqualTo(Schema.Type.INT);
    assertThat(s.getField("bigint_req").schema().getType()).isEqualTo(Schema.Type.LONG);
    assertThat(s.getField("double_req").schema().getType()).isEqualTo(Schema.Type.DOUBLE);
    assertThat(s.getField("boolean_req").schema().getType()).isEqualTo(Schema.Type.BOOLEAN);
    assertThat(s.getField("binary_req").schema().getType()).isEqualTo(Schema.Type.BYTES);
    Schema ts = s.getField("timestamp_req").schema();
    assertThat(ts.getType()).isEqualTo(Schema.Type.LONG);
    assertThat(ts.getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
    Schema date = s.getField("date_req").schema();
    assertThat(date.getType()).isEqualTo(Schema.Type.INT);
    assertThat(date.getLogicalType()).isEqualTo(LogicalTypes.date());
    assertThat(s.getField("array_string_req").schema().toString())
        .isEqualTo("{\"type\":\"array\",\"items\":\"string\"}");
    assertThat(s.getField("map_string_bigint_req").schema().toString())
        .isEqualTo("{\"type\":\"map\",\"values\":\"long\"}");

    Schema opt = s.getField("timestamp_opt").schema();
    assertThat(opt.isUnion()).isTrue();
    assertThat(opt.getTypes()).containsExactly(Schema.create(Schema.Type.NULL), ts);
    assertThat(s.getField("timestamp_opt").hasDefaultValue()).isTrue();
    assertThat(s.getField("timestamp_req").hasDefaultValue()).isFalse();
  }

  @Test
  void exportedJsonParsesBackToTheSameSchema() {
    for (SummaryTable table : SummaryTables.all()) {
      assertThat(new Schema.Parser().parse(AvroSchemas.json(table)))
          .isEqualTo(AvroSchemas.schema(table));
    }
  }

  @Test
  void committedSchemasAreWhatTheCodeExports() throws IOException {
    for (SummaryTable table : SummaryTables.all()) {
      Path file = COMMITTED.resolve(table.name() + ".avsc");
      if (!Files.isRegularFile(file)) {
        throw new AssertionFailedError(
            "no committed schema " + file + " for table " + table.name() + "; " + REGENERATE);
      }
      String committed = Files.readString(file, StandardCharsets.UTF_8);
      if (!committed.equals(AvroSchemas.json(table))) {
        throw new AssertionFailedError(
            file + " differs from AvroSchemas.schema(" + table.name() + "); " + REGENERATE,
            AvroSchemas.json(table),
            committed);
      }
    }
    List<String> stale;
    try (Stream<Path> s = Files.list(COMMITTED)) {
      stale =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".avsc"))
              .filter(
                  n -> SummaryTables.all().stream().noneMatch(t -> n.equals(t.name() + ".avsc")))
              .toList();
    }
    assertThat(stale).as("schemas of tables that no longer exist (delete them)").isEmpty();
  }

  @Test
  void mainWritesOneFilePerTable(@TempDir Path dir) throws IOException {
    AvroSchemas.main(new String[] {dir.resolve("schemas").toString()});
    for (SummaryTable table : SummaryTables.all()) {
      assertThat(dir.resolve("schemas").resolve(table.name() + ".avsc"))
          .hasContent(AvroSchemas.json(table));
    }
  }
}
