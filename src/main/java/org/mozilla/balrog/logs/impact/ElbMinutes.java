package org.mozilla.balrog.logs.impact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mozilla.balrog.logs.model.ElbWindowMinute;
import org.mozilla.balrog.logs.model.TimeWindow;

/**
 * The ELB sources' deploy-impact minutes from the per-minute window counts their scan tasks made
 * ({@link ElbWindowMinute}), with what {@link ImpactAggregation#countInWindows} would count from
 * their requests: {@code lb_5xx_rate} over every ELB source (bad: a 5xx the load balancer
 * generated), and for each update domain {@code update_5xx_rate:<domain>} (update and json
 * requests; bad: any 5xx) and {@code latency_p95:<domain>} (the exact 95th percentile of the
 * minute's latencies, as Spark's {@code percentile} computes it). Dockerflow requests were left out
 * by the scan. Pure.
 */
public final class ElbMinutes {
  private ElbMinutes() {}

  /** The deploy and side of one window of the list given to the scan. */
  public record Window(String deployId, WindowSide side, TimeWindow time) {}

  /** The web deploys' windows in scan order: each deploy's before window, then its after window. */
  public static List<Window> windows(Map<? extends ImpactSubject, ImpactWindows> deploys) {
    List<Window> out = new ArrayList<>();
    deploys.forEach(
        (d, w) -> {
          out.add(
              new Window(
                  d.id(), WindowSide.BEFORE, new TimeWindow(w.beforeStart(), w.beforeEnd())));
          out.add(
              new Window(d.id(), WindowSide.AFTER, new TimeWindow(w.afterStart(), w.afterEnd())));
        });
    return out;
  }

  /** The time ranges of {@code windows}, in order: what the scan is given. */
  public static List<TimeWindow> times(List<Window> windows) {
    return windows.stream().map(Window::time).toList();
  }

  /** The minute counts of {@code minutes} (counted for {@code windows}, by index). */
  public static List<MinuteCount> counts(
      Collection<ElbWindowMinute> minutes, List<Window> windows) {
    Map<String, Acc> groups = new TreeMap<>();
    for (ElbWindowMinute m : minutes) {
      Window w = windows.get(m.window());
      if (m.requests() > 0) {
        group(groups, w, ImpactMetric.LB_5XX_RATE, m.minute()).add(m.lb5xx(), m.requests(), null);
      }
      if (!ImpactMetric.UPDATE_DOMAINS.contains(m.source())) {
        continue;
      }
      if (m.updateRequests() > 0) {
        group(groups, w, ImpactMetric.update5xxRate(m.source()), m.minute())
            .add(m.update5xx(), m.updateRequests(), null);
      }
      if (m.latenciesMs().length > 0) {
        group(groups, w, ImpactMetric.latencyP95(m.source()), m.minute())
            .add(0, m.latenciesMs().length, m.latenciesMs());
      }
    }
    List<MinuteCount> out = new ArrayList<>();
    for (Acc a : groups.values()) {
      out.add(
          new MinuteCount(
              a.window.deployId(),
              a.window.side(),
              a.metric,
              a.minute,
              a.events,
              a.total,
              a.n == 0 ? null : percentile(Arrays.copyOf(a.latencies, a.n), 0.95)));
    }
    return out;
  }

  private static Acc group(Map<String, Acc> groups, Window w, String metric, long minute) {
    return groups.computeIfAbsent(
        w.deployId() + "\u0000" + w.side() + "\u0000" + metric + "\u0000" + minute,
        k -> new Acc(w, metric, minute));
  }

  /**
   * The {@code p} percentile of {@code values} as Spark's exact {@code percentile} computes it:
   * linear interpolation between the sorted values at the ranks around {@code (n - 1) p}. Sorts
   * {@code values}.
   */
  static double percentile(double[] values, double p) {
    Arrays.sort(values);
    double position = (values.length - 1) * p;
    long lower = (long) Math.floor(position);
    long higher = (long) Math.ceil(position);
    double lowerValue = values[(int) lower];
    if (higher == lower) {
      return lowerValue;
    }
    double higherValue = values[(int) higher];
    if (higherValue == lowerValue) {
      return lowerValue;
    }
    return (higher - position) * lowerValue + (position - lower) * higherValue;
  }

  private static final class Acc {
    final Window window;
    final String metric;
    final long minute;
    long events;
    long total;
    double[] latencies = new double[0];
    int n;

    Acc(Window window, String metric, long minute) {
      this.window = window;
      this.metric = metric;
      this.minute = minute;
    }

    void add(long bad, long count, double[] values) {
      events += bad;
      total += count;
      if (values != null) {
        if (n + values.length > latencies.length) {
          latencies = Arrays.copyOf(latencies, Math.max(latencies.length * 2, n + values.length));
        }
        System.arraycopy(values, 0, latencies, n, values.length);
        n += values.length;
      }
    }
  }
}
