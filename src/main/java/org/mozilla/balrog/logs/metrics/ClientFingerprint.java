package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.mozilla.balrog.logs.model.ScanRow;

/**
 * The client fingerprint (docs/design.md#client-fingerprint): a 64-bit hash of every stable client
 * field of an update request: client IP, user agent, build target, locale, OS version, distribution
 * and dist version. Clients behind one NAT address with identical fields are one fingerprint. The
 * raw address never leaves this expression.
 *
 * <p>Two equal forms: {@link #column()} over ELB view columns (for queries on the views), and the
 * scan's own {@link ScanRow#FINGERPRINT}, hashed in plain Java while parsing ({@link
 * org.mozilla.balrog.logs.source.ClientHash}), which the daily job uses.
 */
public final class ClientFingerprint {
  /** Columns of the ELB views the fingerprint is made of, in hashing order. */
  public static final String[] FIELDS = ScanRow.FINGERPRINT_FIELDS.toArray(String[]::new);

  private ClientFingerprint() {}

  /**
   * Spark's xxhash64 over the fields (nulls as empty strings, so a missing field still moves the
   * hash).
   */
  public static Column column() {
    Column[] parts = new Column[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      parts[i] = coalesce(col(FIELDS[i]), lit(""));
    }
    return xxhash64(parts);
  }
}
