package org.mozilla.balrog.logs.gen;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.NginxAccessEntry;
import org.mozilla.balrog.logs.model.NginxErrorEntry;
import org.mozilla.balrog.logs.model.SyslogVariant;

/**
 * The admin side for one day: nginx access (admin and agent server blocks) and error logs, and the
 * syslog of the admin app (RFC 3164 with PRI) and of the agent (RFC 5424, syslog severity scale).
 * Requests drive the app logs: an admin 500 produces a "Caught ISE 500 error" line, an upstream
 * that is restarting produces nginx connect() errors and agent exceptions. The admin writes of the
 * day's releases ({@link ReleasePlan}) are served too, always successfully.
 */
final class AdminGenerator {
  private static final String[] UPSTREAMS = {"10.0.6.11:7070", "10.0.6.12:7070"};
  private static final String ADMIN_HOST = "aus4-admin.mozilla.org";
  private static final String[] BROWSERS = {
    "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 Firefox/146.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:147.0) Gecko/20100101 Firefox/147.0",
  };
  private static final String AUTOMATION_UA = "python-requests/2.31.0 \"balrogscript/5.3\"";
  private static final String AUTOMATION_ADDR = "10.0.1.20";
  private static final String AGENT_UA = "Python/3.13 aiohttp/3.11.11";
  private static final String[] TARGETS = {
    "WINNT_x86_64-msvc-x64",
    "WINNT_x86-msvc-x86",
    "Darwin_x86_64-gcc3-u-i386-x86_64",
    "Linux_x86_64-gcc3"
  };
  private static final String[] LOCALES = {"en-US", "de", "fr", "ja", "zh-CN", "ru", "es-ES", "it"};
  private static final String[] AGENT_PATHS = {
    "/api/scheduled_changes/rules",
    "/api/scheduled_changes/releases",
    "/api/scheduled_changes/emergency_shutoff"
  };

  /** A user-facing admin route: method, uri template, ok status, body bytes, gzip ratio. */
  private record Route(String method, String uri, int ok, int bytes, String gzip, double weight) {}

  private static final Route[] ROUTES = {
    new Route("GET", "/api/csrf_token", 200, 0, null, 0.15),
    new Route("GET", "/api/rules", 200, 61_000, "6.41", 0.15),
    new Route("GET", "/api/rules/%d", 200, 900, null, 0.1),
    new Route("GET", "/api/rules/%d/revisions?page=1", 200, 14_000, "5.02", 0.05),
    new Route("GET", "/api/releases?names_only=1", 200, 210_000, "7.88", 0.08),
    new Route("GET", "/api/releases/Firefox-146.0b9-build1", 200, 480_000, "9.12", 0.05),
    new Route("GET", "/api/scheduled_changes/rules?all=1", 200, 9_000, "4.40", 0.1),
    new Route("GET", "/api/required_signoffs/product", 200, 1_500, null, 0.04),
    new Route("GET", "/api/users/current", 200, 700, null, 0.08),
    new Route("PUT", "/api/rules/%d", 200, 40, null, 0.04),
    new Route("POST", "/api/scheduled_changes/rules", 200, 60, null, 0.03),
    new Route("POST", "/api/scheduled_changes/rules/%d/signoffs", 200, 40, null, 0.02),
    new Route("DELETE", "/api/scheduled_changes/rules/%d?data_version=2", 200, 0, null, 0.01),
  };
  private static final double[] ROUTE_W;

  static {
    ROUTE_W = new double[ROUTES.length];
    for (int i = 0; i < ROUTES.length; i++) {
      ROUTE_W[i] = ROUTES[i].weight();
    }
  }

  private record Access(long micros, long seq, NginxAccessEntry entry) {}

  private record Err(long micros, long seq, NginxErrorEntry entry) {}

  private final GeneratorConfig cfg;
  private final DeployPlan plan;
  private final ReleasePlan releases;
  // per-day state
  private SplittableRandom r;
  private final List<Access> access = new ArrayList<>();
  private final List<Err> errors = new ArrayList<>();
  private SyslogBook admin;
  private SyslogBook agent;
  private Tally tally;
  private long seq;
  private long connection;

