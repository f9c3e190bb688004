package org.mozilla.balrog.logs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.opentest4j.AssertionFailedError;

/**
 * DataFrame equality for tests: same column names and types, same rows as a multiset (order
 * ignored).
 */
public final class DatasetAssertions {
  private DatasetAssertions() {}

  public static void assertSameSchema(Dataset<Row> expected, Dataset<Row> actual) {
    assertThat(describe(actual.schema().fields()))
        .as("schema")
        .isEqualTo(describe(expected.schema().fields()));
  }

  public static void assertDatasetEquals(Dataset<Row> expected, Dataset<Row> actual) {
    assertSameSchema(expected, actual);
    Map<String, Integer> e = multiset(expected.collectAsList());
    Map<String, Integer> a = multiset(actual.collectAsList());
    if (!e.equals(a)) {
      List<String> missing = new ArrayList<>();
      List<String> extra = new ArrayList<>();
      e.forEach(
          (k, n) -> {
            int m = a.getOrDefault(k, 0);
            if (m < n) {
              missing.add((n - m) + " x " + k);
            }
          });
      a.forEach(
          (k, n) -> {
            int m = e.getOrDefault(k, 0);
            if (m < n) {
              extra.add((n - m) + " x " + k);
            }
          });
      throw new AssertionFailedError(
          "datasets differ\n  missing rows: "
              + head(missing)
              + "\n  unexpected rows: "
              + head(extra));
    }
  }

  private static List<String> describe(StructField[] fields) {
    List<String> out = new ArrayList<>();
    for (StructField f : fields) {
      out.add(f.name() + " " + f.dataType().simpleString());
    }
    return out;
  }

  private static Map<String, Integer> multiset(List<Row> rows) {
    Map<String, Integer> m = new TreeMap<>();
    for (Row r : rows) {
      m.merge(r.toString(), 1, Integer::sum);
    }
    return m;
  }

  private static String head(List<String> l) {
    return l.size() <= 10 ? l.toString() : l.subList(0, 10) + " ... (" + l.size() + " in all)";
  }
}
