package org.mozilla.balrog.logs.model;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one group of requests, for their percentiles: the values themselves while there are
 * at most {@value #EXACT} (percentiles exact), else a histogram of whole microseconds in
 * HdrHistogram's ranges for {@value #DIGITS} significant digits (every value kept to within 0.1 %
 * of itself). A sketch holds a multiset of values either way, so a merged sketch does not depend on
 * the order of its parts: the same requests always give the same percentiles, however tasks and
 * files were split. Not thread-safe.
 *
 * <p>The histogram is the ranges in use, sorted, with their counts: HdrHistogram gives the ranges
 * (the same as a {@code PackedHistogram} of those digits records, which {@code LatencySketchTest}
 * holds it to), and merging or serializing two sorted lists costs their length, where a packed
 * histogram's merges, encodings and decodings took a fifth of {@code daily}'s CPU.
 */
public final class LatencySketch implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Significant decimal digits the histogram keeps of each value. */
  public static final int DIGITS = 3;

  /** Values kept as they are, before the histogram takes over. */
  public static final int EXACT = 512;

  /**
   * Added values held at most before they move into the histogram (when the sketch is past {@link
   * #EXACT}): bounds a sketch's memory, and does not change what it holds.
   */
  static final int PENDING = 8192;

  /**
   * HdrHistogram's value ranges for {@link #DIGITS} digits of microseconds; only its arithmetic is
   * used (no value is ever recorded in it), so one instance serves every thread.
   */
  private static final Histogram RANGES = new Histogram(DIGITS);

  /** Values added and not yet in the histogram (the first {@link #n}). */
  private transient double[] values = new double[8];

  private transient int n;

  /**
   * The histogram: the lowest value (microseconds) of each range in use, ascending, and its count
   * (the first {@link #ranges} of each); null while the sketch has at most {@link #EXACT} values.
   */
  private transient long[] lows;

  private transient long[] counts;

  private transient int ranges;

  /** The count of the histogram. */
  private transient long total;

  /** Adds one latency in milliseconds (not negative). */
  public void add(double ms) {
    if (n == values.length) {
      if (n >= PENDING) {
        settle();
      } else {
        values = Arrays.copyOf(values, n * 2);
      }
    }
    values[n++] = ms;
  }

  /** Adds every latency of {@code other}. */
  public void merge(LatencySketch other) {
    if (other.n > 0) {
      if (n + other.n > values.length) {
        values = Arrays.copyOf(values, Math.max(n + other.n, values.length * 2));
      }
      System.arraycopy(other.values, 0, values, n, other.n);
      n += other.n;
    }
    if (other.lows != null) {
      mergeRanges(other.lows, other.counts, other.ranges);
      total += other.total;
    }
    if (n > PENDING) {
      settle();
    }
  }

  public long count() {
    return n + total;
  }

  private static long micros(double ms) {
    return Math.round(ms * 1000.0);
  }

  /**
   * Moves the added values into the histogram once there are more than {@link #EXACT} in all:
   * sorted, so each range in use is counted once.
   */
  private void settle() {
    if (n == 0 || (lows == null && n <= EXACT)) {
      return;
    }
    long[] us = new long[n];
    for (int i = 0; i < n; i++) {
      us[i] = micros(values[i]);
    }
    Arrays.sort(us);
    long[] newLows = new long[Math.min(n, 64)];
    long[] newCounts = new long[newLows.length];
    int m = 0;
    for (int i = 0; i < n; ) {
      long low = RANGES.lowestEquivalentValue(us[i]);
      long top = RANGES.highestEquivalentValue(us[i]);
      int j = i + 1;
      while (j < n && us[j] <= top) {
        j++;
      }
      if (m == newLows.length) {
        newLows = Arrays.copyOf(newLows, m * 2);
        newCounts = Arrays.copyOf(newCounts, m * 2);
      }
      newLows[m] = low;
      newCounts[m] = j - i;
      m++;
      i = j;
    }
    mergeRanges(newLows, newCounts, m);
    total += n;
    values = new double[8];
    n = 0;
  }

  /** Adds the first {@code m} ranges of {@code oLows} (ascending) with their counts. */
  private void mergeRanges(long[] oLows, long[] oCounts, int m) {
    if (lows == null) {
      lows = Arrays.copyOf(oLows, Math.max(m, 1));
      counts = Arrays.copyOf(oCounts, Math.max(m, 1));
      ranges = m;
      return;
    }
    long[] l = new long[ranges + m];
    long[] c = new long[ranges + m];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < ranges || j < m) {
      if (j == m || (i < ranges && lows[i] < oLows[j])) {
        l[k] = lows[i];
        c[k++] = counts[i++];
      } else if (i == ranges || oLows[j] < lows[i]) {
        l[k] = oLows[j];
        c[k++] = oCounts[j++];
      } else {
        l[k] = lows[i];
        c[k++] = counts[i++] + oCounts[j++];
      }
    }
    lows = l;
    counts = c;
    ranges = k;
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
    if (lows == null) {
      double[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      return sorted[(int) rank - 1];
    }
    long seen = 0;
    int i = 0;
    while (i < ranges - 1) {
      seen += counts[i];
      if (seen >= rank) {
        break;
      }
      i++;
    }
    return RANGES.medianEquivalentValue(lows[i]) / 1000.0;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    settle();
    out.writeInt(lows == null ? n : -1);
    if (lows == null) {
      for (int i = 0; i < n; i++) {
        out.writeDouble(values[i]);
      }
      return;
    }
    out.writeInt(ranges);
    for (int i = 0; i < ranges; i++) {
      out.writeLong(lows[i]);
      out.writeLong(counts[i]);
    }
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
    ranges = in.readInt();
    lows = new long[Math.max(ranges, 1)];
    counts = new long[lows.length];
    for (int i = 0; i < ranges; i++) {
      lows[i] = in.readLong();
      counts[i] = in.readLong();
      total += counts[i];
    }
  }
}
