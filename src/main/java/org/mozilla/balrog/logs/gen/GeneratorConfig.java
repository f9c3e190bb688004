package org.mozilla.balrog.logs.gen;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SampleGenerator} writes.
 *
 * @param out output root; the nine sources go under the default layout
 *     (docs/formats.md#default-input-layout), {@code manifest.json} at the root
 * @param from first UTC day with traffic
 * @param days number of days, at least 1
 * @param clients size of the simulated aus5 install population, at least 1
 * @param seed same seed, same bytes
 * @param gzip write Classic ELB, nginx and syslog files gzip-compressed ({@code .gz}); ALB files
 *     are always gzip
 * @param clean write no malformed lines
 * @param deploys deploys to simulate, in any order; a rollback needs an earlier deploy of its app
 * @param scale multiplies update traffic (checks per install) for benchmarks; 1.0 is realistic
 * @param loneRestarts one single-host restart (not a deploy) per app and day, away from deploys
 * @param regressionLogs how often a web regression logs its new exception
 * @param releases Firefox releases to simulate on the release channel, in any order; none leaves
 *     the output as without them
 */
public record GeneratorConfig(
    Path out,
    LocalDate from,
    int days,
    int clients,
    long seed,
    boolean gzip,
    boolean clean,
    List<DeploySpec> deploys,
    double scale,
    boolean loneRestarts,
    RegressionLogs regressionLogs,
    List<ReleaseSpec> releases) {

  /** How often the web app logs a regression's new exception. */
  public enum RegressionLogs {
    /**
     * Every ~20 s per web host at the default 3 % error rate, in proportion to the rate; whatever
     * the traffic.
     */
    STEADY,
    /**
     * Once per aus5 update request the regression fails: few lines for a small effect on a small
     * day.
     */
    PER_REQUEST
  }

  public GeneratorConfig {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(from, "from");
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1: " + days);
    }
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be >= 1: " + clients);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a positive number: " + scale);
    }
    Objects.requireNonNull(regressionLogs, "regressionLogs");
    deploys = deploys == null ? List.of() : List.copyOf(deploys);
    DeployPlan.sorted(deploys);
    releases = releases == null ? List.of() : List.copyOf(releases);
    ReleasePlan.versions(ReleasePlan.sorted(releases));
  }

  /** Without releases. */
  public GeneratorConfig(
      Path out,
      LocalDate from,
      int days,
      int clients,
      long seed,
      boolean gzip,
      boolean clean,
      List<DeploySpec> deploys,
      double scale,
      boolean loneRestarts,
      RegressionLogs regressionLogs) {
    this(
        out,
        from,
        days,
        clients,
        seed,
        gzip,
        clean,
        deploys,
        scale,
        loneRestarts,
        regressionLogs,
        List.of());
  }

  /** With lone restarts, steady regression logs and no releases. */
  public GeneratorConfig(
      Path out,
      LocalDate from,
      int days,
      int clients,
      long seed,
      boolean gzip,
      boolean clean,
      List<DeploySpec> deploys,
      double scale) {
    this(out, from, days, clients, seed, gzip, clean, deploys, scale, true, RegressionLogs.STEADY);
  }

  /**
   * One day, 1000 clients, seed 42, plain text, malformed lines on, no deploys, scale 1, lone
   * restarts, steady regression logs, no releases.
   */
  public static GeneratorConfig defaults(Path out, LocalDate from) {
    return new GeneratorConfig(out, from, 1, 1000, 42L, false, false, List.of(), 1.0);
  }
}
