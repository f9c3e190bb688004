package org.mozilla.balrog.logs.sink;

import java.time.Instant;

/** Java values of collected Spark row fields, whichever datetime API the session uses. */
public final class RowValues {
  private RowValues() {}

  /**
   * A collected TIMESTAMP: an Instant with the session's java8 API, a java.sql.Timestamp without
   * it; null stays null.
   */
  public static Instant instant(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    throw new IllegalStateException("not a timestamp: " + v.getClass().getName());
  }
}
