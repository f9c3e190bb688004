package org.mozilla.balrog.logs.impact;

import java.util.Objects;

/**
 * The verdict on one metric and why, in words with the numbers (the {@code verdict} and {@code
 * reason} columns of deploy_impact).
 */
record Judgement(Verdict verdict, String reason) {
  public Judgement {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }
}
