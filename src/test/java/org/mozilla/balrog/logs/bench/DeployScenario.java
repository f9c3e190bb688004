package org.mozilla.balrog.logs.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.mozilla.balrog.logs.gen.DeploySpec;

/**
 * One seed's generated world for the deploy evaluation: 1-2 days, a traffic size, and 2-4 deploys
 * at random minutes (at least {@link #GAP} from midnight and from each other): web regressions with
 * random effect sizes (error rate log-uniform in [{@link #MIN_RATE}, {@link #MAX_RATE}], latency
 * uniform in [{@link #MIN_LATENCY}, {@link #MAX_LATENCY}]), minor changes, clean deploys; the web
 * deploy after a regression is mostly its rollback, else a clean or minor fix, never another
 * regression. Often an admin deploy with a schema migration. Every seed has at least one
 * regression. Deterministic from the seed.
 *
 * @param clients simulated installs ({@link #DEFAULT_CLIENTS} is the generator's default)
 */
record DeployScenario(long seed, LocalDate from, int days, int clients, List<DeploySpec> deploys) {
  static final LocalDate FROM = LocalDate.of(2026, 11, 2);
  static final Duration GAP = Duration.ofMinutes(90);
  static final int DEFAULT_CLIENTS = 20_000;
  static final int LARGE_CLIENTS = 5 * DEFAULT_CLIENTS;
  static final int[] CLIENTS = {5_000, 10_000, 20_000, 40_000};
  static final double MIN_RATE = 0.003;
  static final double MAX_RATE = 0.05;
  static final double MIN_LATENCY = 1.2;
  static final double MAX_LATENCY = 3.0;

  DeployScenario {
    deploys = List.copyOf(deploys);
  }

  /**
   * The scenario of {@code seed}; {@code largeTraffic} gives it {@link #LARGE_CLIENTS} installs
   * (same deploys).
   */
  static DeployScenario of(long seed, boolean largeTraffic) {
    // a hashed seed: SplittableRandom streams of seeds a multiple of its gamma apart are shifted
    // copies
    SplittableRandom r =
        new SplittableRandom(new SplittableRandom(seed ^ 0x5eed_d3b1_0e7aL).nextLong());
    int days = 1 + r.nextInt(2);
    int drawn = CLIENTS[r.nextInt(CLIENTS.length)];
    int clients = largeTraffic ? LARGE_CLIENTS : drawn;
    int n = 2 + r.nextInt(3);
    List<Instant> times = times(r, days, n);
    int admin = r.nextDouble() < 0.6 ? r.nextInt(n) : -1;
    String[] kinds = new String[n];
    List<Integer> web = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i == admin) {
        kinds[i] = r.nextDouble() < 0.25 ? "admin-minor" : "admin";
      } else {
        web.add(i);
      }
    }
    // a regression is followed by its rollback or a fix (never by another regression: judged
    // against the regressed
    // state before it, that one would not look worse)
    String prev = null;
    for (int i : web) {
      double v = r.nextDouble();
      if ("regression".equals(prev)) {
        kinds[i] = v < 0.65 ? "rollback" : v < 0.85 ? "clean" : "minor";
      } else {
        kinds[i] = v < 0.5 ? "regression" : v < 0.75 ? "minor" : "clean";
      }
      prev = kinds[i];
    }
    if (!web.isEmpty() && !List.of(kinds).contains("regression")) {
      kinds[web.get(0)] = "regression";
    }
    List<DeploySpec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String time = times.get(i).toString();
      String spec =
          switch (kinds[i]) {
            case "admin" -> "admin-" + (40 + i) + "@" + time + ":migration";
            case "admin-minor" -> "admin-" + (40 + i) + "@" + time + ":minor:migration";
            case "regression" ->
                "web-" + (120 + i) + "@" + time + ":regression=" + rate(r) + "x" + latency(r);
            case "minor" -> "web-" + (120 + i) + "@" + time + ":minor";
            case "rollback" -> "web-" + (120 + i) + "@" + time + ":rollback";
            default -> "web-" + (120 + i) + "@" + time;
          };
      specs.add(DeploySpec.parse(spec));
    }
    return new DeployScenario(seed, FROM, days, clients, specs);
  }

  /**
   * {@code n} distinct minutes in the days, each at least {@link #GAP} from midnight and from the
   * others, sorted.
   */
  private static List<Instant> times(SplittableRandom r, int days, int n) {
    long gap = GAP.toMinutes();
    long span = 24 * 60 - 2 * gap;
    while (true) {
      List<Long> minutes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        minutes.add(r.nextInt(days) * 24 * 60L + gap + r.nextLong(span + 1));
      }
      minutes.sort(null);
      boolean apart = true;
      for (int i = 1; i < n; i++) {
        apart &= minutes.get(i) - minutes.get(i - 1) >= gap;
      }
      if (apart) {
        Instant day0 = FROM.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return minutes.stream().map(m -> day0.plus(Duration.ofMinutes(m))).toList();
      }
    }
  }

  /** Log-uniform in [MIN_RATE, MAX_RATE], 4 decimals. */
  private static String rate(SplittableRandom r) {
    double x = MIN_RATE * Math.pow(MAX_RATE / MIN_RATE, r.nextDouble());
    return String.format(Locale.ROOT, "%.4f", x);
  }

  private static String latency(SplittableRandom r) {
    return String.format(
        Locale.ROOT, "%.2f", MIN_LATENCY + (MAX_LATENCY - MIN_LATENCY) * r.nextDouble());
  }

  List<LocalDate> dates() {
    List<LocalDate> out = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      out.add(from.plusDays(d));
    }
    return out;
  }

  /**
   * The {@code generate} arguments writing this scenario into {@code out}.
   *
   * @param regressionLogs {@code --regression-logs} value: steady or per-request
   */
  List<String> generateArgs(Path out, String regressionLogs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "--out",
                out.toString(),
                "--from",
                from.toString(),
                "--days",
                Integer.toString(days),
                "--clients",
                Integer.toString(clients),
                "--seed",
                Long.toString(seed),
                "--regression-logs",
                regressionLogs));
    for (DeploySpec d : deploys) {
      args.add("--deploy");
      args.add(d.toString());
    }
    return args;
  }

  /** One line: days, clients and the deploys. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "seed %d: %d day(s) from %s, %,d clients, deploys %s",
        seed,
        days,
        from,
        clients,
        deploys.stream().map(DeploySpec::toString).toList());
  }
}
