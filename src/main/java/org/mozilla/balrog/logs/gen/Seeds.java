package org.mozilla.balrog.logs.gen;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Seed derivation: every random stream is a function of (seed, purpose, day, index...), never of
 * scheduling.
 */
final class Seeds {
  private Seeds() {}

  /** SplitMix64 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long of(long seed, long... parts) {
    long h = mix(seed + 0x9e3779b97f4a7c15L);
    for (long p : parts) {
      h = mix(h ^ mix(p + 0x632be59bd9b4e019L));
    }
    return h;
  }

  /** A stable 64-bit hash of a string (FNV-1a), for naming streams. */
  static long name(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  static SplittableRandom rng(long seed, String purpose, long... parts) {
    long[] all = new long[parts.length + 1];
    all[0] = name(purpose);
    System.arraycopy(parts, 0, all, 1, parts.length);
    return new SplittableRandom(of(seed, all));
  }

  /** {@code n} lower-case hex digits from a 64-bit value stream. */
  static String hex(SplittableRandom r, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = "0123456789abcdef".charAt(r.nextInt(16));
    }
    return new String(c);
  }

  /** {@code n} characters of [a-z0-9]. */
  static String alnum(SplittableRandom r, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = "abcdefghijklmnopqrstuvwxyz0123456789".charAt(r.nextInt(36));
    }
    return new String(c);
  }

  /** Picks an index by weight (weights need not sum to 1). */
  static int pick(SplittableRandom r, double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double x = r.nextDouble() * sum;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Rounds {@code x} up or down at random so that the expectation is {@code x}. */
  static int stochasticRound(SplittableRandom r, double x) {
    int base = (int) Math.floor(x);
    return base + (r.nextDouble() < x - base ? 1 : 0);
  }
}
