package org.mozilla.balrog.logs.gen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The releases of a run in start order: for each, the Firefox version it replaces and brings, the
 * new build id, and the admin API requests that prepare it (release automation and 1-2 release
 * managers in the hours before the start: 2 for a GA, 1 for a chemspill) and enact it (the agent,
 * just after the start). Release streams are {@code Seeds.rng(seed, "release-…", index)}, apart
 * from every other stream, so a run without releases is unchanged. Immutable; thread-safe to read.
 */
final class ReleasePlan {
  static final String PRODUCT = "Firefox";
  static final String CHANNEL = "release";

  /** Who sends an admin request of a release. */
  enum Actor {
    /** Release automation (balrogscript). */
    AUTOMATION,
    /** A release manager in the admin UI; {@link Write#person} says which. */
    MANAGER,
    /** The agent enacting a scheduled change. */
    AGENT
  }

  /**
   * One successful admin API write of a release.
   *
   * @param micros when the request arrives (epoch microseconds)
   * @param person which release manager (0 or 1) for {@link Actor#MANAGER}, else 0
   * @param status the 2xx answer
   * @param bytes body bytes of the answer
   */
  record Write(
      long micros, Actor actor, int person, String method, String uri, int status, int bytes) {}

  /** A release resolved for the run. */
  static final class Release {
    final ReleaseSpec spec;
    final String fromVersion;
    final String version;
    final String buildId;
    final long startUs;
    final long rampUs;

    /** Its writes inside the run's days, in time order. */
    final List<Write> writes;

    private Release(
        ReleaseSpec spec, String fromVersion, String version, String buildId, List<Write> writes) {
      this.spec = spec;
      this.fromVersion = fromVersion;
      this.version = version;
      this.buildId = buildId;
      this.startUs = Fmt.micros(spec.start());
      this.rampUs = Math.round(spec.rampHours() * 3_600_000_000d);
      this.writes = List.copyOf(writes);
    }
  }

  private static final String[] TARGETS = {
    "WINNT_x86_64-msvc-x64",
    "WINNT_x86-msvc-x86",
    "WINNT_aarch64-msvc-aarch64",
    "Darwin_x86_64-gcc3-u-i386-x86_64",
    "Darwin_aarch64-gcc3",
    "Linux_x86_64-gcc3"
  };
  private static final String[] LOCALES = {"en-US", "de", "fr", "ja", "zh-CN", "ru", "es-ES", "it"};
  private static final long MINUTE = 60_000_000L;
  private static final long DAY = 86_400_000_000L;

  /** Admin writes stop this long before midnight, as the admin generator's own traffic does. */
  static final long DAY_END_MARGIN = 70_000_000L;

  final List<Release> releases;

  /** The releases of {@code specs} over the run's days; writes outside those days are left out. */
  ReleasePlan(List<ReleaseSpec> specs, long seed, LocalDate from, int days) {
    long runStart = from.toEpochDay() * DAY;
    long runEnd = runStart + days * DAY;
    List<ReleaseSpec> sorted = sorted(specs);
    List<String[]> versions = versions(sorted);
    List<Release> out = new ArrayList<>();
    for (int k = 0; k < sorted.size(); k++) {
      ReleaseSpec spec = sorted.get(k);
      String version = versions.get(k)[1];
      List<Write> writes = new ArrayList<>();
      for (Write w : writes(spec, version, seed, k)) {
        if (w.micros() >= runStart
            && w.micros() < runEnd
            && Math.floorMod(w.micros(), DAY) < DAY - DAY_END_MARGIN) {
          writes.add(w);
        }
      }
      out.add(new Release(spec, versions.get(k)[0], version, buildId(spec, seed, k), writes));
    }
    releases = List.copyOf(out);
  }

  /** {@code specs} by start (then kind); null is none. */
  static List<ReleaseSpec> sorted(List<ReleaseSpec> specs) {
    if (specs == null) {
      return List.of();
    }
    return specs.stream()
        .sorted(Comparator.comparing(ReleaseSpec::start).thenComparing(ReleaseSpec::kind))
        .toList();
  }

  /**
   * {from_version, version} of each release of {@code sorted}: the first replaces the current
   * release version ({@link Population#RELEASE_VERSION}), each next one the version before it.
   *
   * @throws IllegalArgumentException when a release would bring a version already released
   */
  static List<String[]> versions(List<ReleaseSpec> sorted) {
    List<String[]> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>(List.of(Population.RELEASE_VERSION));
    String current = Population.RELEASE_VERSION;
    for (ReleaseSpec s : sorted) {
      String version = s.version() != null ? s.version() : nextVersion(s.kind(), current);
      if (!seen.add(version)) {
        throw new IllegalArgumentException(
            "release "
                + s
                + " brings Firefox "
                + version
                + ", which is already on the release channel (releases so far: "
                + String.join(", ", seen)
                + ")");
      }
      out.add(new String[] {current, version});
      current = version;
    }
    return out;
  }

