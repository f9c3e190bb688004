package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mozilla.balrog.logs.model.AdminRouteClass;

/**
 * Are we in the middle of a release (a chemspill)? Successful admin writes — rules, releases,
 * scheduled changes, emergency shutoffs — and scheduled changes enacted, per route class, in the
 * complete UTC hours before the push ({@code release_activity}'s {@code admin_write} rows; build
 * submissions and other writes are listed but routine), against the same hours of the {@code
 * window.health.baseline-days} earlier days that have data.
 *
 * <p>A release is a burst: the rule looks at the last hour, the last half of {@code
 * window.release.hours} and all of it, and says caution when any of these spans (the longest is
 * shown) has release writes that reach {@code window.release.caution-writes} and are unusual: at
 * least {@code window.release.caution-ratio} times the typical count (the median over those days)
 * and times what every day but one of them had (writes come in bursts; one earlier release may be
 * among those days), and three standard deviations of a Poisson count of that median above it; or
 * any write of a release-only class ({@link AdminRouteClass#RELEASE_ONLY}: new release blobs, an
 * emergency shutoff) that at most one of those days wrote in those hours (again, one earlier
 * release may be among them: a GA a day after a chemspill at the same hours is still a release).
 */
public final class ReleaseActivityRule implements WindowRule {
  public static final String ID = "release-activity";

  @Override
  public String id() {
    return ID;
  }

  /** What one span of hours holds, and how it compares with the same hours of earlier days. */
  private record Span(
      Hours hours,
      long writes,
      long rows,
      List<String> parts,
      List<Double> typical,
      long baseRows,
      List<String> unseen,
      boolean many,
      Call call) {
    double usual() {
      return Times.median(typical);
    }
  }

  @Override
  public Reason judge(WindowInputs in, WindowSettings s) {
    Set<Duration> lengths = new LinkedHashSet<>();
    lengths.add(Duration.ofHours(1));
    lengths.add(Hours.roundUp(s.releaseHours().dividedBy(2)));
    lengths.add(Hours.roundUp(s.releaseHours()));
    Span unusual = null;
    Span whole = null;
    for (Duration length : lengths) {
      whole = span(in, s, Hours.before(in.at(), length));
      if (whole.call() == Call.CAUTION) {
        unusual = whole; // the longest unusual span tells the most
      }
    }
    return reason(unusual != null ? unusual : whole, s);
  }

  private static Span span(WindowInputs in, WindowSettings s, Hours now) {
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
    // route class -> how many of those days wrote it in those hours
    Map<String, Integer> daysWith = new LinkedHashMap<>();
    long baseRows = 0;
    for (int d = 1; d <= s.baselineDays(); d++) {
      Hours then = now.earlier(Duration.ofDays(d));
      if (in.versions().stream().noneMatch(v -> then.contains(v.hour()))) {
        continue; // no traffic counted then: not run, or no data
      }
      long n = 0;
      Set<String> wrote = new LinkedHashSet<>();
      for (AdminWrite w : in.adminWrites()) {
        if (then.contains(w.hour())) {
          baseRows++;
          wrote.add(w.routeClass());
          n += AdminRouteClass.ROUTINE.contains(w.routeClass()) ? 0 : w.requests();
        }
      }
      wrote.forEach(c -> daysWith.merge(c, 1, Integer::sum));
      typical.add((double) n);
    }
    List<String> unseen = new ArrayList<>();
    byClass.forEach(
        (cls, c) -> {
          // like the counts, one earlier release may be among those days
          if (c[0] > 0
              && AdminRouteClass.RELEASE_ONLY.contains(cls)
              && daysWith.getOrDefault(cls, 0) <= 1) {
            unseen.add(cls);
          }
        });
    double usual = Times.median(typical);
    // R times the usual count and R times what every earlier day but one wrote then (writes come
    // in bursts; one earlier release may be among the days), and beyond what chance gives a count
    // whose mean is the usual one
    List<Double> sorted = new ArrayList<>(typical);
    sorted.sort(null);
    double allButOne = sorted.size() < 2 ? 0 : sorted.get(sorted.size() - 2);
    boolean many = writes >= Math.max(1, s.releaseCautionWrites());
    boolean unusual =
        typical.isEmpty()
            || writes >= Math.max(usual, allButOne) * s.releaseCautionRatio()
                && writes - usual >= 3 * Math.sqrt(usual);
    return new Span(
        now,
        writes,
        rows,
        parts,
        typical,
        baseRows,
        unseen,
        many,
        many && unusual || !unseen.isEmpty() ? Call.CAUTION : Call.GO);
  }

  private static Reason reason(Span span, WindowSettings s) {
    Hours now = span.hours();
    Evidence ev =
        new Evidence("release_activity", now.from(), now.to(), span.rows(), "admin_write");
    int days = span.typical().size();
    Evidence base =
        new Evidence(
            "release_activity",
            now.earlier(Duration.ofDays(s.baselineDays())).from(),
            now.earlier(Duration.ofDays(1)).to(),
            span.baseRows(),
            "admin_write, the same hours of " + days + " earlier days with data");
    String in = " in " + now.text();
    if (span.parts().isEmpty()) {
      return Reason.of(ID, Call.GO, "no admin writes" + in, ev);
    }
    String compared =
        days == 0
            ? "; no earlier day to compare with"
            : String.format(
                Locale.ROOT,
                "; the same hours of %d earlier day%s had %.0f (median)%s%s",
                days,
                days == 1 ? "" : "s",
                span.usual(),
                span.unseen().isEmpty()
                    ? ""
                    : ", and "
                        + String.join(" or ", span.unseen())
                        + " writes on at most one of them",
                span.many() && span.call() == Call.GO ? ": routine" : "");
    return new Reason(
        ID,
        span.call(),
        span.writes()
            + " release write"
            + (span.writes() == 1 ? "" : "s")
            + in
            + ": "
            + String.join(", ", span.parts())
            + compared
            + (span.call() == Call.CAUTION
                ? "; a release may be under way: check with release management"
                : ""),
        List.of(ev, base));
  }
}
