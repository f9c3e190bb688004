package org.mozilla.balrog.logs.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Application-side log content shared by the syslog writers: restarts, exceptions, migrations. */
final class AppLogs {
  private AppLogs() {}

  static final String BASE_DB_CLASS = "sqlalchemy.exc.OperationalError";
  static final String BASE_DB_MESSAGE =
      "(MySQLdb._exceptions.OperationalError) (2013, 'Lost connection to MySQL server during"
          + " query')";
  private static final String[] MIGRATIONS = {
    "add release_assets table",
    "drop unused permissions_req_signoffs columns",
    "widen rules.osVersion to 1000 characters",
    "add pinnable_releases index on product and channel",
    "add emergency_shutoff comment column",
  };

  static String tag(String containerId) {
    return "docker/" + containerId;
  }

  static int daemonPid(String app, int h) {
    return switch (app) {
      case "web" -> 1187 + 7 * h;
      case "admin" -> 1023 + 5 * h;
      default -> 911 + 3 * h;
    };
  }

  /** The container of host {@code h} of {@code app} at {@code micros}. */
  static String container(DeployPlan plan, String app, int h, long micros) {
    return plan.containerId(app, h, plan.epoch(app, h, micros));
  }

  /** Python's repr of an exception value. */
  static String repr(String exceptionClass, String message) {
    String simple = exceptionClass.substring(exceptionClass.lastIndexOf('.') + 1);
    if (message.startsWith("'")
        && message.endsWith("'")
        && message.indexOf('\'', 1) == message.length() - 1) {
      return simple + "(" + message + ")";
    }
    return simple
        + (message.contains("'")
            ? "(\"" + message.replace("\"", "\\\"") + "\")"
            : "('" + message + "')");
  }

  static List<String[]> frames(DeployPlan.Signature sig) {
    List<String[]> f = new ArrayList<>();
    if (sig.app().equals("agent")) {
      f.add(
          new String[] {
            "/app/src/balrogagent/cmd.py", "79", "run_agent", "await process_scheduled_changes()"
          });
    } else {
      f.add(
          new String[] {
            "/usr/local/lib/python3.9/site-packages/flask/app.py",
            "1950",
            "full_dispatch_request",
            "rv = self.dispatch_request()"
          });
      f.add(
          new String[] {
            "/usr/local/lib/python3.9/site-packages/connexion/decorators/decorator.py",
            "68",
            "wrapper",
            "response = function(request)"
          });
    }
    f.add(new String[] {sig.file(), Integer.toString(sig.line()), sig.function(), sig.code()});
    return f;
  }

  static final DeployPlan.Signature BASE_WEB =
      new DeployPlan.Signature(
          "web",
          BASE_DB_CLASS,
          BASE_DB_MESSAGE,
          "/app/auslib/db.py",
          245,
          "select",
          "return self._selectStatement(where=where, **kwargs).execute()");
  static final DeployPlan.Signature BASE_ADMIN =
      new DeployPlan.Signature(
          "admin",
          BASE_DB_CLASS,
          BASE_DB_MESSAGE,
          "/app/auslib/db.py",
          1187,
          "insert",
          "ret = trans.execute(self.t.insert(values=data))");
  static final DeployPlan.Signature BASE_AGENT =
      new DeployPlan.Signature(
          "agent",
          "aiohttp.client_exceptions.ClientConnectorError",
          "Cannot connect to host balrog-admin.internal:8080 ssl:default [Connection refused]",
          "/app/src/balrogagent/client.py",
          42,
          "request",
          "async with session.request(method, url, **kwargs) as resp:");

  /** A Balrog JSON error line carrying {@code sig} (message, error repr, traceback). */
  static String errorJson(
      long micros,
      String type,
      String hostname,
      int severity,
      int pid,
      String requestId,
      String message,
      DeployPlan.Signature sig) {
    String repr = repr(sig.exceptionClass(), sig.message());
    String tb = BalrogJson.traceback(frames(sig), sig.exceptionClass(), repr);
    if (requestId == null) {
      return BalrogJson.line(
          micros,
          type,
          hostname,
          severity,
          pid,
          "message",
          message,
          "error",
          repr,
          "traceback",
          tb);
    }
    return BalrogJson.line(
        micros,
        type,
        hostname,
        severity,
        pid,
        "requestid",
        requestId,
        "message",
        message,
        "error",
        repr,
        "traceback",
        tb);
  }

  static List<String> stderrTraceback(DeployPlan.Signature sig) {
    return BalrogJson.stderrTraceback(frames(sig), sig.exceptionClass(), sig.message());
  }

