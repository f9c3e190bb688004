package org.mozilla.balrog.logs.job;

/**
 * How a run ended, as the command line reports it (docs/operations.md#exit-codes): the CLI maps
 * each kind to its exit code. Jobs and {@link Failures} say which kind; they never deal in numbers.
 */
public enum ExitKind {
  /** Done. */
  OK,
  /** Anything else that went wrong. */
  FAILURE,
  /** A bad option or setting, or SQL that does not parse or names an unknown table or column. */
  USAGE,
  /** Written, but over a data-quality threshold (rejected lines, damaged files). */
  DATA_QUALITY,
  /** No input where input was required; nothing was written for it. */
  NO_INPUT,
  /** {@code deploy-impact --fail-on-regression}: a judged deploy regressed. */
  REGRESSION,
  /** Another run holds the lock of an output date; nothing was written for it. */
  LOCKED,
  /** {@code deploy-window}: caution, a push needs a second look. */
  CAUTION,
  /** {@code deploy-window}: no-go, do not push now. */
  NO_GO
}
