package org.mozilla.balrog.logs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores {@code deploy-impact} (run without declared deploys, i.e. detection only) against the
 * generator's ground truth: matches detected deploys to the manifest's deploys by app and time,
 * then counts verdicts, detection quality and listed signatures. Pure Java; no Spark.
 */
final class DeployScoring {
  /**
   * A detected deploy matches a true one of its app when its start is at most this far outside the
   * rollout.
   */
  static final Duration MATCH_SLACK = Duration.ofMinutes(10);

  private DeployScoring() {}

  /** A deploy of the manifest ({@code deploys[]}). */
  record Truth(
      String id,
      String app,
      Instant time,
      Instant firstRestart,
      Instant lastRestart,
      boolean migration,
      String change,
      double errorRate,
      double latencyFactor,
      String expectedVerdict,
      String newExceptionType,
      String newExceptionClass) {

    boolean regression() {
      return change.equals("regression");
    }

    /**
     * The rollout window at the syslog's one-second resolution: [first restart's second, last host
     * back].
     */
    boolean inRollout(Instant t) {
      return t != null
          && !t.isBefore(firstRestart.truncatedTo(ChronoUnit.SECONDS))
          && !t.isAfter(lastRestart);
    }

    /** How far {@code t} lies outside the rollout window (zero inside). */
    Duration distance(Instant t) {
      Instant from = firstRestart.truncatedTo(ChronoUnit.SECONDS);
      if (t.isBefore(from)) {
        return Duration.between(t, from);
      }
      return t.isAfter(lastRestart) ? Duration.between(lastRestart, t) : Duration.ZERO;
    }

    static List<Truth> fromManifest(JsonNode manifest) {
      List<Truth> out = new ArrayList<>();
      for (JsonNode d : manifest.path("deploys")) {
        String change =
            d.path("regression").asBoolean()
                ? "regression"
                : d.path("rollback").asBoolean()
                    ? "rollback"
                    : d.path("minor").asBoolean() ? "minor" : "clean";
        out.add(
            new Truth(
                d.get("id").asText(),
                d.get("app").asText(),
                Instant.parse(d.get("time").asText()),
                Instant.parse(d.get("first_restart").asText()),
                Instant.parse(d.get("last_restart").asText()),
                d.path("migration").asBoolean(),
                change,
                d.path("error_rate").asDouble(0),
                d.path("latency_factor").asDouble(1),
                d.path("expected_verdict").asText("ok"),
                text(d.get("new_exception_type")),
                text(d.get("new_exception_class"))));
      }
      return out;
    }
  }

  /** A lone single-host restart of the manifest ({@code restarts[]} with {@code deploy: false}). */
  record LoneRestart(String app, String host, Instant stopped, Instant ready) {
    static List<LoneRestart> fromManifest(JsonNode manifest) {
      List<LoneRestart> out = new ArrayList<>();
      for (JsonNode r : manifest.path("restarts")) {
        if (!r.path("deploy").asBoolean()) {
          out.add(
              new LoneRestart(
                  r.get("app").asText(),
                  r.get("host").asText(),
                  Instant.parse(r.get("stopped").asText()),
                  Instant.parse(r.get("ready").asText())));
        }
      }
      return out;
    }
  }

