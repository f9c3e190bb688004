package org.mozilla.balrog.logs.gen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * The ground-truth {@code manifest.json}: plain maps and lists in a fixed key order, written with
 * Jackson. Its layout is the contract tests and the {@code demo} command read; see the keys below.
 */
final class Manifest {
  static final String FILE = "manifest.json";
  static final String[] HOURLY_SOURCES = {"aus3", "aus4", "aus5", "aus_api", "admin", "agent"};

  private Manifest() {}

  static Path write(
      GeneratorConfig cfg, DeployPlan plan, ReleasePlan releases, Tally t, String version) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("generator", map("name", "balrog-logs sample generator", "version", version));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("from", cfg.from().toString());
    config.put("days", cfg.days());
    config.put("clients", cfg.clients());
    config.put("seed", cfg.seed());
    config.put("gzip", cfg.gzip());
    config.put("clean", cfg.clean());
    config.put("deploys", cfg.deploys().stream().map(DeploySpec::toString).toList());
    config.put("scale", cfg.scale());
    config.put("lone_restarts", cfg.loneRestarts());
    config.put("regression_logs", cfg.regressionLogs().name().toLowerCase(java.util.Locale.ROOT));
    config.put(
        "releases",
        ReleasePlan.sorted(cfg.releases()).stream().map(ReleaseSpec::toString).toList());
    root.put("config", config);

    Map<String, Object> layout = new LinkedHashMap<>();
    for (LogSource s : LogSource.values()) {
      layout.put(s.viewName(), s.basePattern() + "/{yyyy}/{MM}/{dd}/");
    }
    root.put("layout", layout);
    root.put(
        "notes",
        List.of(
            "rows: rows a correct parser produces, per view and log_date (UTC date of each entry's"
                + " own timestamp); a reassembled multi-line traceback is one row, malformed lines"
                + " are not rows",
            "lines: physical lines written (malformed lines included), per view and delivery folder"
                + " date",
            "population: aus3/aus4/aus5 update requests (/update/...) incl. 5xx answers; clients ="
                + " installs with >= 1 request that day; fingerprints = distinct (client IP, user"
                + " agent, build target, locale, OS version, distribution, dist version);"
                + " by_channel uses the channel as sent, by_normalized_channel folds -cck- partner"
                + " suffixes into the base channel (test channels are kept and marked)",
            "hourly: per source and UTC hour; requests exclude dockerflow, which is counted apart;"
                + " lb_5xx = answered by the load balancer / nginx without a backend response,"
                + " backend_5xx = backend answered 5xx",
            "deploys: error_rate = extra share of requests the new build answers 500 (update and"
                + " API requests for web, admin requests for admin), latency_factor multiplies"
                + " backend time; the effect lasts until the next deploy of the app;"
                + " config.regression_logs says how often the web app logs a regression's new"
                + " exception (steady: every ~20 s per host at 3 %, per_request: once per failed"
                + " aus5 update request); expected_verdict is what deploy-impact should say",
            "restarts: every host restart; deploy = false marks a lone single-host restart, which"
                + " is not a deploy",
            "releases: Firefox releases on the release channel, by start; admin_writes = the"
                + " release's successful admin writes in the files (automation and release"
                + " managers from writes_start, the agent's enacts at start); from start the"
                + " version's share of release-channel Firefox update requests (aus5, channel"
                + " release) grows linearly to final_share at ramp_end"));

    root.put("rows", byView(t.rows, cfg, false));
    root.put("lines", byView(t.lines, cfg, true));
    Map<String, Object> files = new LinkedHashMap<>();
    for (LogSource s : LogSource.values()) {
      files.put(s.viewName(), t.files.getOrDefault(s.viewName(), 0L));
    }
    root.put("files", files);
    root.put("population", population(t));
    root.put("hourly", hourly(t, cfg));
    root.put("deploys", deploys(plan));
    root.put("restarts", restarts(plan));
    root.put("releases", releases(releases));
    List<Object> bad = new ArrayList<>();
    for (Tally.Malformed m : t.sortedMalformed()) {
      bad.add(
          map(
              "source",
              m.source().viewName(),
              "file",
              m.file(),
              "line",
              m.line(),
              "kind",
              m.kind()));
    }
    root.put("malformed", bad);

