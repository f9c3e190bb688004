package org.mozilla.balrog.logs.cli;

import org.mozilla.balrog.logs.job.ExitKind;
import org.mozilla.balrog.logs.job.Failures;

/** Exit codes (docs/operations.md#exit-codes); the same under spark-submit. */
final class ExitCode {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int DATA_QUALITY = 3;
  public static final int NO_INPUT = 4;

  /**
   * {@code deploy-impact --fail-on-regression}: a judged deploy's overall verdict is regression.
   */
  public static final int REGRESSION = 5;

  /**
   * Another run holds the lock of an output date ({@code daily}): nothing was written for that
   * date; the message says who holds it and how to break it.
   */
  public static final int LOCKED = 6;

  /**
   * {@code deploy-window}: caution, a push is possible but a rule asks for a second look (a Friday,
   * release activity, a raised error rate, a new error signature...).
   */
  public static final int CAUTION = 7;

  /**
   * {@code deploy-window}: no-go, do not push now (an open regression, a weekend or holiday,
   * outside working hours, a 5xx rate far above its baseline, evidence too old to judge).
   */
  public static final int NO_GO = 8;

  private ExitCode() {}

  /** The exit code of a run that ended as {@code kind}. */
  static int of(ExitKind kind) {
    return switch (kind) {
      case OK -> OK;
      case FAILURE -> FAILURE;
      case USAGE -> USAGE;
      case DATA_QUALITY -> DATA_QUALITY;
      case NO_INPUT -> NO_INPUT;
      case REGRESSION -> REGRESSION;
      case LOCKED -> LOCKED;
      case CAUTION -> CAUTION;
      case NO_GO -> NO_GO;
    };
  }

  /** The exit code of a run that failed with {@code ex} ({@link Failures#kind}). */
  static int of(Throwable ex) {
    return of(Failures.kind(ex));
  }
}
