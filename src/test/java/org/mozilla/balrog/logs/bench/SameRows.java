package org.mozilla.balrog.logs.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks that two Parquet folders hold the same multiset of rows (every column, sketches byte for
 * byte), ignoring the columns named after {@code --ignore}; for comparing a table written before
 * and after a performance change. Usage: {@code SameRows DIR_A DIR_B [--ignore COL,...]}. Exit code
 * 0 when equal, 1 otherwise.
 */
public final class SameRows {
  private SameRows() {}

  public static void main(String[] args) {
    if (args.length != 2 && !(args.length == 4 && args[2].equals("--ignore"))) {
      throw new IllegalArgumentException("usage: SameRows DIR_A DIR_B [--ignore COL,...]");
    }
    String[] ignore = args.length == 4 ? args[3].split(",") : new String[0];
    SparkSession spark = BenchJob.session("same-rows");
    Dataset<Row> a = spark.read().parquet(args[0]).drop(ignore);
    Dataset<Row> b = spark.read().parquet(args[1]).drop(ignore);
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
}
