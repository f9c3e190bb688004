package org.mozilla.balrog.logs.impact;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The two windows a deploy is judged on: before = {@code [start - before, start)}, ending at the
 * first restart; after = {@code [rollout end, rollout end + after)}, starting once the last host is
 * back. The rollout itself is in neither window (its restarts cause load-balancer errors of their
 * own).
 */
public record ImpactWindows(
    Instant beforeStart, Instant beforeEnd, Instant afterStart, Instant afterEnd) {
  public static final Duration DEFAULT_BEFORE = Duration.ofMinutes(60);
  public static final Duration DEFAULT_AFTER = Duration.ofMinutes(60);

  public ImpactWindows {
    Objects.requireNonNull(beforeStart, "beforeStart");
    Objects.requireNonNull(beforeEnd, "beforeEnd");
    Objects.requireNonNull(afterStart, "afterStart");
    Objects.requireNonNull(afterEnd, "afterEnd");
    if (!beforeStart.isBefore(beforeEnd)
        || !afterStart.isBefore(afterEnd)
        || afterStart.isBefore(beforeEnd)) {
      throw new IllegalArgumentException(
          "windows must be non-empty and in order: ["
              + beforeStart
              + ", "
              + beforeEnd
              + ") then ["
              + afterStart
              + ", "
              + afterEnd
              + ")");
    }
  }

  /**
   * The windows of a deploy that started at {@code start} and finished its rollout at {@code
   * rolloutEnd}.
   */
  public static ImpactWindows of(
      Instant start, Instant rolloutEnd, Duration before, Duration after) {
    requirePositive("before", before);
    requirePositive("after", after);
    return new ImpactWindows(start.minus(before), start, rolloutEnd, rolloutEnd.plus(after));
  }

  public static ImpactWindows of(ImpactSubject d, Duration before, Duration after) {
    return of(d.startedAt(), d.rolloutEnd(), before, after);
  }

  public Duration before() {
    return Duration.between(beforeStart, beforeEnd);
  }

  public Duration after() {
    return Duration.between(afterStart, afterEnd);
  }

  /** True when {@code t} is in the before window. */
  public boolean inBefore(Instant t) {
    return !t.isBefore(beforeStart) && t.isBefore(beforeEnd);
  }

  /** True when {@code t} is in the after window. */
  public boolean inAfter(Instant t) {
    return !t.isBefore(afterStart) && t.isBefore(afterEnd);
  }

  /** True when {@code [from, to]} overlaps either window. */
  public boolean overlaps(Instant from, Instant to) {
    return (from.isBefore(beforeEnd) && !to.isBefore(beforeStart))
        || (from.isBefore(afterEnd) && !to.isBefore(afterStart));
  }

  private static void requirePositive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("--" + name + " must be positive: " + d);
    }
  }
}
