package org.mozilla.balrog.logs.deploy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * The Spark side of deploy detection: collects the restart and migration markers, the containers and the hosts of
 * each app's syslog to the driver (they are few: a handful of lines per restart, one row per host and container).
 * Which lines are markers is decided by {@link MarkerText}; Spark only pre-filters. Driver only.
 */
public final class SyslogMarkers {
  private SyslogMarkers() {}

  /**
   * What the syslog of some days showed.
   *
   * @param hostsTotal distinct hosts per app (the most seen on one day)
   */
  public record Markers(
      List<RestartMarker> restarts, List<MigrationMarker> migrations, Map<BalrogApp, Integer> hostsTotal) {
    public Markers {
      restarts = List.copyOf(restarts);
      migrations = List.copyOf(migrations);
      hostsTotal = Map.copyOf(hostsTotal);
    }

    public static Markers none() {
      return new Markers(List.of(), List.of(), Map.of());
    }

    /** Both days' markers; hosts per app is the larger count. */
    public Markers plus(Markers o) {
      List<RestartMarker> r = new ArrayList<>(restarts);
      r.addAll(o.restarts);
      List<MigrationMarker> m = new ArrayList<>(migrations);
      m.addAll(o.migrations);
      Map<BalrogApp, Integer> h = new EnumMap<>(BalrogApp.class);
      h.putAll(hostsTotal);
      o.hostsTotal.forEach((k, v) -> h.merge(k, v, Math::max));
      return new Markers(r, m, h);
    }
  }

  /** The app whose syslog {@code source} is, or null for other sources. */
  public static BalrogApp appOf(LogSource source) {
    return switch (source) {
      case SYSLOG_WEB -> BalrogApp.WEB;
      case SYSLOG_ADMIN -> BalrogApp.ADMIN;
      case SYSLOG_AGENT -> BalrogApp.AGENT;
      default -> null;
    };
  }

  /** The host of a syslog row: its host name, else its tag (srslog's unix format has no host name). */
  static Column host() {
    return coalesce(col("hostname"), col("tag"), lit("unknown"));
  }

  /**
   * The markers of one day: {@code events} holds each app's syslog event rows of that day (view columns; other
   * columns are ignored). Two small Spark actions per app.
   */
  public static Markers collect(Map<BalrogApp, Dataset<Row>> events) {
    List<RestartMarker> restarts = new ArrayList<>();
    List<MigrationMarker> migrations = new ArrayList<>();
    List<ContainerSighting> sightings = new ArrayList<>();
    Map<BalrogApp, Integer> hosts = new EnumMap<>(BalrogApp.class);
    for (Map.Entry<BalrogApp, Dataset<Row>> e : events.entrySet()) {
      BalrogApp app = e.getKey();
      Dataset<Row> ev = e.getValue();
      List<Row> candidates =
          ev.where(col("message").rlike(MarkerText.PREFILTER).or(col("fields_message").rlike(MarkerText.PREFILTER)))
              .select(col("event_time"), host().as("host"), col("tag"), col("message"), col("fields_message"))
              .collectAsList();
      for (Row r : candidates) {
        Instant t = r.getAs(0);
        String host = r.getString(1);
        String tag = r.getString(2);
        String message = r.getString(3);
        Optional<RestartMarker.Kind> kind = MarkerText.restart(message, r.getString(4));
        if (kind.isPresent()) {
          restarts.add(new RestartMarker(t, app, host, tag, kind.get()));
        } else if (MarkerText.migration(message)) {
          migrations.add(new MigrationMarker(t, host, tag, message));
        }
      }
      Set<String> appHosts = new HashSet<>();
      for (Row r : ev.groupBy(host().as("host"), col("tag")).agg(min(col("event_time"))).collectAsList()) {
        appHosts.add(r.getString(0));
        if (r.getString(1) != null) {
          sightings.add(new ContainerSighting(app, r.getString(0), r.getString(1), r.getAs(2)));
        }
      }
      hosts.put(app, appHosts.size());
    }
    restarts.addAll(ContainerSighting.newContainers(sightings, migrations));
    return new Markers(restarts, migrations, hosts);
  }
}
