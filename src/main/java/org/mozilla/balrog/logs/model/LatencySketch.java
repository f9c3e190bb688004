package org.mozilla.balrog.logs.model;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * Latencies of one group of requests, for their percentiles: the values themselves while there are
 * at most {@value #EXACT} (percentiles exact), else an HdrHistogram of whole microseconds with
 * {@value #DIGITS} significant digits (every value kept to within 0.1 % of itself), packed so that
 * only the ranges in use take memory. A sketch holds a multiset of values either way, so a merged
 * sketch does not depend on the order of its parts: the same requests always give the same
 * percentiles, however tasks and files were split. Not thread-safe.
 */
public final class LatencySketch implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Significant decimal digits the histogram keeps of each value. */
  public static final int DIGITS = 3;

  /** Values kept as they are, before the histogram takes over. */
  public static final int EXACT = 512;

  /** Values added and not yet in the histogram (the first {@link #n}). */
  private transient double[] values = new double[8];

  private transient int n;

  /** Null while the sketch has at most {@link #EXACT} values. */
  private transient PackedHistogram histogram;

  /** Adds one latency in milliseconds (not negative). */
  public void add(double ms) {
    if (n == values.length) {
      values = Arrays.copyOf(values, n * 2);
    }
    values[n++] = ms;
  }

  /** Adds every latency of {@code other}. */
  public void merge(LatencySketch other) {
    for (int i = 0; i < other.n; i++) {
      add(other.values[i]);
    }
    if (other.histogram != null) {
      if (histogram == null) {
        histogram = new PackedHistogram(DIGITS);
      }
      histogram.add(other.histogram);
    }
  }

  public long count() {
    return n + (histogram == null ? 0 : histogram.getTotalCount());
  }

  private static long micros(double ms) {
    return Math.round(ms * 1000.0);
  }

  /**
   * Moves the added values into the histogram once there are more than {@link #EXACT} in all
   * (sorted first, so each histogram range is recorded once with its count: adding values one by
   * one to a packed histogram costs more than the rest of a line's work).
   */
  private void settle() {
    if (histogram == null && n <= EXACT) {
      return;
    }
    if (histogram == null) {
      histogram = new PackedHistogram(DIGITS);
    }
    long[] us = new long[n];
    for (int i = 0; i < n; i++) {
      us[i] = micros(values[i]);
    }
    Arrays.sort(us);
    for (int i = 0; i < n; ) {
      long top = histogram.highestEquivalentValue(us[i]);
      int j = i + 1;
      while (j < n && us[j] <= top) {
        j++;
      }
      histogram.recordValueWithCount(us[i], j - i);
      i = j;
    }
    values = new double[8];
    n = 0;
  }

  /**
   * The {@code q} quantile in milliseconds, by nearest rank (the value of rank {@code ceil(q n)},
   * as {@code percentile_approx} picks it): that value while exact, else the middle of the
   * histogram range that holds that rank; null when empty.
   */
  public Double quantile(double q) {
    settle();
    long count = count();
    if (count == 0) {
      return null;
    }
    long rank = Math.min(count, Math.max(1, (long) Math.ceil(q * count)));
    if (histogram == null) {
      double[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      return sorted[(int) rank - 1];
    }
    long seen = 0;
    for (HistogramIterationValue v : histogram.recordedValues()) {
      seen += v.getCountAtValueIteratedTo();
      if (seen >= rank) {
        return histogram.medianEquivalentValue(v.getValueIteratedTo()) / 1000.0;
      }
    }
    return histogram.medianEquivalentValue(histogram.getMaxValue()) / 1000.0;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    settle();
    out.writeInt(histogram == null ? n : -1);
    if (histogram == null) {
      for (int i = 0; i < n; i++) {
        out.writeDouble(values[i]);
      }
      return;
    }
    ByteBuffer b = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int len = histogram.encodeIntoByteBuffer(b);
    out.writeInt(len);
    out.write(b.array(), 0, len);
  }

  private void readObject(ObjectInputStream in) throws IOException {
    int exact = in.readInt();
    if (exact >= 0) {
      values = new double[Math.max(8, exact)];
      n = exact;
      for (int i = 0; i < exact; i++) {
        values[i] = in.readDouble();
      }
      return;
    }
    values = new double[8];
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    histogram = PackedHistogram.decodeFromByteBuffer(ByteBuffer.wrap(b), 0);
  }
}