  AdminGenerator(GeneratorConfig cfg, DeployPlan plan, ReleasePlan releases) {
    this.cfg = cfg;
    this.plan = plan;
    this.releases = releases;
  }

  /** Not thread-safe: one instance per task. */
  Tally writeDay(int dayIndex) {
    tally = new Tally();
    access.clear();
    errors.clear();
    LocalDate date = cfg.from().plusDays(dayIndex);
    long dayStart = date.toEpochDay() * 86_400_000_000L;
    long dayEnd = dayStart + 86_400_000_000L;
    long last = dayEnd - 70_000_000L;
    r = Seeds.rng(cfg.seed(), "admin-day", dayIndex);
    connection = 100_000L + dayIndex * 1_000_000L;
    admin = new SyslogBook(LogSource.SYSLOG_ADMIN, SyslogVariant.RFC3164);
    agent = new SyslogBook(LogSource.SYSLOG_AGENT, SyslogVariant.RFC5424);

    // nginx logrotate reload at midnight: an error-log line without a connection number
    errors.add(
        new Err(
            dayStart + 2_000_000L,
            seq++,
            new NginxErrorEntry(
                Instant.ofEpochSecond(dayStart / 1_000_000L + 2),
                "notice",
                1,
                1,
                null,
                "signal 1 (SIGHUP) received from 512, reconfiguring",
                null,
                null,
                null,
                null,
                null,
                null,
                null)));

    // the agents poll every ~30 s
    for (int a = 0; a < DeployPlan.AGENT_HOSTS.length; a++) {
      String addr = "10.0.7." + (31 + a);
      for (long t = dayStart + r.nextLong(30_000_000L);
          t < last;
          t += 28_000_000L + r.nextLong(4_000_000L)) {
        if (plan.down("agent", a, t)) {
          continue;
        }
        for (int p = 0; p < AGENT_PATHS.length; p++) {
          serve(
              "agent",
              t + p * 20_000L,
              addr,
              "GET",
              AGENT_PATHS[p],
              AGENT_UA,
              200,
              2 + r.nextInt(3000),
              null,
              a);
        }
      }
      // a few enacted scheduled changes a day
      int enacts = 2 + r.nextInt(4);
      for (int i = 0; i < enacts; i++) {
        long t = dayStart + r.nextLong(last - dayStart);
        if (plan.down("agent", a, t)) {
          continue;
        }
        int sc = 40_000 + r.nextInt(9000);
        int status =
            serve(
                "agent",
                t,
                addr,
                "POST",
                "/api/scheduled_changes/rules/" + sc + "/enact",
                AGENT_UA,
                200,
                2,
                null,
                a);
        if (status < 300) {
          logEnact(a, t, sc);
        }
      }
      int warns = r.nextInt(3);
      for (int i = 0; i < warns; i++) {
        long t = AppLogs.upTime(r, plan, "agent", a, dayStart, last);
        if (t >= 0) {
          String c = AppLogs.container(plan, "agent", a, t);
          agent.single(
              t,
              DeployPlan.AGENT_HOSTS[a],
              AppLogs.tag(c),
              SyslogBook.PRI_STDOUT,
              AppLogs.daemonPid("agent", a),
              BalrogJson.line(
                  t,
                  "root",
                  c,
                  4,
                  1,
                  "message",
                  "Scheduled change "
                      + (40_000 + r.nextInt(9000))
                      + " is missing required signoffs, not enacting"));
        }
      }
      agentRegression(a, dayStart, last);
    }

    // load-balancer probes of the admin app
    for (long t = dayStart + r.nextLong(10_000_000L);
        t < last;
        t += 9_500_000L + r.nextLong(1_000_000L)) {
      serve(
          "admin",
          t,
          "10.0.1.5",
          "GET",
          "/__lbheartbeat__",
          "ELB-HealthChecker/1.0",
          200,
          3,
          null,
          -1);
    }
    for (long t = dayStart + r.nextLong(60_000_000L);
        t < last;
        t += 59_000_000L + r.nextLong(2_000_000L)) {
      serve(
          "admin",
          t,
          "10.0.1.5",
          "GET",
          "/__heartbeat__",
          "ELB-HealthChecker/1.0",
          200,
          4,
          null,
          -1);
    }

    // people using the admin UI during (European and American) working hours
    int sessions = 15 + r.nextInt(15);
    for (int s = 0; s < sessions; s++) {
      long t = dayStart + (8 * 3600L + r.nextLong(14 * 3600L)) * 1_000_000L;
      String ua = BROWSERS[r.nextInt(BROWSERS.length)];
      String addr = "10.0.1." + (10 + r.nextInt(4));
      int n = 5 + r.nextInt(35);
      for (int i = 0; i < n && t < last; i++) {
        Route route = ROUTES[Seeds.pick(r, ROUTE_W)];
        String uri =
            route.uri().contains("%d")
                ? String.format(Locale.ROOT, route.uri(), 1000 + r.nextInt(900))
                : route.uri();
        serve(
            "admin", t, addr, route.method(), uri, ua, route.ok(), route.bytes(), route.gzip(), -1);
        t += 1_000_000L + r.nextLong(20_000_000L);
      }
    }

    // release automation pushing builds: bursts of PUTs
    int bursts = 2 + r.nextInt(3);
    for (int b = 0; b < bursts; b++) {
      long t = dayStart + r.nextLong(last - dayStart - 3_600_000_000L);
      int n = 80 + r.nextInt(300);
      String release = "Firefox-146.0b" + (5 + r.nextInt(5)) + "-build1";
      for (int i = 0; i < n; i++) {
        String uri =
            "/api/releases/"
                + release
                + "/builds/"
                + TARGETS[r.nextInt(TARGETS.length)]
                + "/"
                + LOCALES[r.nextInt(LOCALES.length)];
        serve("admin", t, AUTOMATION_ADDR, "PUT", uri, AUTOMATION_UA, 201, 60, null, -1);
        t += 500_000L + r.nextLong(1_500_000L);
      }
    }

    for (ReleasePlan.Write w : releases.writes(dayStart, dayEnd)) {
      serveRelease(w);
    }

    // application background noise
    for (int h = 0; h < DeployPlan.ADMIN_HOSTS.length; h++) {
      int tb = r.nextInt(2);
      for (int i = 0; i < tb; i++) {
        long t = AppLogs.upTime(r, plan, "admin", h, dayStart, last);
        if (t >= 0) {
          admin.add(
              t,
              admin.traceback(
                  t,
                  DeployPlan.ADMIN_HOSTS[h],
                  AppLogs.tag(AppLogs.container(plan, "admin", h, t)),
                  AppLogs.daemonPid("admin", h),
                  AppLogs.stderrTraceback(AppLogs.BASE_ADMIN)),
              1);
        }
      }
    }
    AppLogs.restarts(admin, plan, "admin", dayStart, dayEnd);
    AppLogs.restarts(agent, plan, "agent", dayStart, dayEnd);
    AppLogs.migrations(admin, plan, cfg.seed(), dayStart, dayEnd);

    writeNginx(date);
    writeBook(admin, date, "balrog-admin");
    writeBook(agent, date, "balrog-agent");
    return tally;
  }

