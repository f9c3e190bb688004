package org.mozilla.balrog.logs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mozilla.balrog.logs.testing.CliRun;

/**
 * Driver of {@code bench/deploy-eval}: for each seed, generates its {@link DeployScenario}, runs
 * {@code deploy-impact --date D --format json} for each day without declared deploys (detection
 * only), scores the result against the manifest ({@link DeployScoring}), prints a table per seed
 * and a summary, and writes {@code results.json}. One JVM; the CLI runs in-process.
 *
 * <p>Usage: {@code DeployEval [--seeds N] [--first-seed S] [--out DIR] [--work DIR] [--keep-data]
 * [--daily] [--regression-logs per-request|steady]}. The web app logs a regression's new exception
 * once per failed request by default ({@code generate --regression-logs per-request}), so small
 * effects on small days stay hard to see; {@code steady} is the generator's default (every ~20 s
 * per host at 3 %, whatever the traffic). {@code --daily} runs {@code daily --date D} before {@code
 * deploy-impact} for each day (when deploy-impact reads the summary tables rather than the raw
 * logs). Exit 0 when every command ran, 1 when one failed, 2 on bad arguments.
 */
public final class DeployEval {
  private DeployEval() {}

  /**
   * @param regressionLogs the generator's {@code --regression-logs}: per-request (default) or
   *     steady
   */
  record Options(
      int seeds,
      long firstSeed,
      Path out,
      Path work,
      boolean keepData,
      boolean daily,
      String regressionLogs) {}

