package org.mozilla.balrog.logs.source;

import java.nio.ByteOrder;
import org.apache.spark.unsafe.Platform;

/**
 * Searches in byte arrays eight bytes at a time (SWAR: one {@code long} read and a few arithmetic
 * operations per eight bytes), for the line reader and the population's byte-level scan. The reads
 * are Spark's unchecked {@link Platform#getLong}, always inside the range the caller gave (which
 * must lie inside the array). Stateless.
 */
final class Bytes {
  private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes() {}

  /** Index of the first {@code c} in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, int from, int to, byte c) {
    long pattern = (c & 0xFFL) * ONES;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = word(b, i) ^ pattern;
      // a byte of w is zero where b has c; the lowest flagged byte is always a true match
      long zero = (w - ONES) & ~w & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** The eight bytes at {@code b[i]} as a little-endian long. */
  private static long word(byte[] b, int i) {
    long w = Platform.getLong(b, Platform.BYTE_ARRAY_OFFSET + i);
    return LITTLE_ENDIAN ? w : Long.reverseBytes(w);
  }

  /** Index of the last {@code c} in {@code b[from, to)}, or -1. */
  static int lastIndexOf(byte[] b, int from, int to, byte c) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** True when every byte of {@code b[from, to)} is ASCII (below 0x80). */
  static boolean isAscii(byte[] b, int from, int to) {
    long any = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      any |= word(b, i);
    }
    for (; i < to; i++) {
      any |= b[i];
    }
    return (any & HIGHS) == 0;
  }
}
