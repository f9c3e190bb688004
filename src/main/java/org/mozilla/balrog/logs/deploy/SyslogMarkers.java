package org.mozilla.balrog.logs.deploy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
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
import org.apache.spark.sql.types.DataTypes;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.privacy.Redactor;

/**
 * The Spark side of deploy detection: collects the restart and migration markers, the containers
 * and the hosts of each app's syslog to the driver (they are few: a handful of lines per restart,
 * one row per host and container). Which lines are markers is decided by {@link MarkerText}; Spark
 * only pre-filters. Driver only.
 */
final class SyslogMarkers {
  private SyslogMarkers() {}

  /**
   * What the syslog of some days showed.
   *
   * @param hostsTotal distinct hosts per app (the most seen on one day)
   */
  public record Markers(
      List<RestartMarker> restarts,
      List<MigrationMarker> migrations,
      Map<BalrogApp, Integer> hostsTotal) {
    public Markers {
      restarts = List.copyOf(restarts);
      migrations = List.copyOf(migrations);
      hostsTotal = Map.copyOf(hostsTotal);
    }

    static Markers none() {
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

  /**
   * The host of a syslog row: its host name, else its tag (srslog's unix format has no host name).
   */
  static Column host() {
    return coalesce(col("hostname"), col("tag"), lit("unknown"));
  }

  /** Whether {@code text} holds one of {@link MarkerText#PREFILTER_WORDS}, in any letter case. */
  static Column prefilter(Column text) {
    Column lower = lower(text);
    return MarkerText.PREFILTER_WORDS.stream()
        .map(lower::contains)
        .reduce(Column::or)
        .orElseThrow();
  }

  /**
   * The markers of one day: {@code events} holds each app's syslog event rows of that day (view
   * columns; other columns are ignored). One small Spark action, whatever the number of apps.
   */
  public static Markers collect(Map<BalrogApp, Dataset<Row>> events) {
    if (events.isEmpty()) {
      return Markers.none();
    }
    // one Spark action: the candidate marker lines (kind 'm') and the first line of every host and
    // tag ('c')
    List<Dataset<Row>> parts = new ArrayList<>();
    for (Map.Entry<BalrogApp, Dataset<Row>> e : events.entrySet()) {
      Column app = lit(e.getKey().name()).as("app");
      Dataset<Row> ev = e.getValue();
      parts.add(
          ev.where(prefilter(col("message")).or(prefilter(col("fields_message"))))
              .select(
                  lit("m").as("row"),
                  app,
                  col("event_time"),
                  host().as("host"),
                  col("tag"),
                  col("message"),
                  col("fields_message")));
      parts.add(
          ev.groupBy(host().as("host"), col("tag"))
              .agg(min(col("event_time")).as("event_time"))
              .select(
                  lit("c").as("row"),
                  app,
                  col("event_time"),
                  col("host"),
                  col("tag"),
                  lit(null).cast(DataTypes.StringType).as("message"),
                  lit(null).cast(DataTypes.StringType).as("fields_message")));
    }
    List<RestartMarker> restarts = new ArrayList<>();
    List<MigrationMarker> migrations = new ArrayList<>();
    List<ContainerSighting> sightings = new ArrayList<>();
    Map<BalrogApp, Set<String>> hosts = new EnumMap<>(BalrogApp.class);
    for (Row r : parts.stream().reduce(Dataset::unionByName).orElseThrow().collectAsList()) {
      BalrogApp app = BalrogApp.valueOf(r.getString(1));
      Instant t = r.getAs(2);
      String host = r.getString(3);
      String tag = r.getString(4);
      if (r.getString(0).equals("c")) {
        hosts.computeIfAbsent(app, k -> new HashSet<>()).add(host);
        if (tag != null) {
          sightings.add(new ContainerSighting(app, host, tag, t));
        }
        continue;
      }
      String message = r.getString(5);
      Optional<RestartMarker.Kind> kind = MarkerText.restart(message, r.getString(6));
      if (kind.isPresent()) {
        restarts.add(new RestartMarker(t, app, host, tag, kind.get()));
      } else if (MarkerText.migration(message)) {
        // the text is evidence in an output table: no raw address (a failed migration may name its
        // database host)
        migrations.add(new MigrationMarker(t, host, tag, Redactor.redact(message)));
      }
    }
    restarts.addAll(ContainerSighting.newContainers(sightings, migrations));
    Map<BalrogApp, Integer> counts = new EnumMap<>(BalrogApp.class);
    events.keySet().forEach(a -> counts.put(a, hosts.getOrDefault(a, Set.of()).size()));
    return new Markers(restarts, migrations, counts);
  }
}
