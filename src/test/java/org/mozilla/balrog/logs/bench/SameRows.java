package org.mozilla.balrog.logs.bench;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Checks that two Parquet folders hold the same multiset of rows (every column, sketches byte for
 * byte, maps by their entries), ignoring the columns named after {@code --ignore}; for comparing a
 * table written before and after a performance change. Usage: {@code SameRows DIR_A DIR_B [--ignore
 * COL,...]}. Exit code 0 when equal, 1 otherwise.
 */
public final class SameRows {
  private SameRows() {}

  public static void main(String[] args) {
    if (args.length != 2 && !(args.length == 4 && args[2].equals("--ignore"))) {
      throw new IllegalArgumentException("usage: SameRows DIR_A DIR_B [--ignore COL,...]");
    }
    String[] ignore = args.length == 4 ? args[3].split(",") : new String[0];
    SparkSession spark = BenchJob.session("same-rows");
    Dataset<Row> a = comparable(spark.read().parquet(args[0]).drop(ignore));
    Dataset<Row> b = comparable(spark.read().parquet(args[1]).drop(ignore));
    long na = a.count();
    long nb = b.count();
    long onlyA = a.exceptAll(b).count();
    long onlyB = b.exceptAll(a).count();
    boolean same = na == nb && onlyA == 0 && onlyB == 0;
    System.out.printf(
        "%s: %d rows vs %d rows, %d only in the first, %d only in the second%n",
        same ? "SAME" : "DIFFERENT", na, nb, onlyA, onlyB);
    spark.stop();
    System.exit(same ? 0 : 1);
  }

  /**
   * Map columns as their entries sorted by key (set operations refuse maps; two maps with the same
   * entries are the same value).
   */
  static Dataset<Row> comparable(Dataset<Row> rows) {
    Dataset<Row> out = rows;
    for (StructField f : rows.schema().fields()) {
      if (f.dataType() instanceof MapType) {
        out = out.withColumn(f.name(), array_sort(map_entries(col(f.name()))));
      }
    }
    return out;
  }
}
