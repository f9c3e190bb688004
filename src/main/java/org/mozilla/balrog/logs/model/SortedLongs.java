package org.mozilla.balrog.logs.model;

import java.util.Arrays;

/**
 * Sorted sets of longs in plain arrays, for client fingerprints: the scan tasks and the sketch
 * builders both feed a cell's distinct fingerprints in ascending order, so a rerun writes identical
 * bytes.
 */
public final class SortedLongs {
  private SortedLongs() {}

  /** The distinct values of {@code values[0, n)} in ascending order. */
  public static long[] distinct(long[] values, int n) {
    long[] a = Arrays.copyOf(values, n);
    Arrays.sort(a);
    int w = 0;
    for (int i = 0; i < a.length; i++) {
      if (w == 0 || a[i] != a[w - 1]) {
        a[w++] = a[i];
      }
    }
    return w == a.length ? a : Arrays.copyOf(a, w);
  }
}
