package org.mozilla.balrog.logs.cli;

/** Exit codes (ARCHITECTURE.md 3); the same under spark-submit. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int DATA_QUALITY = 3;
  public static final int NO_INPUT = 4;
  /** {@code deploy-impact --fail-on-regression}: a judged deploy's overall verdict is regression. */
  public static final int REGRESSION = 5;

  private ExitCode() {}
}