  /**
   * One deploy as {@code deploy-impact} judged it: its {@code overall} row, plus every metric's
   * verdict.
   *
   * @param metricVerdicts metric name to verdict, without {@code overall}
   */
  record Judged(
      String deployId,
      String app,
      Instant startedAt,
      Instant finishedAt,
      String verdict,
      String reason,
      List<String> newSignatures,
      String source,
      boolean schemaMigration,
      Integer hosts,
      Map<String, String> metricVerdicts) {

    /**
     * The deploys in {@code deploy-impact --format json} output (one object per line per deploy and
     * metric; other lines are skipped). A deploy without an {@code overall} row is an error.
     */
    static List<Judged> fromJsonLines(List<String> lines) {
      ObjectMapper json = new ObjectMapper();
      Map<String, JsonNode> overall = new LinkedHashMap<>();
      Map<String, Map<String, String>> metrics = new LinkedHashMap<>();
      for (String line : lines) {
        String l = line.strip();
        if (!l.startsWith("{")) {
          continue;
        }
        JsonNode row;
        try {
          row = json.readTree(l);
        } catch (IOException e) {
          throw new UncheckedIOException("deploy-impact printed a line that is not JSON: " + l, e);
        }
        String key = row.path("deploy_id").asText() + "|" + row.path("deploy_started_at").asText();
        metrics.computeIfAbsent(key, k -> new TreeMap<>());
        String metric = row.path("metric").asText();
        if (metric.equals("overall")) {
          overall.put(key, row);
        } else {
          metrics.get(key).put(metric, row.path("verdict").asText());
        }
      }
      List<Judged> out = new ArrayList<>();
      for (String key : metrics.keySet()) {
        JsonNode o = overall.get(key);
        if (o == null) {
          throw new IllegalArgumentException(
              "deploy-impact printed no 'overall' row for deploy " + key);
        }
        List<String> sigs = new ArrayList<>();
        o.path("new_signatures").forEach(s -> sigs.add(s.asText()));
        out.add(
            new Judged(
                o.path("deploy_id").asText(),
                o.path("app").asText(),
                time(o.get("deploy_started_at")),
                time(o.get("deploy_finished_at")),
                o.path("verdict").asText(),
                o.path("reason").asText(),
                List.copyOf(sigs),
                text(o.get("deploy_source")),
                o.path("schema_migration").asBoolean(),
                o.hasNonNull("hosts") ? o.get("hosts").asInt() : null,
                Map.copyOf(metrics.get(key))));
      }
      out.sort(Comparator.comparing(Judged::startedAt).thenComparing(Judged::app));
      return out;
    }
  }

  /**
   * A true deploy and what was detected and judged for it ({@code judged} null when it was not
   * found).
   */
  record Outcome(Truth truth, Judged judged) {
    boolean found() {
      return judged != null;
    }

    boolean startInWindow() {
      return found() && truth.inRollout(judged.startedAt());
    }

    boolean finishInWindow() {
      return found() && truth.inRollout(judged.finishedAt());
    }

    /** The verdict, or {@code missed} when the deploy was not detected. */
    String verdict() {
      return found() ? judged.verdict() : "missed";
    }

    boolean flagged() {
      return verdict().equals("regression");
    }

    /** Regression flagged as one, or a non-regression judged {@code ok}. */
    boolean correct() {
      return truth.regression() ? flagged() : verdict().equals("ok");
    }

    /** Whether the detected migration flag equals the truth; null when not found. */
    Boolean migrationRight() {
      return found() ? judged.schemaMigration() == truth.migration() : null;
    }

