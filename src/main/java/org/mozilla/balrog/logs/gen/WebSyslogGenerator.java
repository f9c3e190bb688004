package org.mozilla.balrog.logs.gen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.SyslogLine;
import org.mozilla.balrog.logs.model.SyslogVariant;

/**
 * Syslog of the public web app containers, as rsyslog stores it: RFC 3164 without PRI. JSON
 * payloads on the GCP severity scale, stderr tracebacks, uWSGI restart banners and, after a
 * regression deploy, a new exception signature.
 */
final class WebSyslogGenerator {
  private static final String[] INFO = {
    "Cache miss for blob Firefox-145.0.2-build1, loading from the database",
    "Refreshed rules cache for product Firefox",
    "Refreshed rules cache for product Thunderbird",
    "Blob cache expired for Firefox-nightly-latest",
  };
  private static final String[] FORBIDDEN = {
    "download.cdn.example.net", "archive.mozilla.org.evil.example", "ftp.example.org"
  };
  private static final List<String> WRITE_ERROR =
      BalrogJson.stderrTraceback(
          List.of(
              new String[] {
                "/usr/local/lib/python3.9/site-packages/werkzeug/wsgi.py",
                "462",
                "__next__",
                "return self._next()"
              },
              new String[] {
                "/usr/local/lib/python3.9/site-packages/werkzeug/wrappers/response.py",
                "50",
                "_iter_encoded",
                "for item in iterable:"
              }),
          "OSError",
          "write error");

  private final GeneratorConfig cfg;
  private final DeployPlan plan;
  private final int[] updatesPerBucket;

  /**
   * @param updatesPerBucket the day's aus5 update requests per 5-minute interval (what a regression
   *     fails)
   */
  WebSyslogGenerator(GeneratorConfig cfg, DeployPlan plan, int[] updatesPerBucket) {
    this.cfg = cfg;
    this.plan = plan;
    this.updatesPerBucket = updatesPerBucket.clone();
  }

  Tally writeDay(int dayIndex) {
    Tally tally = new Tally();
    LocalDate date = cfg.from().plusDays(dayIndex);
    long dayStart = date.toEpochDay() * 86_400_000_000L;
    long dayEnd = dayStart + 86_400_000_000L;
    long last = dayEnd - 10_000_000L;
    SplittableRandom r = Seeds.rng(cfg.seed(), "syslog-web", dayIndex);
    SyslogBook book = new SyslogBook(LogSource.SYSLOG_WEB, SyslogVariant.RFC3164_NO_PRI);
    String[] hosts = DeployPlan.WEB_HOSTS;
    String app = "web";
    for (int h = 0; h < hosts.length; h++) {
      int pid = AppLogs.daemonPid(app, h);
      int infos = 18 + r.nextInt(12);
      for (int i = 0; i < infos; i++) {
        long t = AppLogs.upTime(r, plan, app, h, dayStart, last);
        if (t >= 0) {
          String c = AppLogs.container(plan, app, h, t);
          book.single(
              t,
              hosts[h],
              AppLogs.tag(c),
              SyslogBook.PRI_STDOUT,
              pid,
              BalrogJson.line(t, "auslib.db", c, 200, 10, "message", INFO[r.nextInt(INFO.length)]));
        }
      }
      int warns = 4 + r.nextInt(7);
      for (int i = 0; i < warns; i++) {
        long t = AppLogs.upTime(r, plan, app, h, dayStart, last);
        if (t >= 0) {
          String c = AppLogs.container(plan, app, h, t);
          book.single(
              t,
              hosts[h],
              AppLogs.tag(c),
              SyslogBook.PRI_STDOUT,
              pid,
              BalrogJson.line(
                  t,
                  "root",
                  c,
                  400,
                  10,
                  "message",
                  "Forbidden domain: " + FORBIDDEN[r.nextInt(FORBIDDEN.length)]));
        }
      }
      int errors = r.nextInt(3);
      for (int i = 0; i < errors; i++) {
        long t = AppLogs.upTime(r, plan, app, h, dayStart, last);
        if (t >= 0) {
          String c = AppLogs.container(plan, app, h, t);
          book.single(
              t,
              hosts[h],
              AppLogs.tag(c),
              SyslogBook.PRI_STDOUT,
              pid,
              AppLogs.errorJson(
                  t,
                  "auslib.web.public.base",
                  c,
                  500,
                  10,
                  null,
                  "Exception on /update/6/Firefox/145.0.2 [GET]",
                  AppLogs.BASE_WEB));
        }
      }
      int tracebacks = 1 + r.nextInt(2);
      for (int i = 0; i < tracebacks; i++) {
        long t = AppLogs.upTime(r, plan, app, h, dayStart, last);
        if (t >= 0) {
          traceback(book, r, h, t, WRITE_ERROR);
        }
      }
      if (cfg.regressionLogs() == GeneratorConfig.RegressionLogs.STEADY) {
        // drawn from the host's stream, after its background lines, as before per-request logs
        // existed
        regressionSteady(book, r, h, dayStart, last);
      }
    }
    if (cfg.regressionLogs() == GeneratorConfig.RegressionLogs.PER_REQUEST) {
      regressionPerRequest(
          book, Seeds.rng(cfg.seed(), "syslog-web-regression", dayIndex), dayStart, last);
    }
    AppLogs.restarts(book, plan, app, dayStart, dayEnd);
    String rel = SampleGenerator.dayFile(LogSource.SYSLOG_WEB, date, "balrog-web", cfg.gzip());
    LineSink sink = new LineSink(cfg.out(), rel, cfg.gzip(), LogSource.SYSLOG_WEB, date);
    try {
      book.write(sink, tally, date, SampleGenerator.syslogMalformed(cfg), r);
    } finally {
      sink.close();
      tally.file(sink);
    }
    return tally;
  }

