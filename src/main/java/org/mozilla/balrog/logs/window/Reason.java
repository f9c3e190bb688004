package org.mozilla.balrog.logs.window;

import java.util.List;
import java.util.Objects;

/**
 * One rule's answer: its id, go/caution/no-go, a one-line explanation with the numbers, and the
 * evidence.
 */
public record Reason(String rule, Call call, String explanation, List<Evidence> evidence) {
  public Reason {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(explanation, "explanation");
    evidence = List.copyOf(evidence);
  }

  public static Reason of(String rule, Call call, String explanation, Evidence... evidence) {
    return new Reason(rule, call, explanation, List.of(evidence));
  }
}
