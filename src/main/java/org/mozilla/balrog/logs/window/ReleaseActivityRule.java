package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mozilla.balrog.logs.model.AdminRouteClass;

/**
 * Are we in the middle of a release (a chemspill)? Successful admin writes — rules, releases,
 * scheduled changes, emergency shutoffs — and scheduled changes enacted, per route class, in the
 * complete UTC hours of the last {@code window.release.hours} ({@code release_activity}'s {@code
 * admin_write} rows; build submissions and other writes are listed but routine), against the same
 * hours of the {@code window.health.baseline-days} earlier days that have data.
 *
 * <p>Caution when the release writes reach {@code window.release.caution-writes} and either {@code
 * window.release.caution-ratio} times the typical count (the median over those days), and three
 * standard deviations of a Poisson count of that mean above it, or include a class that none of
 * those days wrote in those hours (new release blobs, an emergency shutoff: what release automation
 * does during a release, not every day).
 */
public final class ReleaseActivityRule implements WindowRule {
  public static final String ID = "release-activity";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Reason judge(WindowInputs in, WindowSettings s) {
    Hours now = Hours.before(in.at(), s.releaseHours());
    Map<String, long[]> byClass = new LinkedHashMap<>();
    AdminRouteClass.CLASSES.forEach(c -> byClass.put(c, new long[2]));
    long rows = 0;
    for (AdminWrite w : in.adminWrites()) {
      if (now.contains(w.hour())) {
        rows++;
        long[] c = byClass.computeIfAbsent(w.routeClass(), k -> new long[2]);
        c[0] += w.requests();
        c[1] = Math.max(c[1], w.users());
      }
    }
    long writes = 0;
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, long[]> e : byClass.entrySet()) {
      long[] c = e.getValue();
      if (c[0] == 0) {
        continue;
      }
      if (!AdminRouteClass.ROUTINE.contains(e.getKey())) {
        writes += c[0];
      }
      parts.add(
          e.getKey()
              + " "
              + c[0]
              + (c[1] > 0 ? " (>=" + c[1] + (c[1] == 1 ? " user)" : " users)") : ""));
    }
    // the same hours of the earlier days that have data
    List<Double> typical = new ArrayList<>();
    Map<String, Long> seenBefore = new LinkedHashMap<>();
    long baseRows = 0;
    for (int d = 1; d <= s.baselineDays(); d++) {
      Hours then = now.earlier(Duration.ofDays(d));
      if (in.versions().stream().noneMatch(v -> then.contains(v.hour()))) {
        continue; // no traffic counted then: not run, or no data
      }
      long n = 0;
      for (AdminWrite w : in.adminWrites()) {
        if (then.contains(w.hour())) {
          baseRows++;
          seenBefore.merge(w.routeClass(), w.requests(), Long::sum);
          n += AdminRouteClass.ROUTINE.contains(w.routeClass()) ? 0 : w.requests();
        }
      }
      typical.add((double) n);
    }
    Evidence ev = new Evidence("release_activity", now.from(), now.to(), rows, "admin_write");
    Evidence base =
        new Evidence(
            "release_activity",
            now.earlier(Duration.ofDays(s.baselineDays())).from(),
            now.earlier(Duration.ofDays(1)).to(),
            baseRows,
            "admin_write, the same hours of " + typical.size() + " earlier days with data");
    String span = " in " + now.text();
    if (parts.isEmpty()) {
      return Reason.of(ID, Call.GO, "no admin writes" + span, ev);
    }
    List<String> unseen = new ArrayList<>();
    byClass.forEach(
        (cls, c) -> {
          if (c[0] > 0 && !AdminRouteClass.ROUTINE.contains(cls) && !seenBefore.containsKey(cls)) {
            unseen.add(cls);
          }
        });
    double usual = Times.median(typical);
    boolean many = writes >= Math.max(1, s.releaseCautionWrites());
    // beyond the ratio, and beyond what chance gives a count whose mean is the usual one
    boolean unusual =
        typical.isEmpty()
            || writes >= usual * s.releaseCautionRatio() && writes - usual >= 3 * Math.sqrt(usual)
            || !unseen.isEmpty();
    Call call = many && unusual ? Call.CAUTION : Call.GO;
    String compared =
        typical.isEmpty()
            ? "; no earlier day to compare with"
            : String.format(
                Locale.ROOT,
                "; the same hours of %d earlier day%s had %.0f (median)%s%s",
                typical.size(),
                typical.size() == 1 ? "" : "s",
                usual,
                unseen.isEmpty() ? "" : ", and no " + String.join(" or ", unseen) + " writes",
                many && !unusual ? ": routine" : "");
    return new Reason(
        ID,
        call,
        writes
            + " release write"
            + (writes == 1 ? "" : "s")
            + span
            + ": "
            + String.join(", ", parts)
            + compared
            + (call == Call.CAUTION
                ? "; a release may be under way: check with release management"
                : ""),
        List.of(ev, base));
  }
}