    Path file = cfg.out().resolve(FILE);
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static Map<String, Object> byView(
      TreeMap<String, TreeMap<LocalDate, Long>> m, GeneratorConfig cfg, boolean delivery) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (LogSource s : LogSource.values()) {
      Map<String, Object> dates = new LinkedHashMap<>();
      TreeMap<LocalDate, Long> have = m.getOrDefault(s.viewName(), new TreeMap<>());
      for (int d = 0; d < cfg.days(); d++) {
        dates.put(cfg.from().plusDays(d).toString(), have.getOrDefault(cfg.from().plusDays(d), 0L));
      }
      have.forEach((date, n) -> dates.putIfAbsent(date.toString(), n));
      out.put(s.viewName(), dates);
    }
    return out;
  }

  private static Map<String, Object> population(Tally t) {
    List<Object> byChannel = new ArrayList<>();
    record Norm(LocalDate date, String domain, String product, String version, String channel)
        implements Comparable<Norm> {
      @Override
      public int compareTo(Norm o) {
        return new Tally.PopKey(date, domain, product, version, channel)
            .compareTo(new Tally.PopKey(o.date, o.domain, o.product, o.version, o.channel));
      }
    }
    TreeMap<Norm, long[]> normCounts = new TreeMap<>();
    TreeMap<Norm, Set<String>> normFp = new TreeMap<>();
    for (Map.Entry<Tally.PopKey, Tally.PopCell> e : t.population.entrySet()) {
      Tally.PopKey k = e.getKey();
      Tally.PopCell c = e.getValue();
      String norm = Population.normalizedChannel(k.channel());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(LogDate.COLUMN, k.date().toString());
      row.put("domain", k.domain());
      row.put("product", k.product());
      row.put("version", k.version());
      row.put("channel", k.channel());
      row.put("channel_normalized", norm);
      row.put("test_channel", isTest(k.channel()));
      row.put("clients", c.clients);
      row.put("requests", c.requests);
      row.put("fingerprints", (long) c.fingerprints.size());
      byChannel.add(row);
      Norm n = new Norm(k.date(), k.domain(), k.product(), k.version(), norm);
      long[] sums = normCounts.computeIfAbsent(n, x -> new long[2]);
      sums[0] += c.clients;
      sums[1] += c.requests;
      normFp.computeIfAbsent(n, x -> new HashSet<>()).addAll(c.fingerprints);
    }
    List<Object> byNorm = new ArrayList<>();
    for (Map.Entry<Norm, long[]> e : normCounts.entrySet()) {
      Norm n = e.getKey();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(LogDate.COLUMN, n.date().toString());
      row.put("domain", n.domain());
      row.put("product", n.product());
      row.put("version", n.version());
      row.put("channel_normalized", n.channel());
      row.put("test_channel", isTest(n.channel()));
      row.put("clients", e.getValue()[0]);
      row.put("requests", e.getValue()[1]);
      row.put("fingerprints", (long) normFp.get(n).size());
      byNorm.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("by_channel", byChannel);
    out.put("by_normalized_channel", byNorm);
    return out;
  }

  static boolean isTest(String channel) {
    return channel.endsWith("-localtest") || channel.endsWith("-cdntest");
  }

  private static Map<String, Object> hourly(Tally t, GeneratorConfig cfg) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String source : HOURLY_SOURCES) {
      TreeMap<Long, long[]> have = t.hourly.getOrDefault(source, new TreeMap<>());
      TreeMap<Long, long[]> all = new TreeMap<>(have);
      long start = cfg.from().toEpochDay() * 86400L;
      for (int h = 0; h < cfg.days() * 24; h++) {
        all.putIfAbsent(start + h * 3600L, new long[Tally.HOURLY_NAMES.length]);
      }
      Map<String, Object> hours = new LinkedHashMap<>();
      for (Map.Entry<Long, long[]> e : all.entrySet()) {
        Map<String, Object> c = new LinkedHashMap<>();
        for (int i = 0; i < Tally.HOURLY_NAMES.length; i++) {
          if (source.startsWith("aus") || i < Tally.UPDATE) {
            c.put(Tally.HOURLY_NAMES[i], e.getValue()[i]);
          }
        }
        hours.put(Instant.ofEpochSecond(e.getKey()).toString(), c);
      }
      out.put(source, hours);
    }
    return out;
  }

  private static List<Object> deploys(DeployPlan plan) {
    List<Object> out = new ArrayList<>();
    for (DeployPlan.Deploy d : plan.deploys) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", d.spec.id());
      m.put("app", d.app);
      m.put("time", d.spec.time().toString());
      m.put("first_restart", Fmt.instant(d.firstRestart()).toString());
      m.put("last_restart", Fmt.instant(d.lastRestart()).toString());
      List<Object> hosts = new ArrayList<>();
      for (int h = 0; h < d.hosts.length; h++) {
        hosts.add(
            map(
                "host",
                d.hosts[h],
                "stopped",
                Fmt.instant(d.down[h]).toString(),
                "ready",
                Fmt.instant(d.up[h]).toString()));
      }
      m.put("hosts", hosts);
      m.put("migration", d.spec.migration());
      m.put(
          "migration_revision",
          d.spec.migration()
              ? String.format(
                  java.util.Locale.ROOT, "%04d -> %04d", d.migrationFrom, d.migrationFrom + 1)
              : null);
      m.put("regression", d.spec.regression());
      m.put("minor", d.spec.minor());
      m.put("rollback", d.spec.rollback());
      m.put("error_rate", d.effect().errorRate());
      m.put("latency_factor", d.effect().latencyFactor());
      m.put("from_version", d.fromVersion);
      m.put("version", d.version);
      m.put("expected_verdict", d.spec.regression() ? "regression" : "ok");
      m.put("new_exception_type", d.signature == null ? null : d.signature.exceptionType());
      m.put("new_exception_class", d.signature == null ? null : d.signature.exceptionClass());
      out.add(m);
    }
    return out;
  }

  private static List<Object> restarts(DeployPlan plan) {
    List<Object> out = new ArrayList<>();
    for (DeployPlan.Restart r : plan.restarts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("app", r.app());
      m.put("host", DeployPlan.hostsOf(r.app())[r.host()]);
      m.put("stopped", Fmt.instant(r.down()).toString());
      m.put("ready", Fmt.instant(r.up()).toString());
      m.put("deploy", r.deploy() != null);
      m.put("deploy_id", r.deploy() == null ? null : r.deploy().spec.id());
      out.add(m);
    }
    return out;
  }

  private static List<Object> releases(ReleasePlan releases) {
    List<Object> out = new ArrayList<>();
    for (ReleasePlan.Release r : releases.releases) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", r.spec.kind().code());
      m.put("product", ReleasePlan.PRODUCT);
      m.put("channel", ReleasePlan.CHANNEL);
      m.put("version", r.version);
      m.put("from_version", r.fromVersion);
      m.put(
          "writes_start",
          r.writes.isEmpty() ? null : Fmt.instant(r.writes.get(0).micros()).toString());
      m.put("start", r.spec.start().toString());
      m.put("ramp_end", r.spec.rampEnd().toString());
      m.put("final_share", r.spec.finalShare());
      m.put("admin_writes", r.writes.size());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