  /**
   * The version a release picks after {@code current}: the next major {@code N.0} for a GA, the
   * next dot release for a chemspill ({@code 145.0.2} → {@code 145.0.3}, {@code 146.0} → {@code
   * 146.0.1}).
   */
  static String nextVersion(ReleaseSpec.Kind kind, String current) {
    String[] parts = current.split("\\.");
    if (kind == ReleaseSpec.Kind.GA) {
      return (Integer.parseInt(parts[0]) + 1) + ".0";
    }
    if (parts.length < 3) {
      return current + ".1";
    }
    return parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + 1);
  }

  /** A build id a few days (a GA) or hours (a chemspill) before the start. */
  private static String buildId(ReleaseSpec spec, long seed, int k) {
    SplittableRandom r = Seeds.rng(seed, "release-build", k);
    long lead =
        spec.kind() == ReleaseSpec.Kind.GA
            ? (4 + r.nextInt(4)) * DAY + r.nextLong(DAY)
            : (6 + r.nextInt(12)) * 60 * MINUTE;
    long sec = (Fmt.micros(spec.start()) - lead) / 1_000_000L;
    int[] c = Fmt.civil(Math.floorDiv(sec, 86_400L));
    int sod = (int) Math.floorMod(sec, 86_400L);
    StringBuilder sb = new StringBuilder(14);
    Fmt.pad(sb, c[0], 4);
    Fmt.pad(sb, c[1], 2);
    Fmt.pad(sb, c[2], 2);
    Fmt.pad(sb, sod / 3600, 2);
    Fmt.pad(sb, sod / 60 % 60, 2);
    Fmt.pad(sb, sod % 60, 2);
    return sb.toString();
  }

  /**
   * The writes of release {@code k}, in time order. Release automation creates the release, submits
   * its builds and schedules the changes of the channel's rules; release managers point rules at it
   * and sign each scheduled change off; just after the start the agent enacts each scheduled
   * change. A GA: 1-2 managers, 2 scheduled changes, 2-4 rule edits over two hours. A chemspill is
   * urgent and broader (partner and test channels' rules too, fixes to the release data): 2
   * managers, 6-9 scheduled changes, 30-49 rule edits and 2-4 release fixes in one hour.
   */
  private static List<Write> writes(ReleaseSpec spec, String version, long seed, int k) {
    SplittableRandom r = Seeds.rng(seed, "release-admin", k);
    boolean ga = spec.kind() == ReleaseSpec.Kind.GA;
    long start = Fmt.micros(spec.start());
    long lead = spec.kind().leadHours * 60 * MINUTE;
    long t0 = start - lead;
    int managers = ga ? 1 + r.nextInt(2) : 2;
    String release =
        "/api/releases/" + PRODUCT + "-" + version + "-build" + (ga ? 1 : 1 + r.nextInt(2));
    List<Write> out = new ArrayList<>();

    long t = t0 + r.nextLong(3 * MINUTE);
    out.add(new Write(t, Actor.AUTOMATION, 0, "PUT", release, 201, 60));
    for (String target : TARGETS) {
      for (String locale : LOCALES) {
        t += 1_000_000L + r.nextLong(3_000_000L);
        out.add(
            new Write(
                t,
                Actor.AUTOMATION,
                0,
                "PUT",
                release + "/builds/" + target + "/" + locale,
                201,
                60));
      }
    }
    // scheduled changes created in a row get consecutive ids
    int firstScheduled = 50_000 + r.nextInt(9000);
    int scheduled = ga ? 2 : 6 + r.nextInt(4);
    for (int i = 0; i < scheduled; i++) {
      t += 2_000_000L + r.nextLong(10_000_000L);
      out.add(new Write(t, Actor.AUTOMATION, 0, "POST", "/api/scheduled_changes/rules", 200, 60));
    }
    int fixes = ga ? 0 : 2 + r.nextInt(3);
    for (int i = 0; i < fixes; i++) {
      out.add(manager(r, t0 + lead / 5 + r.nextLong(lead * 3 / 5), managers, "PUT", release));
    }
    int edits = ga ? 2 + r.nextInt(3) : 30 + r.nextInt(20);
    for (int i = 0; i < edits; i++) {
      out.add(
          manager(
              r,
              t0 + lead / 10 + r.nextLong(lead * 4 / 5),
              managers,
              "PUT",
              "/api/rules/" + (1000 + r.nextInt(900))));
    }
    for (int i = 0; i < scheduled; i++) {
      for (int p = 0; p < managers; p++) {
        out.add(
            new Write(
                t0 + lead * 2 / 5 + r.nextLong(lead / 2),
                Actor.MANAGER,
                p,
                "POST",
                "/api/scheduled_changes/rules/" + (firstScheduled + i) + "/signoffs",
                200,
                40));
      }
    }
    // the agent polls every ~30 s and enacts what is due
    long enact = start + 1_000_000L + r.nextLong(28_000_000L);
    for (int i = 0; i < scheduled; i++) {
      out.add(
          new Write(
              enact + i * 150_000L,
              Actor.AGENT,
              0,
              "POST",
              "/api/scheduled_changes/rules/" + (firstScheduled + i) + "/enact",
              200,
              2));
    }
    out.sort(Comparator.comparingLong(Write::micros));
    return out;
  }

  private static Write manager(
      SplittableRandom r, long micros, int managers, String method, String uri) {
    return new Write(micros, Actor.MANAGER, r.nextInt(managers), method, uri, 200, 40);
  }

  /** The writes of every release in [fromUs, toUs), in time order. */
  List<Write> writes(long fromUs, long toUs) {
    List<Write> out = new ArrayList<>();
    for (Release rel : releases) {
      for (Write w : rel.writes) {
        if (w.micros() >= fromUs && w.micros() < toUs) {
          out.add(w);
        }
      }
    }
    out.sort(Comparator.comparingLong(Write::micros));
    return out;
  }
}