  private void logEnact(int a, long t, int sc) {
    String c = AppLogs.container(plan, "agent", a, t);
    agent.single(
        t + 30_000L,
        DeployPlan.AGENT_HOSTS[a],
        AppLogs.tag(c),
        SyslogBook.PRI_STDOUT,
        AppLogs.daemonPid("agent", a),
        BalrogJson.line(
            t + 30_000L,
            "root",
            c,
            6,
            1,
            "message",
            "Enacting Scheduled Change " + sc + " for rules"));
  }

  /**
   * A release's admin write: automation and managers through the admin server block, the agent's
   * enact (logged by the agent, from an agent host that is up) through its own.
   */
  private void serveRelease(ReleasePlan.Write w) {
    long t = w.micros();
    switch (w.actor()) {
      case AUTOMATION ->
          serve(
              "admin",
              t,
              AUTOMATION_ADDR,
              w.method(),
              w.uri(),
              AUTOMATION_UA,
              w.status(),
              w.bytes(),
              null,
              -1,
              true);
      case MANAGER ->
          serve(
              "admin",
              t,
              "10.0.1." + (10 + w.person()),
              w.method(),
              w.uri(),
              BROWSERS[w.person()],
              w.status(),
              w.bytes(),
              null,
              -1,
              true);
      case AGENT -> {
        int a = plan.down("agent", 0, t) ? 1 : 0;
        serve(
            "agent",
            t,
            "10.0.7." + (31 + a),
            w.method(),
            w.uri(),
            AGENT_UA,
            w.status(),
            w.bytes(),
            null,
            a,
            true);
        String[] path = w.uri().split("/");
        logEnact(a, t, Integer.parseInt(path[path.length - 2]));
      }
    }
  }

