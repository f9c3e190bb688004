package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * New error signatures, from {@code app_errors}: signatures (per app) seen in the last {@code
 * window.errors.hours} before the push and not in the {@code window.health.baseline-days} days
 * before that window. Caution when there is one; without any error in the baseline nothing is new
 * (there is nothing to compare with, and the explanation says so).
 */
public final class NewErrorsRule implements WindowRule {
  public static final String ID = "new-errors";
  static final int LISTED = 3;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Reason judge(WindowInputs in, WindowSettings s) {
    Instant to = in.at();
    Instant from = to.minus(s.errorHours());
    Instant baseFrom = from.minus(Duration.ofDays(s.baselineDays()));
    Set<String> known = new HashSet<>();
    Map<String, Long> recent = new TreeMap<>();
    long rows = 0;
    long baseRows = 0;
    for (ErrorHour e : in.errors()) {
      String key = e.app() + ": " + e.signature();
      if (!e.hour().isBefore(from) && e.hour().isBefore(to)) {
        rows++;
        recent.merge(key, e.events(), Long::sum);
      } else if (!e.hour().isBefore(baseFrom) && e.hour().isBefore(from)) {
        baseRows++;
        known.add(key);
      }
    }
    Evidence now = new Evidence("app_errors", from, to, rows);
    Evidence base = new Evidence("app_errors", baseFrom, from, baseRows);
    String last = " in the last " + Times.duration(s.errorHours());
    if (known.isEmpty()) {
      return Reason.of(
          ID,
          Call.GO,
          recent.size()
              + " error signature"
              + (recent.size() == 1 ? "" : "s")
              + last
              + "; no error before "
              + Times.utc(from)
              + " to compare with",
          now,
          base);
    }
    List<String> fresh = new ArrayList<>();
    recent.entrySet().stream()
        .filter(e -> !known.contains(e.getKey()))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> fresh.add("'" + e.getKey() + "' (" + e.getValue() + " events)"));
    if (fresh.isEmpty()) {
      return Reason.of(
          ID,
          Call.GO,
          "no new error signature"
              + last
              + " ("
              + recent.size()
              + " seen, all known from the "
              + s.baselineDays()
              + " days before)",
          now,
          base);
    }
    List<String> shown = fresh.subList(0, Math.min(LISTED, fresh.size()));
    return Reason.of(
        ID,
        Call.CAUTION,
        fresh.size()
            + " new error signature"
            + (fresh.size() == 1 ? "" : "s")
            + last
            + ": "
            + String.join(", ", shown)
            + (fresh.size() > LISTED ? " and " + (fresh.size() - LISTED) + " more" : ""),
        now,
        base);
  }
}
