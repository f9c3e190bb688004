package org.mozilla.balrog.logs.gen;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How the releases of a {@link ReleasePlan} reach an update population: which release-channel
 * Firefox installs move to each release's version, and when. Balrog's rule serves a release to a
 * share of the channel's update requests whatever version they come from, so every install on the
 * {@code release} channel is a candidate: with {@code u} uniform in [0, 1) from {@code
 * Seeds.rng(seed, "release", index)}, an install moves when {@code u < finalShare}, at {@code start
 * + rampHours * u / finalShare}, so the moved share of installs (and of their requests) grows
 * linearly to {@code finalShare} at the end of the ramp. A later release supersedes an earlier one.
 *
 * <p>A <em>stage</em> is 0 for an install's own version, {@code k + 1} once it has moved to release
 * {@code k}. From its stage on, an install's update, GMP and system add-on URLs carry the new
 * version and build id, its user agent the new major version, and its update check is answered as
 * current. Immutable; thread-safe to read.
 */
final class ReleaseRollout {
  private final Population pop;
  private final List<ReleasePlan.Release> releases;

  /** Per release and install: when the install moves, epoch microseconds; never: MAX_VALUE. */
  private final long[][] moveUs;

  ReleaseRollout(ReleasePlan plan, Population pop, long seed) {
    this(plan.releases, pop, seed);
  }

  private ReleaseRollout(List<ReleasePlan.Release> releases, Population pop, long seed) {
    this.pop = pop;
    this.releases = releases;
    this.moveUs = new long[releases.size()][];
    for (int k = 0; k < releases.size(); k++) {
      ReleasePlan.Release rel = releases.get(k);
      double share = rel.spec.finalShare();
      long[] at = new long[pop.n];
      Arrays.fill(at, Long.MAX_VALUE);
      SplittableRandom r = Seeds.rng(seed, "release", k);
      for (int c = 0; c < pop.n; c++) {
        if (!candidate(c)) {
          continue;
        }
        double u = r.nextDouble();
        if (u < share) {
          at[c] = rel.startUs + (long) (rel.rampUs * (u / share));
        }
      }
      moveUs[k] = at;
    }
  }

  /** No releases: every install keeps its version. */
  static ReleaseRollout none(Population pop) {
    return new ReleaseRollout(List.of(), pop, 0);
  }

  private boolean candidate(int c) {
    return pop.product[c].equals(ReleasePlan.PRODUCT) && pop.channel[c].equals(ReleasePlan.CHANNEL);
  }

  /** Stages 0 (own version) to the number of releases. */
  int stages() {
    return releases.size() + 1;
  }

  /** The stage of install {@code c} at {@code micros}: the latest release it has moved to. */
  int stage(int c, long micros) {
    for (int k = releases.size() - 1; k >= 0; k--) {
      if (moveUs[k][c] <= micros) {
        return k + 1;
      }
    }
    return 0;
  }

  String version(int c, int stage) {
    return stage == 0 ? pop.version[c] : releases.get(stage - 1).version;
  }

  /**
   * {@code url}, one of install {@code c}'s own URLs (or null), with the version and build id of
   * {@code stage}.
   */
  String url(String url, int c, int stage) {
    if (stage == 0 || url == null) {
      return url;
    }
    ReleasePlan.Release rel = releases.get(stage - 1);
    String own = "/" + pop.version[c] + "/" + pop.buildId[c] + "/";
    int i = url.indexOf(own);
    return url.substring(0, i)
        + "/"
        + rel.version
        + "/"
        + rel.buildId
        + "/"
        + url.substring(i + own.length());
  }

  /** Install {@code c}'s user agent at {@code stage}: Firefox's {@code rv:N.0} and {@code N.0}. */
  String userAgent(int c, int stage) {
    if (stage == 0) {
      return pop.ua[c];
    }
    String own = Population.major(pop.version[c]) + ".0";
    String now = Population.major(releases.get(stage - 1).version) + ".0";
    return pop.ua[c]
        .replace("rv:" + own + ")", "rv:" + now + ")")
        .replace("Firefox/" + own, "Firefox/" + now);
  }

  /** The day's fingerprint tuple of install {@code c} at {@code stage}. */
  String fingerprint(int c, String ip, int stage) {
    return pop.fingerprint(c, ip, userAgent(c, stage));
  }

  /** Body bytes of an update answer: an install that has moved is current. */
  int updateBytes(int c, int stage) {
    return stage == 0 ? pop.updateBytes[c] : 42;
  }
}