  private int serve(
      String server,
      long t,
      String addr,
      String method,
      String uri,
      String ua,
      int okStatus,
      int okBytes,
      String gzip,
      int agentHost) {
    return serve(server, t, addr, method, uri, ua, okStatus, okBytes, gzip, agentHost, false);
  }

  /**
   * One request through the admin nginx: picks an upstream (retrying the other when one is
   * restarting), decides the status, writes the access line, error-log lines and the app's log
   * lines. Returns the status. A {@code sure} request (a release's write) never fails: it goes to
   * an upstream that is up and is answered {@code okStatus}.
   */
  private int serve(
      String server,
      long t,
      String addr,
      String method,
      String uri,
      String ua,
      int okStatus,
      int okBytes,
      String gzip,
      int agentHost,
      boolean sure) {
    boolean dockerflow = uri.startsWith("/__");
    String request = method + " " + uri + " HTTP/1.1";
    int status = okStatus;
    long bytes = okBytes;
    String upstream;
    double upstreamTotal = 0;
    long elapsedMs;
    int h = r.nextInt(UPSTREAMS.length);
    String gz = gzip;
    if (server.equals("admin")
        && !dockerflow
        && !sure
        && !ua.equals(AUTOMATION_UA)
        && r.nextDouble() < 0.02) {
      // rejected by nginx itself: no upstream
      status = 401;
      bytes = 179;
      upstream = null;
      elapsedMs = 0;
      gz = null;
    } else {
      StringBuilder up = new StringBuilder();
      // an upstream that is restarting, or (rarely) refuses a connection: nginx tries the other one
      if (plan.down("admin", h, t) || (!dockerflow && !sure && r.nextDouble() < 0.0005)) {
        error(
            t,
            "error",
            "connect() failed (111: Connection refused) while connecting to upstream",
            addr,
            server,
            request,
            "http://" + UPSTREAMS[h] + uri.replaceFirst("^/api", ""));
        up.append("0.000, ");
        h = 1 - h;
        if (plan.down("admin", h, t) && !sure) {
          error(
              t,
              "error",
              "connect() failed (111: Connection refused) while connecting to upstream",
              addr,
              server,
              request,
              "http://" + UPSTREAMS[h] + uri.replaceFirst("^/api", ""));
          up.append("0.000");
          status = 502;
          bytes = 157;
          gz = null;
          elapsedMs = 1;
          upstream = up.toString();
          finish(
              server,
              t,
              addr,
              request,
              method,
              uri,
              status,
              bytes,
              elapsedMs,
              upstream,
              0.0,
              ua,
              gz,
              dockerflow);
          appSide(server, t, status, uri, agentHost, -1);
          return status;
        }
      }
      elapsedMs =
          (method.equals("GET") ? 8 + r.nextInt(80) : 40 + r.nextInt(300))
              + (bytes > 100_000 ? 300 : 0);
      // the running admin build's effect (regression, minor change)
      DeploySpec.Effect effect = dockerflow ? DeploySpec.Effect.NONE : plan.effect("admin", t);
      elapsedMs = Math.round(elapsedMs * effect.latencyFactor());
      double p500 = dockerflow || sure ? 0 : 0.003 + effect.errorRate();
      double roll = r.nextDouble();
      if (roll < p500) {
        status = 500;
        bytes = 291;
        gz = null;
      } else if (!dockerflow && !sure && roll < p500 + 0.0005) {
        status = 504;
        bytes = 167;
        gz = null;
        elapsedMs = 60_001;
        error(
            t,
            "error",
            "upstream timed out (110: Connection timed out) while reading response header from"
                + " upstream",
            addr,
            server,
            request,
            "http://" + UPSTREAMS[h] + uri.replaceFirst("^/api", ""));
      } else if (server.equals("admin") && !dockerflow && !sure && roll < p500 + 0.0005 + 0.01) {
        status = 403;
        bytes = 61;
        gz = null;
      } else if (server.equals("admin")
          && !dockerflow
          && !sure
          && !method.equals("GET")
          && roll < p500 + 0.0005 + 0.02) {
        status = 400;
        bytes = 120;
        gz = null;
      }
      double upSec = Math.max(0, elapsedMs - 1) / 1000.0;
      up.append(String.format(Locale.ROOT, "%.3f", upSec));
      upstreamTotal = upSec;
      upstream = up.toString();
      if (method.equals("PUT") && r.nextDouble() < 0.05) {
        error(
            t,
            "warn",
            "a client request body is buffered to a temporary file /var/cache/nginx/client_temp/"
                + String.format(Locale.ROOT, "%010d", r.nextInt(1_000_000_000)),
            addr,
            server,
            request,
            null);
      }
      appSide(server, t, status, uri, agentHost, h);
    }
    finish(
        server,
        t + elapsedMs * 1000L,
        addr,
        request,
        method,
        uri,
        status,
        bytes,
        elapsedMs,
        upstream,
        upstream == null ? null : upstreamTotal,
        ua,
        gz,
        dockerflow);
    return status;
  }

