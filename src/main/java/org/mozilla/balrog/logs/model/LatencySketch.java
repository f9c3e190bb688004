package org.mozilla.balrog.logs.model;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * Latencies of one group of requests, for their percentiles: an HdrHistogram of whole microseconds
 * with {@value #DIGITS} significant digits (every value is kept to within 0.1 % of itself), packed
 * so that only the ranges in use take memory. Merging adds counts, so a merged sketch does not
 * depend on the order of its parts: the same requests always give the same percentiles, however
 * tasks and files were split. Not thread-safe.
 */
public final class LatencySketch implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Significant decimal digits the histogram keeps of each value. */
  public static final int DIGITS = 3;

  private transient PackedHistogram histogram = new PackedHistogram(DIGITS);

  /** Adds one latency in milliseconds (not negative). */
  public void add(double ms) {
    histogram.recordValue(Math.round(ms * 1000.0));
  }

  /** Adds every latency of {@code other}. */
  public void merge(LatencySketch other) {
    histogram.add(other.histogram);
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /**
   * The {@code q} quantile in milliseconds, by nearest rank (the value of rank {@code ceil(q n)},
   * as {@code percentile_approx} picks it): the middle of the histogram range that holds that rank;
   * null when empty.
   */
  public Double quantile(double q) {
    long n = histogram.getTotalCount();
    if (n == 0) {
      return null;
    }
    long rank = Math.min(n, Math.max(1, (long) Math.ceil(q * n)));
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
    ByteBuffer b = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int n = histogram.encodeIntoByteBuffer(b);
    out.writeInt(n);
    out.write(b.array(), 0, n);
  }

  private void readObject(ObjectInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    histogram = PackedHistogram.decodeFromByteBuffer(ByteBuffer.wrap(b), 0);
  }
}
