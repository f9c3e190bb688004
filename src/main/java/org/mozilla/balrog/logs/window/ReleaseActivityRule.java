package org.mozilla.balrog.logs.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Are we in the middle of a release (a chemspill)? Successful admin writes — rules, releases,
 * scheduled changes, emergency shutoffs — and scheduled changes enacted (build submissions and
 * other writes are listed but routine), from {@code admin_activity}, per route class with the
 * largest distinct-user count of its rows (the table counts users per row, so the distinct users of
 * a class are at least that). Caution from {@code window.release.caution-writes}.
 *
 * <p>{@code admin_activity} is daily: the counts are those of every UTC day that the last {@code
 * window.release.hours} touch, whole days (the explanation says so).
 */
public final class ReleaseActivityRule implements WindowRule {
  public static final String ID = "release-activity";

  @Override
  public String id() {
    return ID;
  }

  /** The UTC days whose {@code admin_activity} partitions the rule reads. */
  public static List<LocalDate> days(Instant at, WindowSettings s) {
    LocalDate first = at.minus(s.releaseHours()).atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate last = at.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  @Override
  public Reason judge(WindowInputs in, WindowSettings s) {
    List<LocalDate> days = days(in.at(), s);
    Map<String, long[]> byClass = new LinkedHashMap<>();
    AdminWrite.CLASSES.forEach(c -> byClass.put(c, new long[2]));
    long rows = 0;
    long writes = 0;
    LocalDate firstDay = days.get(0);
    Map<LocalDate, Long> earlier = new java.util.TreeMap<>();
    long baseRows = 0;
    for (AdminWrite w : in.adminWrites()) {
      if (!days.contains(w.day())) {
        if (w.day().isBefore(firstDay) && !w.day().isBefore(firstDay.minusDays(s.baselineDays()))) {
          baseRows++;
          earlier.merge(
              w.day(), AdminWrite.ROUTINE.contains(w.routeClass()) ? 0 : w.requests(), Long::sum);
        }
        continue;
      }
      rows++;
      long[] c = byClass.get(w.routeClass());
      c[0] += w.requests();
      c[1] = Math.max(c[1], w.users());
      if (!AdminWrite.ROUTINE.contains(w.routeClass())) {
        writes += w.requests();
      }
    }
    Evidence ev =
        new Evidence(
            "admin_activity",
            days.get(0).atStartOfDay(ZoneOffset.UTC).toInstant(),
            days.get(days.size() - 1).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
            rows);
    List<String> parts = new ArrayList<>();
    byClass.forEach(
        (cls, c) -> {
          if (c[0] > 0) {
            parts.add(
                cls
                    + " "
                    + c[0]
                    + (c[1] > 0 ? " (>=" + c[1] + (c[1] == 1 ? " user)" : " users)") : ""));
          }
        });
    String span =
        days.size() == 1 ? days.get(0).toString() : days.get(0) + ".." + days.get(days.size() - 1);
    String scope =
        " (whole UTC day" + (days.size() == 1 ? " " : "s ") + span + ": the table is daily)";
    if (parts.isEmpty()) {
      return Reason.of(
          ID,
          Call.GO,
          "no admin writes in the last " + Times.duration(s.releaseHours()) + scope,
          ev);
    }
    List<Double> perDay = new ArrayList<>();
    earlier.values().forEach(v -> perDay.add((double) v));
    double typical = Times.median(perDay);
    boolean many = writes >= Math.max(1, s.releaseCautionWrites());
    boolean unusual = perDay.isEmpty() || writes >= typical * s.releaseCautionRatio();
    Call call = many && unusual ? Call.CAUTION : Call.GO;
    String usual =
        perDay.isEmpty()
            ? "; no earlier day to compare with"
            : String.format(
                java.util.Locale.ROOT,
                "; a typical day has %.0f (median of %d earlier day%s)%s",
                typical,
                perDay.size(),
                perDay.size() == 1 ? "" : "s",
                many && !unusual ? ", under " + s.releaseCautionRatio() + "x that: routine" : "");
    Evidence base =
        new Evidence(
            "admin_activity",
            firstDay.minusDays(s.baselineDays()).atStartOfDay(ZoneOffset.UTC).toInstant(),
            firstDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
            baseRows);
    return new Reason(
        ID,
        call,
        writes
            + " release write"
            + (writes == 1 ? "" : "s")
            + " in the last "
            + Times.duration(s.releaseHours())
            + scope
            + ": "
            + String.join(", ", parts)
            + usual
            + (call == Call.CAUTION
                ? "; a release may be under way: check with release management"
                : ""),
        List.of(ev, base));
  }
}
