package org.mozilla.balrog.logs.source;

import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.UpdateRequest;

/**
 * The client fingerprint hash the scan computes while it parses, bit for bit what Spark SQL
 * computes for {@code xxhash64(coalesce(f1, ''), coalesce(f2, ''), ...)} over string columns,
 * because it is Spark's own {@link XXH64}: each field's UTF-8 bytes hashed with the previous
 * field's hash as the seed, the first with 42. The fields never become Spark strings; {@code
 * metrics.ClientFingerprint} names them and holds the Spark SQL form. Stateless, thread-safe.
 */
public final class ClientHash {
  /** Spark's seed for {@code xxhash64}. */
  public static final long SPARK_SEED = 42L;

  private static final byte[] EMPTY = new byte[0];

  private ClientHash() {}

  /**
   * The client fingerprint of an ELB request: {@link #of} over {@link ScanRow#FINGERPRINT_FIELDS}
   * (client IP, user agent, then the URL's build target, locale, OS version, distribution and dist
   * version; those are null when {@code u} is null, i.e. for requests other than updates).
   */
  public static long fingerprint(ElbEntry e, UpdateRequest u) {
    return u == null
        ? of(e.requestIp(), e.userAgent(), null, null, null, null, null)
        : of(
            e.requestIp(),
            e.userAgent(),
            u.buildTarget(),
            u.locale(),
            u.osVersion(),
            u.distribution(),
            u.distVersion());
  }

  /** Spark's {@code xxhash64} of the fields in order, a null field hashed as the empty string. */
  public static long of(String... fields) {
    long h = SPARK_SEED;
    for (String f : fields) {
      byte[] b = f == null ? EMPTY : f.getBytes(StandardCharsets.UTF_8);
      h = field(h, b, 0, b.length);
    }
    return h;
  }

  /**
   * One step of the hash: the field {@code b[from, from + len)} (UTF-8) hashed with {@code h}, the
   * hash so far ({@link #SPARK_SEED} before the first field), as the seed.
   */
  public static long field(long h, byte[] b, int from, int len) {
    return XXH64.hashUnsafeBytes(b, Platform.BYTE_ARRAY_OFFSET + from, len, h);
  }
}
