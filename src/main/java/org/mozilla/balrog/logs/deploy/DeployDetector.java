package org.mozilla.balrog.logs.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mozilla.balrog.logs.model.BalrogApp;

/**
 * Finds deploys in restart markers (docs/design.md#deploys). Per app, markers whose consecutive
 * gaps are at most {@code gap} form a burst; a burst is a deploy when at least {@code max(2,
 * ceil(hostsTotal / 2))} distinct hosts restarted in it, so a lone host restarting is not a deploy.
 * A host that is already back (ready) and restarts again starts a new burst, so a quick rollback is
 * a deploy of its own. A deploy has a schema migration when a migration line falls in {@code [start
 * - 30 min, finish]}. Pure; thread-safe.
 */
final class DeployDetector {
  public static final Duration DEFAULT_GAP = Duration.ofMinutes(15);

  /**
   * How long before a rollout its migration may run (a one-shot job usually runs just before the
   * rollout).
   */
  public static final Duration MIGRATION_LEAD = Duration.ofMinutes(30);

  private static final int EVIDENCE_TEXT = 160;

  private final Duration gap;

  public DeployDetector(Duration gap) {
    if (gap.isNegative() || gap.isZero()) {
      throw new IllegalArgumentException("restart gap must be positive: " + gap);
    }
    this.gap = gap;
  }

  public DeployDetector() {
    this(DEFAULT_GAP);
  }

  /**
   * Hosts that must restart in one burst for it to be a deploy of an app with {@code hostsTotal}
   * hosts.
   */
  public static int minHosts(int hostsTotal) {
    return Math.max(2, (hostsTotal + 1) / 2);
  }

  /**
   * The deploys of {@code app} in {@code markers} (other apps' markers are ignored), in time order.
   *
   * @param hostsTotal hosts of the app seen in the logs that day
   * @param migrations migration lines of any app
   */
  public List<DetectedDeploy> detect(
      BalrogApp app,
      List<RestartMarker> markers,
      int hostsTotal,
      List<MigrationMarker> migrations) {
    List<RestartMarker> mine = new ArrayList<>();
    for (RestartMarker m : markers) {
      if (m.app() == app) {
        mine.add(m);
      }
    }
    mine.sort(
        Comparator.comparing(RestartMarker::time)
            .thenComparing(RestartMarker::kind)
            .thenComparing(RestartMarker::host));
    List<DetectedDeploy> out = new ArrayList<>();
    List<RestartMarker> burst = new ArrayList<>();
    Set<String> ready = new HashSet<>();
    for (RestartMarker m : mine) {
      boolean again = m.kind() != RestartMarker.Kind.NEW_CONTAINER && ready.contains(m.host());
      if (!burst.isEmpty()
          && (Duration.between(burst.get(burst.size() - 1).time(), m.time()).compareTo(gap) > 0
              || again)) {
        close(app, burst, hostsTotal, migrations, out);
        burst = new ArrayList<>();
        ready.clear();
      }
      burst.add(m);
      if (m.kind() == RestartMarker.Kind.READY) {
        ready.add(m.host());
      }
    }
    close(app, burst, hostsTotal, migrations, out);
    return out;
  }

  /** Every app's deploys, in time order. */
  public List<DetectedDeploy> detectAll(
      List<RestartMarker> markers,
      Map<BalrogApp, Integer> hostsTotal,
      List<MigrationMarker> migrations) {
    List<DetectedDeploy> out = new ArrayList<>();
    for (BalrogApp app : BalrogApp.values()) {
      out.addAll(detect(app, markers, hostsTotal.getOrDefault(app, 0), migrations));
    }
    out.sort(Comparator.comparing(DetectedDeploy::startedAt).thenComparing(DetectedDeploy::app));
    return out;
  }

  private static void close(
      BalrogApp app,
      List<RestartMarker> burst,
      int hostsTotal,
      List<MigrationMarker> migrations,
      List<DetectedDeploy> out) {
    Set<String> hosts = new TreeSet<>();
    burst.forEach(m -> hosts.add(m.host()));
    if (hosts.size() < minHosts(hostsTotal)) {
      return;
    }
    Instant start = burst.get(0).time();
    Instant finish = null;
    Map<RestartMarker.Kind, Integer> kinds = new EnumMap<>(RestartMarker.Kind.class);
    for (RestartMarker m : burst) {
      kinds.merge(m.kind(), 1, Integer::sum);
      if (m.kind() == RestartMarker.Kind.READY) {
        finish = m.time();
      }
    }
    if (finish == null) {
      finish = burst.get(burst.size() - 1).time();
    }
    List<MigrationMarker> near = migrationsNear(migrations, start, finish);
    StringBuilder ev = new StringBuilder();
    ev.append(
        String.format(
            Locale.ROOT,
            "%d of %d hosts restarted %s..%s:",
            hosts.size(),
            Math.max(hostsTotal, hosts.size()),
            start,
            finish));
    kinds.forEach((k, n) -> ev.append(' ').append(n).append(' ').append(k.label()).append(','));
    ev.setLength(ev.length() - 1);
    appendMigrations(ev, near);
    out.add(
        new DetectedDeploy(
            app,
            start,
            finish,
            List.copyOf(hosts),
            Math.max(hostsTotal, hosts.size()),
            !near.isEmpty(),
            ev.toString()));
  }

  /** Migration lines in {@code [start - MIGRATION_LEAD, finish]}, in time order. */
  public static List<MigrationMarker> migrationsNear(
      List<MigrationMarker> migrations, Instant start, Instant finish) {
    Instant from = start.minus(MIGRATION_LEAD);
    return migrations.stream()
        .filter(m -> !m.time().isBefore(from) && !m.time().isAfter(finish))
        .sorted(Comparator.comparing(MigrationMarker::time))
        .toList();
  }

  /** Appends {@code "; migration: <last line> (<host>, <time>)"} when there are migration lines. */
  static void appendMigrations(StringBuilder ev, List<MigrationMarker> near) {
    if (near.isEmpty()) {
      return;
    }
    // the last line of a migration run names the revision reached (alembic 'Running upgrade a -> b,
    // message')
    MigrationMarker last = near.get(near.size() - 1);
    String text = last.text().strip();
    if (text.length() > EVIDENCE_TEXT) {
      text = text.substring(0, EVIDENCE_TEXT - 1) + "…";
    }
    ev.append("; migration: ")
        .append(near.size())
        .append(near.size() == 1 ? " line" : " lines")
        .append(", last '")
        .append(text)
        .append("' (")
        .append(last.host())
        .append(", ")
        .append(last.time())
        .append(')');
  }
}
