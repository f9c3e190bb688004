package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Is a version being rolled out? From {@code release_activity}'s {@code update_version} rows of the
 * watched products and channels ({@code window.ramp.products}, {@code window.ramp.channels}):
 *
 * <ul>
 *   <li><b>ramping</b>: a version's share of its product and channel's update requests in the last
 *       {@code window.ramp.span} of complete hours grew by at least {@code window.ramp.growth} over
 *       the same span {@code window.ramp.hours} earlier, and by three standard errors (so sampling
 *       noise on a quiet channel is not a ramp): caution;
 *   <li><b>new</b>: a version with at least {@code window.ramp.new-share} of the last hours that
 *       the {@code window.health.baseline-days} before the last {@code window.ramp.new-hours} never
 *       saw (first seen within them: its release is under way): caution for a new major version (a
 *       planned release), no-go for a new dot release of a major already out (a release mid-cycle:
 *       what a chemspill looks like).
 * </ul>
 *
 * A product and channel with fewer than {@code window.ramp.min-requests} requests in the last hours
 * is not judged; without any, the rule cannot tell (caution).
 */
public final class VersionRampRule implements WindowRule {
  public static final String ID = "version-ramp";

  private static final int RECENT = 0;
  private static final int EARLIER = 1;
  private static final int BASELINE = 2;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Reason judge(WindowInputs in, WindowSettings s) {
    Hours recent = Hours.before(in.at(), s.rampSpan());
    Hours earlier = recent.earlier(Hours.roundUp(s.rampHours()));
    Instant firstSeen = recent.to().minus(Hours.roundUp(s.rampNewHours()));
    Hours baseline = new Hours(firstSeen.minus(Duration.ofDays(s.baselineDays())), firstSeen);
    // product/channel -> version -> requests in the recent, earlier and baseline hours
    Map<String, Map<String, long[]>> counts = new TreeMap<>();
    long[] rows = new long[3];
    for (VersionCount v : in.versions()) {
      if (!s.rampProducts().contains(v.product()) || !s.rampChannels().contains(v.channel())) {
        continue;
      }
      long[] c =
          counts
              .computeIfAbsent(v.product() + "/" + v.channel(), k -> new TreeMap<>())
              .computeIfAbsent(v.version(), k -> new long[3]);
      for (int span = RECENT; span <= BASELINE; span++) {
        if ((span == RECENT ? recent : span == EARLIER ? earlier : baseline).contains(v.hour())) {
          rows[span]++;
          c[span] += v.requests();
        }
      }
    }
    List<Evidence> evidence =
        List.of(
            new Evidence(
                "release_activity", recent.from(), recent.to(), rows[RECENT], "update_version"),
            new Evidence(
                "release_activity", earlier.from(), earlier.to(), rows[EARLIER], "update_version"),
            new Evidence(
                "release_activity",
                baseline.from(),
                baseline.to(),
                rows[BASELINE],
                "update_version, the baseline days"));
    List<String> chemspill = new ArrayList<>();
    List<String> news = new ArrayList<>();
    List<String> ramps = new ArrayList<>();
    List<String> judged = new ArrayList<>();
    List<String> thin = new ArrayList<>();
    counts.forEach(
        (pc, versions) -> {
          long[] total = new long[3];
          versions.values().forEach(c -> add(total, c));
          if (total[RECENT] < Math.max(1, s.rampMinRequests())) {
            thin.add(pc + " (" + total[RECENT] + " requests)");
            return;
          }
          judged.add(pc);
          List<Integer> majorsOut = new ArrayList<>();
          versions.forEach(
              (v, c) -> {
                if (total[BASELINE] > 0
                    && (double) c[BASELINE] / total[BASELINE] >= s.rampNewShare()) {
                  majorsOut.add(major(v));
                }
              });
          versions.forEach(
              (v, c) -> {
                double now = (double) c[RECENT] / total[RECENT];
                double before = total[EARLIER] == 0 ? 0 : (double) c[EARLIER] / total[EARLIER];
                double growth = now - before;
                String shares =
                    String.format(
                        Locale.ROOT,
                        "%s %s %s -> %s",
                        pc,
                        v,
                        Times.percent(before),
                        Times.percent(now));
                boolean isNew = total[BASELINE] > 0 && c[BASELINE] == 0 && now >= s.rampNewShare();
                if (isNew && majorsOut.contains(major(v))) {
                  chemspill.add(shares);
                } else if (isNew) {
                  news.add(shares);
                } else if (total[EARLIER] > 0
                    && growth >= s.rampGrowth()
                    && growth >= 3 * standardError(now, total[RECENT], before, total[EARLIER])) {
                  ramps.add(shares);
                }
              });
        });
    String spans = " (" + earlier.text() + " vs " + recent.text() + ")";
    String notJudged =
        thin.isEmpty() ? "" : "; too few requests to judge " + String.join(", ", thin);
    if (judged.isEmpty()) {
      return new Reason(
          ID,
          Call.CAUTION,
          "no update_version rows of "
              + String.join(", ", new TreeSet<>(s.rampProducts()))
              + " on "
              + String.join(", ", new TreeSet<>(s.rampChannels()))
              + " with enough requests in "
              + recent.text()
              + notJudged
              + ": cannot tell whether a version is being rolled out",
          evidence);
    }
    List<String> parts = new ArrayList<>();
    if (!chemspill.isEmpty()) {
      parts.add(
          "a new dot release mid-cycle (looks like a chemspill): " + String.join(", ", chemspill));
    }
    if (!news.isEmpty()) {
      parts.add("a new version rolling out: " + String.join(", ", news));
    }
    if (!ramps.isEmpty()) {
      parts.add(
          "share grew by "
              + Times.percent(s.rampGrowth())
              + " or more in "
              + Times.duration(Hours.roundUp(s.rampHours()))
              + ": "
              + String.join(", ", ramps));
    }
    if (parts.isEmpty()) {
      return new Reason(
          ID,
          Call.GO,
          "no version of "
              + String.join(", ", judged)
              + " is new or grew by "
              + Times.percent(s.rampGrowth())
              + " or more"
              + spans
              + notJudged,
          evidence);
    }
    return new Reason(
        ID,
        chemspill.isEmpty() ? Call.CAUTION : Call.NO_GO,
        String.join("; ", parts) + spans + notJudged + ": a release is rolling out",
        evidence);
  }

  private static void add(long[] total, long[] c) {
    for (int i = 0; i < total.length; i++) {
      total[i] += c[i];
    }
  }

  /**
   * The standard error of the difference of two shares {@code p1} of {@code n1}, {@code p0} of n0.
   */
  static double standardError(double p1, long n1, double p0, long n0) {
    return Math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);
  }

  /** The major version: the leading digits of {@code version}; -1 without any. */
  static int major(String version) {
    int end = 0;
    while (end < version.length() && end < 9 && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 ? -1 : Integer.parseInt(version.substring(0, end));
  }
}
