package org.mozilla.balrog.logs.gen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * Ground-truth counters of one generator task. Each task fills its own tally; the driver merges
 * them (sums and set unions, so the merge order does not matter and the manifest is deterministic).
 * Not thread-safe except {@link #merge}.
 */
final class Tally {
  /** Hourly counter slots. */
  static final int REQUESTS = 0;

  static final int S5XX = 1;
  static final int LB_5XX = 2;
  static final int BACKEND_5XX = 3;
  static final int DOCKERFLOW = 4;
  static final int UPDATE = 5;
  static final int UPDATE_5XX = 6;
  static final String[] HOURLY_NAMES = {
    "requests", "status_5xx", "lb_5xx", "backend_5xx", "dockerflow", "update_requests", "update_5xx"
  };

  record PopKey(LocalDate date, String domain, String product, String version, String channel)
      implements Comparable<PopKey> {
    private static final Comparator<PopKey> ORDER =
        Comparator.comparing(PopKey::date)
            .thenComparing(PopKey::domain)
            .thenComparing(PopKey::product)
            .thenComparing(PopKey::version)
            .thenComparing(PopKey::channel);

    @Override
    public int compareTo(PopKey o) {
      return ORDER.compare(this, o);
    }
  }

  static final class PopCell {
    long clients;
    long requests;
    final Set<String> fingerprints = new HashSet<>();
  }

  record Malformed(LogSource source, String file, long line, String kind) {}

  final TreeMap<String, TreeMap<LocalDate, Long>> rows = new TreeMap<>();
  final TreeMap<String, TreeMap<LocalDate, Long>> lines = new TreeMap<>();
  final TreeMap<String, TreeMap<Long, long[]>> hourly = new TreeMap<>();
  final TreeMap<PopKey, PopCell> population = new TreeMap<>();
  final List<Malformed> malformed = new ArrayList<>();
  final EnumMap<LogSource, Long> linesPerSource = new EnumMap<>(LogSource.class);
  final TreeMap<String, Long> files = new TreeMap<>();

  void rows(LogSource s, LocalDate date, long n) {
    if (n != 0) {
      rows.computeIfAbsent(s.viewName(), k -> new TreeMap<>()).merge(date, n, Long::sum);
    }
  }

  /** Records a closed file: its physical lines under its delivery folder date. */
  void file(LineSink sink) {
    lines
        .computeIfAbsent(sink.source.viewName(), k -> new TreeMap<>())
        .merge(sink.folderDate, sink.lines(), Long::sum);
    linesPerSource.merge(sink.source, sink.lines(), Long::sum);
    files.merge(sink.source.viewName(), 1L, Long::sum);
  }

  /** The counters of {@code source} for the hour starting at {@code hourStartEpochSecond}. */
  long[] hour(String source, long hourStartEpochSecond) {
    return hourly
        .computeIfAbsent(source, k -> new TreeMap<>())
        .computeIfAbsent(hourStartEpochSecond, k -> new long[HOURLY_NAMES.length]);
  }

  /** Counts one request of a load balancer or nginx source. */
  void request(
      String source,
      long epochSecond,
      boolean dockerflow,
      boolean update,
      int status,
      boolean lbGenerated,
      boolean backend5xx) {
    long[] h = hour(source, Math.floorDiv(epochSecond, 3600L) * 3600L);
    if (dockerflow) {
      h[DOCKERFLOW]++;
      return;
    }
    h[REQUESTS]++;
    boolean s5 = status >= 500 && status < 600;
    if (s5) {
      h[S5XX]++;
      if (lbGenerated) {
        h[LB_5XX]++;
      }
    }
    if (backend5xx) {
      h[BACKEND_5XX]++;
    }
    if (update) {
      h[UPDATE]++;
      if (s5) {
        h[UPDATE_5XX]++;
      }
    }
  }

  PopCell cell(PopKey key) {
    return population.computeIfAbsent(key, k -> new PopCell());
  }

  void malformed(LineSink sink, String kind) {
    malformed.add(new Malformed(sink.source, sink.relPath, sink.lines(), kind));
  }

  synchronized void merge(Tally o) {
    mergeDates(rows, o.rows);
    mergeDates(lines, o.lines);
    for (Map.Entry<String, TreeMap<Long, long[]>> e : o.hourly.entrySet()) {
      for (Map.Entry<Long, long[]> h : e.getValue().entrySet()) {
        long[] mine = hour(e.getKey(), h.getKey());
        for (int i = 0; i < mine.length; i++) {
          mine[i] += h.getValue()[i];
        }
      }
    }
    for (Map.Entry<PopKey, PopCell> e : o.population.entrySet()) {
      PopCell c = cell(e.getKey());
      c.clients += e.getValue().clients;
      c.requests += e.getValue().requests;
      c.fingerprints.addAll(e.getValue().fingerprints);
    }
    malformed.addAll(o.malformed);
    o.linesPerSource.forEach((k, v) -> linesPerSource.merge(k, v, Long::sum));
    o.files.forEach((k, v) -> files.merge(k, v, Long::sum));
  }

  private static void mergeDates(
      TreeMap<String, TreeMap<LocalDate, Long>> into,
      TreeMap<String, TreeMap<LocalDate, Long>> from) {
    for (Map.Entry<String, TreeMap<LocalDate, Long>> e : from.entrySet()) {
      TreeMap<LocalDate, Long> m = into.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
      e.getValue().forEach((d, n) -> m.merge(d, n, Long::sum));
    }
  }

  /** Malformed entries in a stable order (source, file, line). */
  List<Malformed> sortedMalformed() {
    List<Malformed> l = new ArrayList<>(malformed);
    l.sort(
        Comparator.comparing(Malformed::source)
            .thenComparing(Malformed::file)
            .thenComparingLong(Malformed::line));
    return l;
  }
}
