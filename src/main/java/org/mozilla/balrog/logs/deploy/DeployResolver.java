package org.mozilla.balrog.logs.deploy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mozilla.balrog.logs.model.BalrogApp;

/**
 * Merges declared deploys with detected ones. A declared deploy and a detected deploy of the same
 * app whose start is within {@link #MATCH_WINDOW} of the declared time are one deploy (source
 * {@code declared+detected}, the declared id, the detected times and hosts; the closest detected
 * deploy wins). A declared deploy without a match keeps its declared time as start, no finish (its
 * rollout end is assumed, {@link Deploy#ASSUMED_ROLLOUT}) and has a schema migration when declared
 * so or when a migration line falls near it. A detected deploy without a declaration gets the id
 * {@code detected-<app>-<yyyyMMddTHHmmZ>} of its start. Pure.
 */
final class DeployResolver {
  public static final Duration MATCH_WINDOW = Duration.ofMinutes(30);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

  private DeployResolver() {}

  /**
   * @param hostsTotal hosts of each app seen in the logs (for declared deploys without a match)
   * @param migrations migration lines of the scanned days
   * @return the deploys sorted by start, then app and id
   */
  public static List<Deploy> resolve(
      List<DeclaredDeploy> declared,
      List<DetectedDeploy> detected,
      Map<BalrogApp, Integer> hostsTotal,
      List<MigrationMarker> migrations) {
    List<Deploy> out = new ArrayList<>();
    Set<DetectedDeploy> taken = new HashSet<>();
    Set<String> ids = new HashSet<>();
    List<DeclaredDeploy> byTime = new ArrayList<>(declared);
    byTime.sort(Comparator.comparing(DeclaredDeploy::time).thenComparing(DeclaredDeploy::id));
    for (DeclaredDeploy d : byTime) {
      if (!ids.add(d.id())) {
        throw new IllegalArgumentException("deploy id '" + d.id() + "' is declared twice");
      }
      DetectedDeploy match = null;
      Duration best = null;
      for (DetectedDeploy c : detected) {
        if (c.app() != d.app() || taken.contains(c)) {
          continue;
        }
        Duration off = Duration.between(d.time(), c.startedAt()).abs();
        if (off.compareTo(MATCH_WINDOW) <= 0 && (best == null || off.compareTo(best) < 0)) {
          match = c;
          best = off;
        }
      }
      if (match != null) {
        taken.add(match);
        out.add(
            new Deploy(
                d.id(),
                d.app(),
                match.startedAt(),
                match.finishedAt(),
                match.hosts().size(),
                match.hostsTotal(),
                d.migration() || match.schemaMigration(),
                Deploy.Source.DECLARED_AND_DETECTED,
                "declared "
                    + d.time()
                    + (d.migration() ? " with a migration" : "")
                    + "; detected: "
                    + match.evidence()));
      } else {
        Instant end = d.time().plus(Deploy.ASSUMED_ROLLOUT);
        List<MigrationMarker> near = DeployDetector.migrationsNear(migrations, d.time(), end);
        StringBuilder ev =
            new StringBuilder(
                "declared "
                    + d.time()
                    + (d.migration() ? " with a migration" : "")
                    + "; no restart burst of "
                    + d.app().code()
                    + " within "
                    + MATCH_WINDOW.toMinutes()
                    + " min, rollout end assumed "
                    + Deploy.ASSUMED_ROLLOUT.toMinutes()
                    + " min after the start");
        DeployDetector.appendMigrations(ev, near);
        out.add(
            new Deploy(
                d.id(),
                d.app(),
                d.time(),
                null,
                0,
                hostsTotal.getOrDefault(d.app(), 0),
                d.migration() || !near.isEmpty(),
                Deploy.Source.DECLARED,
                ev.toString()));
      }
    }
    for (DetectedDeploy c : detected) {
      if (taken.contains(c)) {
        continue;
      }
      String base = "detected-" + c.app().code() + "-" + ID_TIME.format(c.startedAt());
      String id = base;
      for (int n = 2; !ids.add(id); n++) {
        id = base + "-" + n;
      }
      out.add(
          new Deploy(
              id,
              c.app(),
              c.startedAt(),
              c.finishedAt(),
              c.hosts().size(),
              c.hostsTotal(),
              c.schemaMigration(),
              Deploy.Source.DETECTED,
              c.evidence()));
    }
    out.sort(
        Comparator.comparing(Deploy::startedAt)
            .thenComparing(Deploy::app)
            .thenComparing(Deploy::id));
    return out;
  }
}