  public static void main(String[] args) throws IOException {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("deploy-eval: " + e.getMessage());
      System.err.println(
          "usage: bench/deploy-eval [--seeds N] [--first-seed S] [--out DIR] [--work DIR]"
              + " [--keep-data] [--daily] [--regression-logs per-request|steady]");
      System.exit(2);
      return;
    }
    System.exit(run(o));
  }

  static Options parse(String[] args) {
    int seeds = 20;
    long first = 1;
    // bench/deploy-eval passes the project root; relative --out/--work stay relative to the working
    // directory
    Path root = Path.of(System.getProperty("deploy-eval.root", "."));
    Path out = root.resolve("bench/results/deploy-eval");
    Path work = root.resolve("bench/data/deploy-eval");
    boolean keep = false;
    boolean daily = false;
    String logs = "per-request";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--seeds" -> seeds = positive(a, value(args, ++i, a));
        case "--first-seed" -> first = Long.parseLong(value(args, ++i, a));
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--work" -> work = Path.of(value(args, ++i, a));
        case "--keep-data" -> keep = true;
        case "--daily" -> daily = true;
        case "--regression-logs" -> {
          logs = value(args, ++i, a);
          if (!logs.equals("per-request") && !logs.equals("steady")) {
            throw new IllegalArgumentException(
                "--regression-logs must be per-request or steady: '" + logs + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    return new Options(seeds, first, out, work, keep, daily, logs);
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }

  private static int positive(String name, String v) {
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive integer: '" + v + "'");
  }

  /** The second seed is the large-traffic one. */
  static boolean largeTraffic(int index) {
    return index == 1;
  }

  static int run(Options o) throws IOException {
    Files.createDirectories(o.out());
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    List<DeployScoring.SeedScore> scores = new ArrayList<>();
    List<Object> perSeed = new ArrayList<>();
    boolean failed = false;
    long t0 = System.nanoTime();
    for (int i = 0; i < o.seeds(); i++) {
      long seed = o.firstSeed() + i;
      DeployScenario sc = DeployScenario.of(seed, largeTraffic(i));
      System.out.println("== " + sc.describe());
      Path data = o.work().resolve("seed-" + seed);
      Path tables = o.work().resolve("seed-" + seed + "-tables");
      Path seedOut = o.out().resolve("seed-" + seed);
      delete(tables);
      Files.createDirectories(seedOut);
      List<Object> runs = new ArrayList<>();
      List<String> impactLines = new ArrayList<>();
      boolean ok = step(runs, sc.generateArgs(data, o.regressionLogs()));
      if (ok) {
        for (LocalDate day : sc.dates()) {
          List<String> global = List.of("--input", data.toString(), "--output", tables.toString());
          // global options after the subcommand name (picocli mixins), so the progress line names
          // the command
          if (o.daily()) {
            ok &= step(runs, concat(List.of("daily", "--date", day.toString()), global));
          }
          List<String> impact =
              concat(
                  List.of("deploy-impact", "--date", day.toString(), "--format", "json"), global);
          CliRun r = CliRun.of(impact);
          runs.add(runRecord(impact, r));
          ok &= r.exitCode() == 0;
          if (r.exitCode() != 0) {
            System.out.println(r.describe());
          }
          List<String> lines = r.out().lines().filter(l -> l.startsWith("{")).toList();
          Files.write(seedOut.resolve("deploy-impact-" + day + ".jsonl"), lines);
          impactLines.addAll(lines);
        }
      }
      failed |= !ok;
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("seed", seed);
      rec.put("large_traffic", largeTraffic(i));
      rec.put("days", sc.days());
      rec.put("clients", sc.clients());
      rec.put("deploys", sc.deploys().stream().map(Object::toString).toList());
      rec.put("runs", runs);
      if (ok) {
        JsonNode manifest = new ObjectMapper().readTree(data.resolve("manifest.json").toFile());
        Files.copy(
            data.resolve("manifest.json"),
            seedOut.resolve("manifest.json"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DeployScoring.SeedScore s =
            DeployScoring.score(
                DeployScoring.Truth.fromManifest(manifest),
                DeployScoring.LoneRestart.fromManifest(manifest),
                DeployScoring.Judged.fromJsonLines(impactLines));
        scores.add(s);
        System.out.print(DeployScoring.table(s));
        rec.put("outcomes", s.outcomes().stream().map(DeployEval::outcome).toList());
        rec.put("spurious", s.spurious().stream().map(DeployEval::spurious).toList());
      }
      perSeed.add(rec);
      if (!o.keepData()) {
        delete(data);
        delete(tables);
      }
    }
    Map<String, Object> summary = DeployScoring.summary(scores);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("seeds", o.seeds());
    root.put("first_seed", o.firstSeed());
    root.put("daily", o.daily());
    root.put("regression_logs", o.regressionLogs());
    root.put("wall_seconds", Math.round((System.nanoTime() - t0) / 1e9));
    root.put("summary", summary);
    root.put("per_seed", perSeed);
    Path results = o.out().resolve("results.json");
    json.writeValue(results.toFile(), root);
    System.out.println(
        "== summary over "
            + scores.size()
            + " of "
            + o.seeds()
            + " seeds (regression logs "
            + o.regressionLogs()
            + ")");
    System.out.print(DeployScoring.describe(summary));
    System.out.println(
        "results: "
            + results
            + (failed ? " (some commands FAILED; see runs in results.json)" : ""));
    return failed ? 1 : 0;
  }

  private static boolean step(List<Object> runs, List<String> args) {
    CliRun r = CliRun.of(args);
    runs.add(runRecord(args, r));
    if (r.exitCode() != 0) {
      System.out.println(r.describe());
    }
    return r.exitCode() == 0;
  }

  private static Map<String, Object> runRecord(List<String> args, CliRun r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("args", args);
    m.put("exit", r.exitCode());
    if (r.exitCode() != 0) {
      m.put("err", r.err());
    }
    return m;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static Map<String, Object> outcome(DeployScoring.Outcome o) {
    DeployScoring.Truth t = o.truth();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("app", t.app());
    m.put("change", t.change());
    m.put("error_rate", t.errorRate());
    m.put("latency_factor", t.latencyFactor());
    m.put("migration", t.migration());
    m.put("first_restart", t.firstRestart().toString());
    m.put("last_restart", t.lastRestart().toString());
    m.put("expected_verdict", t.expectedVerdict());
    m.put("found", o.found());
    m.put("detected_id", o.found() ? o.judged().deployId() : null);
    m.put("detected_start", o.found() ? String.valueOf(o.judged().startedAt()) : null);
    m.put("detected_finish", o.found() ? String.valueOf(o.judged().finishedAt()) : null);
    m.put("start_in_window", o.startInWindow());
    m.put("finish_in_window", o.finishInWindow());
    m.put("verdict", o.verdict());
    m.put("reason", o.found() ? o.judged().reason() : null);
    m.put("correct", o.correct());
    m.put("migration_right", o.migrationRight());
    m.put("new_exception_type", t.newExceptionType());
    m.put("signature_listed", o.signatureListed());
    m.put("new_signatures", o.found() ? o.judged().newSignatures() : List.of());
    m.put("other_signatures", DeployScoring.otherSignatures(o));
    m.put("metric_verdicts", o.found() ? o.judged().metricVerdicts() : Map.of());
    return m;
  }

  private static Map<String, Object> spurious(DeployScoring.Spurious s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("app", s.judged().app());
    m.put("detected_id", s.judged().deployId());
    m.put("started_at", String.valueOf(s.judged().startedAt()));
    m.put("cause", s.cause());
    m.put("verdict", s.judged().verdict());
    m.put("reason", s.judged().reason());
    return m;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
