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
 * at most {@value #EXACT} (percentiles exact), then an HdrHistogram of whole microseconds with
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

  /** The values while exact (the first {@link #n}); null once the histogram holds them. */
  private transient double[] values = new double[8];

  private transient int n;
  private transient PackedHistogram histogram;

  /** Adds one latency in milliseconds (not negative). */
  public void add(double ms) {
    if (values == null) {
      histogram.recordValue(micros(ms));
      return;
    }
    if (n == EXACT) {
      toHistogram();
      histogram.recordValue(micros(ms));
      return;
    }
    if (n == values.length) {
      values = Arrays.copyOf(values, Math.min(EXACT, n * 2));
    }
    values[n++] = ms;
  }

  /** Adds every latency of {@code other}. */
  public void merge(LatencySketch other) {
    if (other.values != null) {
      for (int i = 0; i < other.n; i++) {
        add(other.values[i]);
      }
      return;
    }
    if (values != null) {
      toHistogram();
    }
    histogram.add(other.histogram);
  }

  public long count() {
    return values != null ? n : histogram.getTotalCount();
  }

  private static long micros(double ms) {
    return Math.round(ms * 1000.0);
  }

  private void toHistogram() {
    histogram = new PackedHistogram(DIGITS);
    for (int i = 0; i < n; i++) {
      histogram.recordValue(micros(values[i]));
    }
    values = null;
    n = 0;
  }

  /**
   * The {@code q} quantile in milliseconds, by nearest rank (the value of rank {@code ceil(q n)},
   * as {@code percentile_approx} picks it): that value while exact, else the middle of the
   * histogram range that holds that rank; null when empty.
   */
  public Double quantile(double q) {
    long count = count();
    if (count == 0) {
      return null;
    }
    long rank = Math.min(count, Math.max(1, (long) Math.ceil(q * count)));
    if (values != null) {
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
    out.writeInt(values == null ? -1 : n);
    if (values != null) {
      for (int i = 0; i < n; i++) {
        out.writeDouble(values[i]);
      }
      return;
    }
    ByteBuffer b = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int n = histogram.encodeIntoByteBuffer(b);
    out.writeInt(n);
    out.write(b.array(), 0, n);
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
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    histogram = PackedHistogram.decodeFromByteBuffer(ByteBuffer.wrap(b), 0);
  }
}