  private void finish(
      String server,
      long t,
      String addr,
      String request,
      String method,
      String uri,
      int status,
      long bytes,
      long elapsedMs,
      String upstream,
      Double upstreamTotal,
      String ua,
      String gzip,
      boolean dockerflow) {
    long ms = t / 1000L;
    String msec = (ms / 1000L) + "." + String.format(Locale.ROOT, "%03d", ms % 1000L);
    long reqLen =
        method.equals("PUT") || method.equals("POST")
            ? 1200 + r.nextInt(5000)
            : 300 + r.nextInt(500);
    NginxAccessEntry e =
        new NginxAccessEntry(
            server,
            msec,
            Instant.ofEpochMilli(ms),
            addr,
            request,
            method,
            uri,
            "HTTP/1.1",
            status,
            reqLen,
            bytes,
            null,
            elapsedMs / 1000.0,
            upstream,
            upstreamTotal,
            ua,
            gzip);
    access.add(new Access(ms * 1000L, seq++, e));
  }

  private void error(
      long t,
      String level,
      String message,
      String client,
      String server,
      String request,
      String upstream) {
    long sec = t / 1_000_000L;
    errors.add(
        new Err(
            t,
            seq++,
            new NginxErrorEntry(
                Instant.ofEpochSecond(sec),
                level,
                23,
                23,
                connection++,
                message,
                client,
                server.equals("admin") ? ADMIN_HOST : "",
                request,
                null,
                upstream,
                server.equals("admin") ? ADMIN_HOST : "balrog-admin.internal:8080",
                null)));
  }

