package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A span of whole UTC hours {@code [from, to)}, as the hourly {@code release_activity} rows cover
 * them: a rule that reads them before a push at {@code at} takes the complete hours before it.
 */
record Hours(Instant from, Instant to) {
  /** The {@code length} of complete hours ending at the last full hour at or before {@code at}. */
  static Hours before(Instant at, Duration length) {
    Instant end = at.truncatedTo(ChronoUnit.HOURS);
    return new Hours(end.minus(roundUp(length)), end);
  }

  /** These hours moved {@code by} earlier. */
  Hours earlier(Duration by) {
    return new Hours(from.minus(by), to.minus(by));
  }

  /** Whether the hour starting at {@code hour} is one of these. */
  boolean contains(Instant hour) {
    return !hour.isBefore(from) && hour.isBefore(to);
  }

  /** {@code d} rounded up to whole hours (at least one). */
  static Duration roundUp(Duration d) {
    long h = Math.max(1, (d.toMinutes() + 59) / 60);
    return Duration.ofHours(h);
  }

  /** The span for explanations: {@code 2026-11-02T06:00Z..2026-11-02T12:00Z}. */
  String text() {
    return Times.utc(from) + ".." + Times.utc(to);
  }
}