  /**
   * A stderr traceback of host {@code h}; one time in three another host's JSON line lands in the
   * middle (the lines still reassemble per host and tag).
   */
  private void traceback(SyslogBook book, SplittableRandom r, int h, long t, List<String> text) {
    String app = "web";
    String host = DeployPlan.WEB_HOSTS[h];
    List<SyslogLine> lines =
        new ArrayList<>(
            book.traceback(
                t,
                host,
                AppLogs.tag(AppLogs.container(plan, app, h, t)),
                AppLogs.daemonPid(app, h),
                text));
    int rows = 1;
    if (r.nextInt(3) == 0) {
      int other =
          (h + 1 + r.nextInt(DeployPlan.WEB_HOSTS.length - 1)) % DeployPlan.WEB_HOSTS.length;
      if (!plan.down(app, other, t)) {
        String c = AppLogs.container(plan, app, other, t);
        lines.add(
            2,
            book.line(
                t + 2,
                DeployPlan.WEB_HOSTS[other],
                AppLogs.tag(c),
                SyslogBook.PRI_STDOUT,
                AppLogs.daemonPid(app, other),
                BalrogJson.line(
                    t + 2, "auslib.db", c, 200, 10, "message", INFO[r.nextInt(INFO.length)])));
        rows = 2;
      }
    }
    book.add(t, lines, rows);
  }

  /**
   * The new signature of a regression deploy until the next web deploy, steadily: every ~20 s per
   * host at the default 3 % error rate, proportionally rarer for smaller rates.
   */
  private void regressionSteady(
      SyslogBook book, SplittableRandom r, int h, long dayStart, long last) {
    List<DeployPlan.Deploy> deploys = plan.of("web");
    for (int i = 0; i < deploys.size(); i++) {
      DeployPlan.Deploy d = deploys.get(i);
      if (d.signature == null) {
        continue;
      }
      long from = Math.max(dayStart, d.up[h]);
      long to =
          Math.min(last, i + 1 < deploys.size() ? deploys.get(i + 1).down[h] : Long.MAX_VALUE);
      long mean = AppLogs.signatureInterval(20_000_000L, d.effect());
      int n = 0;
      for (long t = from + r.nextLong(mean); t < to; t += mean / 2 + r.nextLong(mean)) {
        log(book, r, h, t, d, n++);
      }
    }
  }

  private void log(SyslogBook book, SplittableRandom r, int h, long t, DeployPlan.Deploy d, int n) {
    if (n % 10 == 9) {
      traceback(book, r, h, t, AppLogs.stderrTraceback(d.signature));
    } else {
      String c = AppLogs.container(plan, "web", h, t);
      book.single(
          t,
          DeployPlan.WEB_HOSTS[h],
          AppLogs.tag(c),
          SyslogBook.PRI_STDOUT,
          AppLogs.daemonPid("web", h),
          AppLogs.errorJson(
              t,
              "auslib.web.public.base",
              c,
              500,
              10,
              null,
              "Exception on /update/6/Firefox/145.0.2 [GET]",
              d.signature));
    }
  }

  /**
   * The new signature of a regression: the web app logs one exception per update request the
   * regressed build fails, i.e. each aus5 update request of an interval fails with the build's
   * error rate, on a random host that is up (nine in ten as a JSON error line, one in ten as a
   * stderr traceback). Tied to the traffic, so a small effect on a small day leaves few lines.
   */
  private void regressionPerRequest(SyslogBook book, SplittableRandom r, long dayStart, long last) {
    if (plan.of("web").stream().noneMatch(d -> d.signature != null)) {
      return;
    }
    int hosts = DeployPlan.WEB_HOSTS.length;
    int[] logged = new int[hosts];
    for (int b = 0; b < ElbGenerator.BUCKETS; b++) {
      long from = dayStart + b * ElbGenerator.BUCKET_US;
      long to = Math.min(last, from + ElbGenerator.BUCKET_US);
      DeployPlan.Deploy first = plan.current("web", from);
      DeployPlan.Deploy end = plan.current("web", to - 1);
      if (from >= to || (first == end && (first == null || first.signature == null))) {
        continue;
      }
      for (int i = 0; i < updatesPerBucket[b]; i++) {
        long t = from + r.nextLong(to - from);
        DeployPlan.Deploy d = plan.current("web", t);
        if (d == null || d.signature == null || r.nextDouble() >= d.effect().errorRate()) {
          continue;
        }
        int h = r.nextInt(hosts);
        if (plan.down("web", h, t)) {
          continue;
        }
        log(book, r, h, t, d, logged[h]++);
      }
    }
  }
}