  /**
   * What the apps log about a request: admin warnings/ISEs on the upstream host, agent exceptions.
   */
  private void appSide(String server, long t, int status, String uri, int agentHost, int h) {
    long at = t + 5_000L + r.nextInt(40_000);
    if (h >= 0 && (status == 500 || status == 403 || status == 400) && !uri.startsWith("/__")) {
      String c = AppLogs.container(plan, "admin", h, at);
      String host = DeployPlan.ADMIN_HOSTS[h];
      String tag = AppLogs.tag(c);
      int pid = AppLogs.daemonPid("admin", h);
      String rid = Long.toString(139_800_000_000_000L + r.nextLong(1_000_000_000L));
      if (status == 500) {
        DeployPlan.Deploy reg = plan.regression("admin", t);
        // most 500s of a regressed build are its new bug
        DeployPlan.Signature sig =
            reg != null
                    && reg.signature != null
                    && r.nextDouble()
                        < reg.effect().errorRate() / (0.003 + reg.effect().errorRate())
                ? reg.signature
                : AppLogs.BASE_ADMIN;
        admin.single(
            at,
            host,
            tag,
            SyslogBook.PRI_STDOUT,
            pid,
            AppLogs.errorJson(
                at,
                "auslib.web.admin.base",
                c,
                500,
                10,
                rid,
                "Caught ISE 500 error: " + AppLogs.repr(sig.exceptionClass(), sig.message()),
                sig));
      } else {
        admin.single(
            at,
            host,
            tag,
            SyslogBook.PRI_STDOUT,
            pid,
            BalrogJson.line(
                at,
                "auslib.web.admin.views.base",
                c,
                400,
                10,
                "requestid",
                rid,
                "message",
                status == 403 ? "Authorization Required" : "Bad input: Invalid data_version"));
      }
    } else if (h >= 0
        && status < 300
        && !uri.startsWith("/__")
        && server.equals("admin")
        && r.nextDouble() < 0.2) {
      String c = AppLogs.container(plan, "admin", h, at);
      admin.single(
          at,
          DeployPlan.ADMIN_HOSTS[h],
          AppLogs.tag(c),
          SyslogBook.PRI_STDOUT,
          AppLogs.daemonPid("admin", h),
          BalrogJson.line(
              at,
              "auslib.db",
              c,
              200,
              10,
              "requestid",
              Long.toString(139_800_000_000_000L + r.nextLong(1_000_000_000L)),
              "message",
              "GCS upload of "
                  + uri.substring(uri.lastIndexOf('/') + 1)
                  + " took "
                  + (20 + r.nextInt(900))
                  + " ms"));
    }
    if (agentHost >= 0 && status >= 500) {
      String c = AppLogs.container(plan, "agent", agentHost, at);
      DeployPlan.Signature sig =
          status == 502
              ? AppLogs.BASE_AGENT
              : new DeployPlan.Signature(
                  "agent",
                  "aiohttp.client_exceptions.ClientResponseError",
                  status + ", message='Internal Server Error'",
                  "/app/src/balrogagent/client.py",
                  47,
                  "request",
                  "resp.raise_for_status()");
      agent.single(
          at,
          DeployPlan.AGENT_HOSTS[agentHost],
          AppLogs.tag(c),
          SyslogBook.PRI_STDOUT,
          AppLogs.daemonPid("agent", agentHost),
          AppLogs.errorJson(at, "root", c, 3, 1, null, "Encountered exception:", sig));
    }
  }

  private void agentRegression(int a, long dayStart, long last) {
    List<DeployPlan.Deploy> deploys = plan.of("agent");
    for (int i = 0; i < deploys.size(); i++) {
      DeployPlan.Deploy d = deploys.get(i);
      if (d.signature == null) {
        continue;
      }
      long from = Math.max(dayStart, d.up[a]);
      long to =
          Math.min(last, i + 1 < deploys.size() ? deploys.get(i + 1).down[a] : Long.MAX_VALUE);
      // every ~4 min at the default 3 % error rate, proportionally rarer for smaller effects
      long mean = AppLogs.signatureInterval(240_000_000L, d.effect());
      for (long t = from + r.nextLong(mean / 4); t < to; t += mean / 2 + r.nextLong(mean)) {
        String c = AppLogs.container(plan, "agent", a, t);
        agent.single(
            t,
            DeployPlan.AGENT_HOSTS[a],
            AppLogs.tag(c),
            SyslogBook.PRI_STDOUT,
            AppLogs.daemonPid("agent", a),
            AppLogs.errorJson(t, "root", c, 3, 1, null, "Encountered exception:", d.signature));
      }
    }
  }

