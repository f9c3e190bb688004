package org.mozilla.balrog.logs.parse;

import java.util.Objects;

/**
 * The outcome of parsing one line: an event or a rejection reason, never both. Parsers return this
 * instead of throwing.
 */
public final class ParseResult<E> {
  private final E value;
  private final RejectReason reason;

  private ParseResult(E value, RejectReason reason) {
    this.value = value;
    this.reason = reason;
  }

  public static <E> ParseResult<E> ok(E value) {
    return new ParseResult<>(Objects.requireNonNull(value, "value"), null);
  }

  public static <E> ParseResult<E> rejected(RejectReason reason) {
    return new ParseResult<>(null, Objects.requireNonNull(reason, "reason"));
  }

  public boolean isOk() {
    return value != null;
  }

  /** The event; throws if this is a rejection. */
  public E value() {
    if (value == null) {
      throw new IllegalStateException("rejected: " + reason);
    }
    return value;
  }

  /** The rejection reason, or null when parsed. */
  public RejectReason reason() {
    return reason;
  }

  @Override
  public String toString() {
    return isOk() ? "ok(" + value + ")" : "rejected(" + reason.code() + ")";
  }
}
