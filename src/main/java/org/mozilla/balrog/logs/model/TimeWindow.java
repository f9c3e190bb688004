package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.util.Objects;

/** The half-open time range {@code [from, to)}. */
public record TimeWindow(Instant from, Instant to) implements java.io.Serializable {
  public TimeWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("window ends before it starts: " + from + " to " + to);
    }
  }

  /** Whether this window meets the closed range {@code [a, b]}. */
  public boolean overlaps(Instant a, Instant b) {
    return a.isBefore(to) && !b.isBefore(from);
  }
}
