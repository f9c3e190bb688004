package org.mozilla.balrog.logs.sink;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mozilla.balrog.logs.testing.ScalaCollections;

/**
 * Hand-built rows for any summary table, and one canonical Java form of a value whether it came
 * from a Spark row or an Avro record, so tests compare real values across the two readers.
 */
final class SampleRows {
  /** A test-only table with every column type, required and optional. */
  static final SummaryTable ALL_TYPES = allTypes();

  private SampleRows() {}

  private static SummaryTable allTypes() {
    List<Column> cols = new ArrayList<>();
    for (ColumnType t : ColumnType.values()) {
      String n = t.name().toLowerCase();
      cols.add(Column.required(n + "_req", t, "required " + n + " ('quoted')"));
      cols.add(Column.optional(n + "_opt", t, "optional " + n));
    }
    return new SummaryTable("all_types", "Every column type", cols);
  }

  /**
   * {@code n} rows; values depend on {@code seed} and the row index. Row 0 has null in every
   * optional column; timestamps have microseconds, strings a quote and non-ASCII text.
   */
  static List<Row> rows(SummaryTable table, int seed, int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] values = new Object[table.columns().size()];
      for (int c = 0; c < values.length; c++) {
        Column col = table.columns().get(c);
        values[c] = col.nullable() && i == 0 ? null : value(col, seed * 100 + i);
      }
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  static Object value(Column col, int k) {
    return switch (col.type()) {
      case STRING -> col.name() + "-" + k + " O'Brien Müller";
      case INT -> k * 7;
      case BIGINT -> (1L << 40) + k;
      case DOUBLE -> k + 0.25;
      case BOOLEAN -> k % 2 == 0;
      case BINARY -> new byte[] {(byte) k, -1, 0, 42};
      case TIMESTAMP -> Instant.parse("2026-11-01T12:34:56.123456Z").plus(k, ChronoUnit.MINUTES);
      case DATE -> LocalDate.parse("2026-10-01").plusDays(k);
      case ARRAY_STRING -> List.of("a" + k, "b'" + k);
      case MAP_STRING_BIGINT -> {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("bad_status", (long) k);
        m.put("truncated", k * 3L);
        yield m;
      }
    };
  }

  /** The rows as canonical lists of values, sorted, for order-free comparison. */
  static List<List<Object>> canonical(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        values.add(canonical(r.get(i)));
      }
      out.add(values);
    }
    return sorted(out);
  }

  static List<List<Object>> canonicalRecords(List<GenericRecord> records) {
    List<List<Object>> out = new ArrayList<>();
    for (GenericRecord r : records) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < r.getSchema().getFields().size(); i++) {
        values.add(canonical(r.get(i)));
      }
      out.add(values);
    }
    return sorted(out);
  }

  /**
   * String for text, hex for bytes, epoch microseconds for instants (Avro's timestamp-micros),
   * epoch days for dates (Avro's date), java.util lists and sorted maps for collections.
   */
  static Object canonical(Object v) {
    if (v instanceof Utf8 || v instanceof CharSequence) {
      return v.toString();
    } else if (v instanceof byte[] b) {
      return "0x" + HexFormat.of().formatHex(b);
    } else if (v instanceof ByteBuffer bb) {
      byte[] b = new byte[bb.remaining()];
      bb.duplicate().get(b);
      return canonical(b);
    } else if (v instanceof Instant t) {
      return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    } else if (v instanceof LocalDate d) {
      return (int) d.toEpochDay();
    } else if (v instanceof scala.collection.Seq<?> s) {
      return canonical(ScalaCollections.asJava(s));
    } else if (v instanceof scala.collection.Map<?, ?> m) {
      return canonical(ScalaCollections.asJava(m));
    } else if (v instanceof List<?> l) {
      return l.stream().map(SampleRows::canonical).toList();
    } else if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(canonical(k), canonical(x)));
      return out;
    }
    return v;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    return rows.stream().sorted(java.util.Comparator.comparing(Object::toString)).toList();
  }
}
