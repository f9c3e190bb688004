package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Current health of the update endpoint, from {@code request_rates}: the last {@code
 * window.health.hours} before the push against the same hours of each of the previous {@code
 * window.health.baseline-days} days (their median), for the update 5xx rate ({@link #FIVE_XX}) or
 * the latency p95 ({@link #LATENCY}: the median of the 5-minute buckets' p95 of every source).
 *
 * <p>Caution from a multiple of the baseline, no-go from a larger one, both only when the increase
 * is at least the minimum (for the 5xx rate, also at least {@code window.health.5xx-min-errors}
 * extra errors); the 5xx rate is also no-go from {@code window.health.5xx-max} whatever the
 * baseline. Without a baseline day only that absolute limit applies (the explanation says so). With
 * fewer than {@code window.health.min-requests} requests in the window: caution, nothing to judge
 * on.
 */
public final class HealthRule implements WindowRule {
  public static final HealthRule FIVE_XX = new HealthRule(true);
  public static final HealthRule LATENCY = new HealthRule(false);

  private final boolean rate;

  private HealthRule(boolean rate) {
    this.rate = rate;
  }

  @Override
  public String id() {
    return rate ? "health.5xx" : "health.latency";
  }

  /** One window's value: requests, and the rate or the latency (NaN when none). */
  record Window(long rows, long requests, double value) {}

  Window window(List<UpdateBucket> buckets, Instant from, Instant to) {
    long rows = 0;
    long requests = 0;
    long errors = 0;
    List<Double> p95 = new ArrayList<>();
    for (UpdateBucket b : buckets) {
      if (b.start().isBefore(from) || !b.start().isBefore(to)) {
        continue;
      }
      rows++;
      requests += b.requests();
      errors += b.status5xx();
      if (b.latencyP95Ms() != null && b.requests() > 0) {
        p95.add(b.latencyP95Ms());
      }
    }
    double value =
        rate ? (requests == 0 ? Double.NaN : (double) errors / requests) : Times.median(p95);
    return new Window(rows, requests, value);
  }

  @Override
  public Reason judge(WindowInputs in, WindowSettings s) {
    Duration h = s.healthHours();
    Instant to = in.at();
    Instant from = to.minus(h);
    Window now = window(in.updates(), from, to);
    List<Double> days = new ArrayList<>();
    long baselineRows = 0;
    for (int d = 1; d <= s.baselineDays(); d++) {
      Window w = window(in.updates(), from.minus(Duration.ofDays(d)), to.minus(Duration.ofDays(d)));
      baselineRows += w.rows();
      if (w.requests() >= s.minRequests() && !Double.isNaN(w.value())) {
        days.add(w.value());
      }
    }
    double base = Times.median(days);
    Evidence current = new Evidence("request_rates", from, to, now.rows());
    Evidence baseline =
        new Evidence(
            "request_rates",
            from.minus(Duration.ofDays(s.baselineDays())),
            to.minus(Duration.ofDays(1)),
            baselineRows,
            "the same " + Times.duration(h) + " of each day");
    String what = rate ? "update 5xx rate" : "update latency p95";
    String last = " in the last " + Times.duration(h);
    if (now.requests() < s.minRequests() || Double.isNaN(now.value())) {
      return Reason.of(
          id(),
          Call.CAUTION,
          "only "
              + now.requests()
              + " update requests"
              + last
              + " (fewer than "
              + s.minRequests()
              + "): cannot judge the "
              + what,
          current);
    }
    String value = format(now.value());
    String against =
        days.isEmpty()
            ? "no earlier day to compare with (only the absolute limit applies)"
            : "median of the same hours on "
                + days.size()
                + " earlier day"
                + (days.size() == 1 ? "" : "s")
                + ": "
                + format(base);
    Call call = Call.GO;
    String verdictText = "";
    if (rate && now.value() >= s.rateMax()) {
      call = Call.NO_GO;
      verdictText = "; at or above the limit " + Times.percent(s.rateMax());
    }
    if (!days.isEmpty()) {
      double minIncrease = rate ? s.rateMinIncrease() : s.latencyMinIncreaseMs();
      double noGo = rate ? s.rateNoGo() : s.latencyNoGo();
      double caution = rate ? s.rateCaution() : s.latencyCaution();
      boolean increased =
          now.value() - base >= minIncrease
              && (!rate || (now.value() - base) * now.requests() >= s.rateMinErrors());
      if (increased && now.value() >= base * noGo) {
        call = call.worst(Call.NO_GO);
        verdictText += "; " + noGo + "x the baseline or more";
      } else if (increased && now.value() >= base * caution) {
        call = call.worst(Call.CAUTION);
        verdictText += "; " + caution + "x the baseline or more";
      }
    }
    return Reason.of(
        id(),
        call,
        what + " " + value + last + " (" + now.requests() + " requests), " + against + verdictText,
        current,
        baseline);
  }

  private String format(double v) {
    return rate ? Times.percent(v) : Times.ms(v);
  }
}