    /**
     * For a found deploy that logs a new signature: whether {@code new_signatures} names its
     * exception type (or class); null otherwise.
     */
    Boolean signatureListed() {
      if (!found() || truth.newExceptionType() == null) {
        return null;
      }
      for (String s : judged.newSignatures()) {
        if (s.contains(truth.newExceptionType()) || s.contains(truth.newExceptionClass())) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Signatures listed for the deploy that are not its own new exception (every listed one for a
   * deploy that brought none): the generator's background errors judged new.
   */
  static List<String> otherSignatures(Outcome o) {
    if (!o.found()) {
      return List.of();
    }
    Truth t = o.truth();
    return o.judged().newSignatures().stream()
        .filter(
            s ->
                t.newExceptionType() == null
                    || !(s.contains(t.newExceptionType()) || s.contains(t.newExceptionClass())))
        .toList();
  }

  /**
   * A detected deploy that matches no true one.
   *
   * @param cause {@code lone_restart} when a lone restart of the app is near its start, else {@code
   *     other}
   */
  record Spurious(Judged judged, String cause) {}

  /** One seed's outcome per true deploy (in time order) and its spurious detections. */
  record SeedScore(List<Outcome> outcomes, List<Spurious> spurious, int loneRestarts) {}

  /**
   * Matches each detected deploy to the true deploy of its app whose rollout window is nearest its
   * start (at most {@link #MATCH_SLACK} outside), one to one, nearest pairs first.
   */
  static SeedScore score(List<Truth> truths, List<LoneRestart> lone, List<Judged> judged) {
    record Pair(int truth, int judged, Duration distance) {}
    List<Pair> pairs = new ArrayList<>();
    for (int t = 0; t < truths.size(); t++) {
      for (int j = 0; j < judged.size(); j++) {
        Truth truth = truths.get(t);
        Judged d = judged.get(j);
        if (truth.app().equals(d.app()) && d.startedAt() != null) {
          Duration dist = truth.distance(d.startedAt());
          if (dist.compareTo(MATCH_SLACK) <= 0) {
            pairs.add(new Pair(t, j, dist));
          }
        }
      }
    }
    pairs.sort(
        Comparator.comparing(Pair::distance)
            .thenComparingInt(Pair::truth)
            .thenComparingInt(Pair::judged));
    Judged[] matchOf = new Judged[truths.size()];
    boolean[] used = new boolean[judged.size()];
    for (Pair p : pairs) {
      if (matchOf[p.truth()] == null && !used[p.judged()]) {
        matchOf[p.truth()] = judged.get(p.judged());
        used[p.judged()] = true;
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int t = 0; t < truths.size(); t++) {
      order.add(t);
    }
    order.sort(
        Comparator.comparing((Integer t) -> truths.get(t).time())
            .thenComparing(t -> truths.get(t).id()));
    List<Outcome> outcomes = new ArrayList<>();
    for (int t : order) {
      outcomes.add(new Outcome(truths.get(t), matchOf[t]));
    }
    List<Spurious> spurious = new ArrayList<>();
    for (int j = 0; j < judged.size(); j++) {
      if (!used[j]) {
        Judged d = judged.get(j);
        boolean nearLone =
            d.startedAt() != null
                && lone.stream()
                    .anyMatch(
                        r ->
                            r.app().equals(d.app())
                                && Duration.between(r.stopped(), d.startedAt())
                                        .abs()
                                        .compareTo(MATCH_SLACK)
                                    <= 0);
        spurious.add(new Spurious(d, nearLone ? "lone_restart" : "other"));
      }
    }
    return new SeedScore(List.copyOf(outcomes), List.copyOf(spurious), lone.size());
  }

  /** Error-rate band of a regression, for recall per effect size. */
  static String errorBand(double rate) {
    if (rate < 0.005) {
      return "<0.5%";
    }
    if (rate < 0.01) {
      return "0.5-1%";
    }
    return rate < 0.02 ? "1-2%" : ">=2%";
  }

  static final List<String> ERROR_BANDS = List.of("<0.5%", "0.5-1%", "1-2%", ">=2%");

  /** Latency-factor band of a regression. */
  static String latencyBand(double factor) {
    if (factor < 1.5) {
      return "<x1.5";
    }
    return factor < 2.2 ? "x1.5-2.2" : ">=x2.2";
  }

  static final List<String> LATENCY_BANDS = List.of("<x1.5", "x1.5-2.2", ">=x2.2");

  static final List<String> CHANGES = List.of("clean", "minor", "rollback", "regression");

  /**
   * The totals over seeds, as plain maps and lists in a fixed key order (written to results.json).
   */
  static Map<String, Object> summary(List<SeedScore> seeds) {
    List<Outcome> all = new ArrayList<>();
    List<Spurious> spurious = new ArrayList<>();
    int lone = 0;
    for (SeedScore s : seeds) {
      all.addAll(s.outcomes());
      spurious.addAll(s.spurious());
      lone += s.loneRestarts();
    }
    List<Outcome> regressions = all.stream().filter(o -> o.truth().regression()).toList();
    List<Outcome> others = all.stream().filter(o -> !o.truth().regression()).toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seeds", seeds.size());
    m.put("deploys", all.size());
    long flagged = regressions.stream().filter(Outcome::flagged).count();
    m.put("regressions", regressions.size());
    m.put("regressions_flagged", flagged);
    m.put("recall", ratio(flagged, regressions.size()));
    m.put(
        "recall_by_error_rate",
        bands(regressions, ERROR_BANDS, o -> errorBand(o.truth().errorRate())));
    m.put(
        "recall_by_latency_factor",
        bands(regressions, LATENCY_BANDS, o -> latencyBand(o.truth().latencyFactor())));
    long fp = others.stream().filter(Outcome::flagged).count();
    m.put("non_regressions", others.size());
    m.put("false_positives", fp);
    m.put("false_positive_rate", ratio(fp, others.size()));
    m.put("non_regressions_ok", others.stream().filter(o -> o.verdict().equals("ok")).count());
    Map<String, Object> byChange = new LinkedHashMap<>();
    for (String change : CHANGES) {
      List<Outcome> of = all.stream().filter(o -> o.truth().change().equals(change)).toList();
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("deploys", of.size());
      c.put("verdicts", verdicts(of));
      byChange.put(change, c);
    }
    m.put("by_change", byChange);
    Map<String, Object> det = new LinkedHashMap<>();
    List<Outcome> found = all.stream().filter(Outcome::found).toList();
    det.put("deploys", all.size());
    det.put("found", found.size());
    det.put("start_in_rollout_window", found.stream().filter(Outcome::startInWindow).count());
    det.put("finish_in_rollout_window", found.stream().filter(Outcome::finishInWindow).count());
    det.put("spurious", spurious.size());
    det.put(
        "spurious_at_lone_restarts",
        spurious.stream().filter(s -> s.cause().equals("lone_restart")).count());
    det.put("lone_restarts", lone);
    det.put(
        "migration_right",
        found.stream().filter(o -> Boolean.TRUE.equals(o.migrationRight())).count());
    det.put(
        "migration_missed",
        found.stream().filter(o -> o.truth().migration() && !o.judged().schemaMigration()).count());
    det.put(
        "migration_false",
        found.stream().filter(o -> !o.truth().migration() && o.judged().schemaMigration()).count());
    m.put("detection", det);
    Map<String, Object> sig = new LinkedHashMap<>();
    List<Outcome> withSig = all.stream().filter(o -> o.signatureListed() != null).toList();
    sig.put("found_regressions_with_new_signature", withSig.size());
    sig.put("listed", withSig.stream().filter(o -> o.signatureListed()).count());
    sig.put(
        "deploys_with_other_signatures",
        found.stream().filter(o -> !otherSignatures(o).isEmpty()).count());
    sig.put("other_signatures", found.stream().mapToLong(o -> otherSignatures(o).size()).sum());
    m.put("new_signatures", sig);
    return m;
  }

  private static List<Object> bands(
      List<Outcome> regressions,
      List<String> names,
      java.util.function.Function<Outcome, String> band) {
    List<Object> out = new ArrayList<>();
    for (String name : names) {
      List<Outcome> in = regressions.stream().filter(o -> band.apply(o).equals(name)).toList();
      long flagged = in.stream().filter(Outcome::flagged).count();
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("band", name);
      b.put("deploys", in.size());
      b.put("flagged", flagged);
      b.put("recall", ratio(flagged, in.size()));
      out.add(b);
    }
    return out;
  }

  static Map<String, Long> verdicts(List<Outcome> outcomes) {
    Map<String, Long> v = new TreeMap<>();
    outcomes.forEach(o -> v.merge(o.verdict(), 1L, Long::sum));
    return v;
  }

  /** {@code n / d}, null when {@code d} is 0. */
  static Double ratio(long n, long d) {
    return d == 0 ? null : (double) n / d;
  }

  /** One seed's table, one line per true deploy, then its spurious detections. */
  static String table(SeedScore s) {
    StringBuilder sb = new StringBuilder();
    String fmt = "%-12s %-5s %-10s %-11s %-5s %-9s %-17s %-10s %-3s %-9s %s%n";
    sb.append(
        String.format(
            Locale.ROOT,
            fmt,
            "deploy",
            "app",
            "change",
            "effect",
            "found",
            "in window",
            "verdict",
            "expected",
            "ok",
            "migration",
            "signature"));
    for (Outcome o : s.outcomes()) {
      Truth t = o.truth();
      String effect =
          t.change().equals("regression") || t.change().equals("minor")
              ? String.format(Locale.ROOT, "%.2f%%x%.2f", 100 * t.errorRate(), t.latencyFactor())
              : "-";
      String migration =
          (t.migration() ? "yes" : "no") + (o.found() ? o.migrationRight() ? "" : " WRONG" : "");
      String sig =
          (o.signatureListed() == null ? "-" : o.signatureListed() ? "listed" : "MISSING")
              + (otherSignatures(o).isEmpty() ? "" : " +" + otherSignatures(o).size() + " other");
      sb.append(
          String.format(
              Locale.ROOT,
              fmt,
              t.id(),
              t.app(),
              t.change(),
              effect,
              o.found() ? "yes" : "NO",
              o.found() ? o.startInWindow() ? "yes" : "NO" : "-",
              o.verdict(),
              t.expectedVerdict(),
              o.correct() ? "ok" : "!!",
              migration,
              sig));
    }
    for (Spurious sp : s.spurious()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "spurious %s deploy at %s (%s): %s%n",
              sp.judged().app(),
              sp.judged().startedAt(),
              sp.cause(),
              sp.judged().verdict()));
    }
    return sb.toString();
  }

  /** The summary in a few lines. */
  @SuppressWarnings("unchecked")
  static String describe(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "recall: %s of %s regressions judged regression (%s)%n",
            m.get("regressions_flagged"),
            m.get("regressions"),
            pct(m.get("recall"))));
    for (Object o : (List<Object>) m.get("recall_by_error_rate")) {
      Map<String, Object> b = (Map<String, Object>) o;
      sb.append(
          String.format(
              Locale.ROOT,
              "  error rate %-7s %s of %s (%s)%n",
              b.get("band"),
              b.get("flagged"),
              b.get("deploys"),
              pct(b.get("recall"))));
    }
    for (Object o : (List<Object>) m.get("recall_by_latency_factor")) {
      Map<String, Object> b = (Map<String, Object>) o;
      sb.append(
          String.format(
              Locale.ROOT,
              "  latency    %-9s %s of %s (%s)%n",
              b.get("band"),
              b.get("flagged"),
              b.get("deploys"),
              pct(b.get("recall"))));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "false-positive rate: %s of %s clean/minor/rollback deploys judged regression (%s); %s"
                + " judged ok%n",
            m.get("false_positives"),
            m.get("non_regressions"),
            pct(m.get("false_positive_rate")),
            m.get("non_regressions_ok")));
    ((Map<String, Object>) m.get("by_change"))
        .forEach(
            (change, c) ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "  %-10s %s%n",
                        change,
                        ((Map<String, Object>) c).get("verdicts"))));
    Map<String, Object> d = (Map<String, Object>) m.get("detection");
    sb.append(
        String.format(
            Locale.ROOT,
            "detection: %s of %s deploys found, %s started within the rollout window (%s finished"
                + " in it); %s spurious (%s at lone restarts, of %s lone restarts); migration flag"
                + " right for %s, missed %s, false %s%n",
            d.get("found"),
            d.get("deploys"),
            d.get("start_in_rollout_window"),
            d.get("finish_in_rollout_window"),
            d.get("spurious"),
            d.get("spurious_at_lone_restarts"),
            d.get("lone_restarts"),
            d.get("migration_right"),
            d.get("migration_missed"),
            d.get("migration_false")));
    Map<String, Object> s = (Map<String, Object>) m.get("new_signatures");
    sb.append(
        String.format(
            Locale.ROOT,
            "new signatures: listed for %s of %s found regressions that log one; %s other"
                + " signatures listed on %s deploys%n",
            s.get("listed"),
            s.get("found_regressions_with_new_signature"),
            s.get("other_signatures"),
            s.get("deploys_with_other_signatures")));
    return sb.toString();
  }

  private static String pct(Object ratio) {
    return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * (Double) ratio);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static final DateTimeFormatter SQL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

  /**
   * A timestamp as deploy-impact may print it: ISO-8601 instant, {@code yyyy-MM-dd HH:mm:ss[.f]}
   * UTC, or epoch ms.
   */
  static Instant time(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return Instant.ofEpochMilli(n.asLong());
    }
    String s = n.asText();
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s, SQL).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "unreadable timestamp in deploy-impact output: '" + s + "'", e2);
      }
    }
  }
}
