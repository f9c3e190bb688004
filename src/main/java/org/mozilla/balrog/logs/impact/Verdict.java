package org.mozilla.balrog.logs.impact;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a deploy did on one metric, or on all of them ({@link #overall}); ordered from best to worst
 * news.
 */
enum Verdict {
  /** No worsening that is both significant and large enough to matter; includes improvements. */
  OK,
  /** Significant but small, or large but only weakly significant: worth a look, not an alarm. */
  WARN,
  /** Significant and large: the deploy made this metric worse. */
  REGRESSION,
  /** Too little traffic or too few events on a side to tell. */
  INSUFFICIENT_DATA;

  /** The value of the {@code verdict} column: ok, warn, regression or insufficient_data. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The verdict whose {@link #sqlName()} this is. */
  public static Verdict fromSqlName(String sqlName) {
    for (Verdict v : values()) {
      if (v.sqlName().equals(sqlName)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown verdict: " + sqlName + " (ok, warn, regression or insufficient_data)");
  }

  /**
   * One verdict for a deploy from those of its metrics: REGRESSION if any metric regressed, else
   * WARN if any warned, else OK if any metric could be judged, else INSUFFICIENT_DATA (also for no
   * metrics at all).
   */
  public static Verdict overall(List<Verdict> verdicts) {
    Objects.requireNonNull(verdicts, "verdicts");
    if (verdicts.contains(REGRESSION)) {
      return REGRESSION;
    }
    if (verdicts.contains(WARN)) {
      return WARN;
    }
    if (verdicts.contains(OK)) {
      return OK;
    }
    return INSUFFICIENT_DATA;
  }
}