  private void writeNginx(LocalDate date) {
    access.sort(Comparator.comparingLong(Access::micros).thenComparingLong(Access::seq));
    errors.sort(Comparator.comparingLong(Err::micros).thenComparingLong(Err::seq));
    List<String> bad = SampleGenerator.lineMalformed(cfg);
    NginxAccessFormatter af = new NginxAccessFormatter();
    NginxErrorFormatter ef = new NginxErrorFormatter();
    StringBuilder sb = new StringBuilder(400);
    LineSink sink =
        new LineSink(
            cfg.out(),
            SampleGenerator.dayFile(
                LogSource.ADMIN_NGINX_ACCESS, date, "balrog-admin-nginx-access", cfg.gzip()),
            cfg.gzip(),
            LogSource.ADMIN_NGINX_ACCESS,
            date);
    try {
      for (int i = 0; i < access.size(); i++) {
        Access a = access.get(i);
        sb.setLength(0);
        af.append(sb, a.entry());
        if (!bad.isEmpty() && i == access.size() / 2) {
          ElbGenerator.writeMalformed(tally, sink, bad, sb.toString(), r);
        }
        sink.line(sb);
        long[] hour =
            tally.hour(a.entry().server(), Math.floorDiv(a.micros(), 3_600_000_000L) * 3600L);
        count(hour, a.entry());
      }
    } finally {
      sink.close();
      tally.file(sink);
    }
    tally.rows(LogSource.ADMIN_NGINX_ACCESS, date, access.size());
    LineSink es =
        new LineSink(
            cfg.out(),
            SampleGenerator.dayFile(
                LogSource.ADMIN_NGINX_ERROR, date, "balrog-admin-nginx-error", cfg.gzip()),
            cfg.gzip(),
            LogSource.ADMIN_NGINX_ERROR,
            date);
    try {
      for (int i = 0; i < errors.size(); i++) {
        sb.setLength(0);
        ef.append(sb, errors.get(i).entry());
        if (!bad.isEmpty() && i == errors.size() / 2) {
          ElbGenerator.writeMalformed(tally, es, bad, sb.toString(), r);
        }
        es.line(sb);
      }
      if (!bad.isEmpty() && errors.isEmpty()) {
        ElbGenerator.writeMalformed(tally, es, bad, null, r);
      }
    } finally {
      es.close();
      tally.file(es);
    }
    tally.rows(LogSource.ADMIN_NGINX_ERROR, date, errors.size());
  }

  private static void count(long[] hour, NginxAccessEntry e) {
    if (e.uri() != null && e.uri().startsWith("/__")) {
      hour[Tally.DOCKERFLOW]++;
      return;
    }
    hour[Tally.REQUESTS]++;
    if (e.status() >= 500) {
      hour[Tally.S5XX]++;
      if (e.upstreamResponseTime() == null || e.status() == 502) {
        hour[Tally.LB_5XX]++;
      } else {
        hour[Tally.BACKEND_5XX]++;
      }
    }
  }

  private void writeBook(SyslogBook book, LocalDate date, String prefix) {
    LineSink sink =
        new LineSink(
            cfg.out(),
            SampleGenerator.dayFile(book.source, date, prefix, cfg.gzip()),
            cfg.gzip(),
            book.source,
            date);
    try {
      book.write(sink, tally, date, SampleGenerator.syslogMalformed(cfg), r);
    } finally {
      sink.close();
      tally.file(sink);
    }
  }
}