  /**
   * Restart markers of {@code app}'s restarts (deploys' and lone ones) that fall in [dayStart,
   * dayEnd): {@code goodbye to uWSGI.} from the old container and the uWSGI start banner from the
   * new one (web, admin); the agent logs a JSON start line instead.
   */
  static void restarts(SyslogBook book, DeployPlan plan, String app, long dayStart, long dayEnd) {
    String[] hosts = DeployPlan.hostsOf(app);
    for (DeployPlan.Restart restart : plan.restartsOf(app)) {
      int h = restart.host();
      int pid = daemonPid(app, h);
      long down = restart.down();
      if (down >= dayStart && down < dayEnd) {
        String old = container(plan, app, h, down);
        if (!app.equals("agent")) {
          book.single(down, hosts[h], tag(old), SyslogBook.PRI_STDERR, pid, "goodbye to uWSGI.");
        }
      }
      long ready = restart.up();
      if (ready < dayStart || ready >= dayEnd) {
        continue;
      }
      String fresh = plan.containerId(app, h, plan.epoch(app, h, ready));
      String tag = tag(fresh);
      if (app.equals("agent")) {
        book.single(
            ready,
            hosts[h],
            tag,
            SyslogBook.PRI_STDOUT,
            pid,
            BalrogJson.line(
                ready,
                "root",
                fresh,
                6,
                1,
                "message",
                "Starting balrog agent, polling every 30 seconds"));
        continue;
      }
      long t0 = Math.max(dayStart, ready - 2_500_000L);
      String[] banner = {
        "*** Starting uWSGI 2.0.28 (64bit) on [" + Fmt.ctime(t0 / 1_000_000L) + "] ***",
        "compiled with version: 12.2.0 on 21 October 2026 09:12:44",
        "current working directory: /app",
        "*** WARNING: you are running uWSGI without its master process manager ***",
        "uWSGI http bound on :" + (app.equals("web") ? 8000 : 7070) + " fd 4",
        "spawned uWSGI http 1 (pid: 9)",
        "WSGI app 0 (mountpoint='') ready in 2 seconds on interpreter 0x55d5c6a0e5a0 pid: 10"
            + " (default app)",
        "spawned uWSGI worker 1 (and the only) (pid: 10, cores: 1)",
      };
      for (int i = 0; i < banner.length; i++) {
        long t = i < 6 ? t0 + i * 1000L : ready + (i - 6) * 1000L;
        book.single(t, hosts[h], tag, SyslogBook.PRI_STDERR, pid, banner[i]);
      }
    }
  }

  /** Alembic output of each migration deploy, from a one-shot container on the first admin host. */
  static void migrations(SyslogBook book, DeployPlan plan, long seed, long dayStart, long dayEnd) {
    for (DeployPlan.Deploy d : plan.deploys) {
      if (!d.spec.migration()) {
        continue;
      }
      long t = Fmt.micros(d.spec.time()) + 5_000_000L;
      if (t < dayStart || t >= dayEnd) {
        continue;
      }
      String tag = tag(Seeds.hex(Seeds.rng(seed, "migration-container", d.ordinal), 12));
      String host = DeployPlan.ADMIN_HOSTS[0];
      int pid = daemonPid("admin", 0);
      List<String> lines = new ArrayList<>();
      lines.add("INFO:AUSDatabase:Upgrading database to alembic version: head");
      lines.add("INFO:alembic.runtime.migration:Context impl MySQLImpl.");
      lines.add("INFO:alembic.runtime.migration:Will assume non-transactional DDL.");
      lines.add(
          String.format(
              Locale.ROOT,
              "INFO:alembic.runtime.migration:Running upgrade %04d -> %04d, %s",
              d.migrationFrom,
              d.migrationFrom + 1,
              MIGRATIONS[(d.migrationFrom - 1) % MIGRATIONS.length]));
      for (int i = 0; i < lines.size(); i++) {
        book.single(t + i * 150_000L, host, tag, SyslogBook.PRI_STDERR, pid, lines.get(i));
      }
    }
  }

  /**
   * Mean gap between a regression's new-signature log lines when they are logged steadily: {@code
   * atDefault} at the default error rate, longer in proportion for smaller rates.
   */
  static long signatureInterval(long atDefault, DeploySpec.Effect effect) {
    double scaled =
        atDefault * DeploySpec.Effect.REGRESSION_DEFAULT.errorRate() / effect.errorRate();
    return (long) Math.max(4, Math.min(scaled, 1e15));
  }

  /** A random time in [from, to) at which host {@code h} is up; -1 when none was found. */
  static long upTime(SplittableRandom r, DeployPlan plan, String app, int h, long from, long to) {
    for (int tries = 0; tries < 8; tries++) {
      long t = from + r.nextLong(to - from);
      if (!plan.down(app, h, t)) {
        return t;
      }
    }
    return -1;
  }
}
