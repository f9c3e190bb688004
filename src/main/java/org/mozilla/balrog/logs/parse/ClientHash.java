package org.mozilla.balrog.logs.parse;

import java.nio.charset.StandardCharsets;

/**
 * The client fingerprint hash in plain Java, bit for bit what Spark SQL computes for {@code xxhash64(coalesce(f1, ''),
 * coalesce(f2, ''), ...)} over string columns: XXH64 of each field's UTF-8 bytes, seeded with the previous field's
 * hash and the first with 42. Lets the scan hash a request's client fields while it parses, so the fields never
 * become Spark strings; {@code metrics.ClientFingerprint} names the fields and holds the Spark form.
 *
 * <p>ASCII text (every field of real traffic) is hashed straight from the {@code String}, without encoding it; any
 * other text is encoded to UTF-8 first. Stateless and thread-safe.
 */
public final class ClientHash {
  /** Spark's seed for {@code xxhash64}. */
  public static final long SPARK_SEED = 42L;

  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private ClientHash() {}

  /** Spark's {@code xxhash64} of the fields in order, a null field hashed as the empty string. */
  public static long of(String... fields) {
    long h = SPARK_SEED;
    for (String f : fields) {
      h = hash(f == null ? "" : f, h);
    }
    return h;
  }

  /** XXH64 of the UTF-8 encoding of {@code s} with {@code seed}. */
  public static long hash(String s, long seed) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return hash(b, 0, b.length, seed);
      }
    }
    return hashAscii(s, seed);
  }

  /** XXH64 of {@code b[off, off + len)} with {@code seed}. */
  public static long hash(byte[] b, int off, int len, long seed) {
    int end = off + len;
    int i = off;
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      for (; i <= end - 32; i += 32) {
        v1 = round(v1, long8(b, i));
        v2 = round(v2, long8(b, i + 8));
        v3 = round(v3, long8(b, i + 16));
        v4 = round(v4, long8(b, i + 24));
      }
      h = merge(v1, v2, v3, v4);
    } else {
      h = seed + P5;
    }
    h += len;
    for (; i <= end - 8; i += 8) {
      h = word(h, long8(b, i));
    }
    if (i <= end - 4) {
      h = int4(h, (long8Partial(b, i, 4)));
      i += 4;
    }
    for (; i < end; i++) {
      h = byte1(h, b[i] & 0xFF);
    }
    return avalanche(h);
  }

  /** As {@link #hash(byte[], int, int, long)} for a string whose chars are all below 0x80 (its UTF-8 bytes). */
  private static long hashAscii(String s, long seed) {
    int len = s.length();
    int i = 0;
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      for (; i <= len - 32; i += 32) {
        v1 = round(v1, long8(s, i));
        v2 = round(v2, long8(s, i + 8));
        v3 = round(v3, long8(s, i + 16));
        v4 = round(v4, long8(s, i + 24));
      }
      h = merge(v1, v2, v3, v4);
    } else {
      h = seed + P5;
    }
    h += len;
    for (; i <= len - 8; i += 8) {
      h = word(h, long8(s, i));
    }
    if (i <= len - 4) {
      h = int4(h, (long) s.charAt(i) | (long) s.charAt(i + 1) << 8 | (long) s.charAt(i + 2) << 16
          | (long) s.charAt(i + 3) << 24);
      i += 4;
    }
    for (; i < len; i++) {
      h = byte1(h, s.charAt(i));
    }
    return avalanche(h);
  }

  private static long merge(long v1, long v2, long v3, long v4) {
    long h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    return mergeRound(h, v4);
  }

  private static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long mergeRound(long acc, long v) {
    return (acc ^ round(0, v)) * P1 + P4;
  }

  private static long word(long h, long k) {
    return Long.rotateLeft(h ^ round(0, k), 27) * P1 + P4;
  }

  private static long int4(long h, long k) {
    return Long.rotateLeft(h ^ (k & 0xFFFFFFFFL) * P1, 23) * P2 + P3;
  }

  private static long byte1(long h, int b) {
    return Long.rotateLeft(h ^ b * P5, 11) * P1;
  }

  private static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  /** Little-endian 8 bytes. */
  private static long long8(byte[] b, int i) {
    return long8Partial(b, i, 8);
  }

  private static long long8Partial(byte[] b, int i, int n) {
    long v = 0;
    for (int k = n - 1; k >= 0; k--) {
      v = v << 8 | (b[i + k] & 0xFFL);
    }
    return v;
  }

  /** Little-endian 8 ASCII chars as their bytes. */
  private static long long8(String s, int i) {
    return (long) s.charAt(i)
        | (long) s.charAt(i + 1) << 8
        | (long) s.charAt(i + 2) << 16
        | (long) s.charAt(i + 3) << 24
        | (long) s.charAt(i + 4) << 32
        | (long) s.charAt(i + 5) << 40
        | (long) s.charAt(i + 6) << 48
        | (long) s.charAt(i + 7) << 56;
  }
}
