package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer for a push {@code [at, at + duration)}: no-go if any rule says no-go, else caution if
 * any says caution, else go; with every rule's reason, worst first.
 */
public record WindowVerdict(Instant at, Duration duration, Call call, List<Reason> reasons) {
  /** The rules, in the order they are asked. */
  public static final List<WindowRule> RULES =
      List.of(
          new FreshnessRule(),
          new CalendarRule(),
          new OpenRegressionRule(),
          HealthRule.FIVE_XX,
          HealthRule.LATENCY,
          new NewErrorsRule(),
          new ReleaseActivityRule(),
          new VersionRampRule());

  public WindowVerdict {
    reasons = List.copyOf(reasons);
  }

  /** Combines {@code reasons} (stable within a verdict: worst first, then in the rules' order). */
  public static WindowVerdict of(Instant at, Duration duration, List<Reason> reasons) {
    Call call = Call.GO;
    for (Reason r : reasons) {
      call = call.worst(r.call());
    }
    List<Reason> sorted = new ArrayList<>(reasons);
    sorted.sort((a, b) -> b.call().compareTo(a.call()));
    return new WindowVerdict(at, duration, call, sorted);
  }

  /** Asks every rule of {@link #RULES}. */
  public static WindowVerdict judge(WindowInputs in, WindowSettings s) {
    List<Reason> reasons = new ArrayList<>();
    for (WindowRule r : RULES) {
      reasons.add(r.judge(in, s));
    }
    return of(in.at(), in.duration(), reasons);
  }

  /** The plain-text answer: a headline, then one line per reason and its evidence. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("deploy-window: ")
        .append(call.label())
        .append(" for a ")
        .append(Times.duration(duration))
        .append(" push at ")
        .append(Times.utc(at))
        .append('\n');
    for (Reason r : reasons) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "  %-8s %-17s %s%n",
              r.call().label(),
              r.rule(),
              r.explanation()));
      for (Evidence e : r.evidence()) {
        sb.append(String.format(java.util.Locale.ROOT, "  %-8s %-17s evidence: %s%n", "", "", e));
      }
    }
    return sb.toString();
  }
}
