package org.mozilla.balrog.logs.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The population's partial cells as rows: {@link ElbPass} tallies the update requests ({@link
 * UpdateCell#counts}) of one log date by cell in each scan task ({@link PopulationCells}), hashing
 * the client fingerprint while parsing ({@link ClientHash}); rows leave the task already folded,
 * one per cell, task and fingerprint range, with {@link #SCHEMA}'s sorted distinct {@code
 * fingerprints}.
 */
public final class PopulationScan {
  /**
   * Partial cells: the cell columns, a fingerprint range, request counts, and the cell's distinct
   * fingerprints in one task that fall in that range, sorted. A cell's fingerprints are split into
   * {@link #RANGES} ranges of their top bits (a range number orders as its fingerprints do), so
   * whoever merges a cell's partial rows ({@code UpdatePopulation}) can take them range by range,
   * in order, holding one range at a time. The requests of a cell and task are on its first row, 0
   * on the others.
   */
  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("domain", DataTypes.StringType, false),
              DataTypes.createStructField("product", DataTypes.StringType, false),
              DataTypes.createStructField("channel", DataTypes.StringType, false),
              DataTypes.createStructField("is_test_channel", DataTypes.BooleanType, false),
              DataTypes.createStructField("version", DataTypes.StringType, false),
              DataTypes.createStructField("os", DataTypes.StringType, false),
              DataTypes.createStructField("arch", DataTypes.StringType, false),
              DataTypes.createStructField("fingerprint_range", DataTypes.IntegerType, false),
              DataTypes.createStructField("requests", DataTypes.LongType, false),
              DataTypes.createStructField("background_requests", DataTypes.LongType, false),
              DataTypes.createStructField(
                  "fingerprints", DataTypes.createArrayType(DataTypes.LongType, false), false)));

  /** Fingerprint ranges per cell: the top {@link #RANGE_BITS} bits. */
  static final int RANGE_BITS = 4;

  public static final int RANGES = 1 << RANGE_BITS;

  private PopulationScan() {}

  /** The range of a fingerprint: its top bits, signed, so ranges order as their fingerprints do. */
  public static int range(long fingerprint) {
    return (int) (fingerprint >> (64 - RANGE_BITS));
  }

  static Iterator<InternalRow> rows(List<PopulationCells.Partial> partials) {
    List<InternalRow> out = new ArrayList<>();
    for (PopulationCells.Partial p : partials) {
      UpdateCell c = p.cell();
      long[] fps = p.fingerprints();
      boolean first = true;
      for (int from = 0; from < fps.length; ) {
        int range = range(fps[from]);
        int to = from + 1;
        while (to < fps.length && range(fps[to]) == range) {
          to++;
        }
        out.add(
            new GenericInternalRow(
                new Object[] {
                  UTF8String.fromString(c.domain()),
                  UTF8String.fromString(c.product()),
                  UTF8String.fromString(c.channel()),
                  c.testChannel(),
                  UTF8String.fromString(c.version()),
                  UTF8String.fromString(c.os()),
                  UTF8String.fromString(c.arch()),
                  range,
                  first ? p.requests() : 0L,
                  first ? p.backgroundRequests() : 0L,
                  UnsafeArrayData.fromPrimitiveArray(Arrays.copyOfRange(fps, from, to))
                }));
        first = false;
        from = to;
      }
    }
    return out.iterator();
  }
}
