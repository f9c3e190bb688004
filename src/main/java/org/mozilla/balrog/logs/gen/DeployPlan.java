package org.mozilla.balrog.logs.gen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The resolved deploys: which hosts of which app restart when (rolling, one after another), lone
 * single-host restarts, container ids per host and restart epoch, migrations, effects (regressions,
 * minor changes) and version numbers (a rollback brings back the version before the previous
 * deploy). Immutable; thread-safe.
 */
final class DeployPlan {
  static final String[] WEB_HOSTS = {
    "ip-10-0-4-21", "ip-10-0-4-22", "ip-10-0-4-23", "ip-10-0-4-24"
  };
  static final String[] ADMIN_HOSTS = {"ip-10-0-6-11", "ip-10-0-6-12"};
  static final String[] AGENT_HOSTS = {"ip-10-0-7-31", "ip-10-0-7-32"};

  /** A regression's new exception signature. */
  record Signature(
      String app,
      String exceptionClass,
      String message,
      String file,
      int line,
      String function,
      String code) {
    String exceptionType() {
      return exceptionClass.substring(exceptionClass.lastIndexOf('.') + 1);
    }
  }

  private static final Signature[] WEB_SIGS = {
    new Signature(
        "web",
        "KeyError",
        "'partials'",
        "/app/auslib/blobs/apprelease.py",
        412,
        "_getPartialsXML",
        "for partial in self[\"platforms\"][buildTarget][\"locales\"][locale][\"partials\"]:"),
    new Signature(
        "web",
        "TypeError",
        "'<' not supported between instances of 'NoneType' and 'int'",
        "/app/auslib/util/rulematching.py",
        88,
        "matchBackgroundRate",
        "return rule[\"backgroundRate\"] < roll"),
    new Signature(
        "web",
        "AttributeError",
        "'NoneType' object has no attribute 'get'",
        "/app/auslib/AUS.py",
        171,
        "evaluateRules",
        "fallback = blob.get(\"fallbackMapping\")"),
    new Signature(
        "web",
        "ValueError",
        "invalid literal for int() with base 10: 'unknown'",
        "/app/auslib/web/public/client.py",
        64,
        "getQueryFromURL",
        "query[\"memory\"] = int(mem)"),
  };
  private static final Signature[] ADMIN_SIGS = {
    new Signature(
        "admin",
        "sqlalchemy.exc.IntegrityError",
        "(MySQLdb.IntegrityError) (1062, \"Duplicate entry 'Firefox-146.0b9-build1' for key"
            + " 'PRIMARY'\")",
        "/app/auslib/db.py",
        1187,
        "insert",
        "ret = trans.execute(self.t.insert(values=data))"),
    new Signature(
        "admin",
        "KeyError",
        "'data_version'",
        "/app/auslib/web/admin/views/base.py",
        97,
        "_put",
        "old_data_version = form[\"data_version\"]"),
  };
  private static final Signature[] AGENT_SIGS = {
    new Signature(
        "agent",
        "aiohttp.client_exceptions.ContentTypeError",
        "0, message='Attempt to decode JSON with unexpected mimetype: text/html'",
        "/app/src/balrogagent/client.py",
        49,
        "request",
        "return await resp.json()"),
  };

  static final class Deploy {
    final DeploySpec spec;
    final String app;
    final int ordinal;
    final String[] hosts;

    /**
     * Per host: old container stops ({@code goodbye}), new container is ready (banner). Epoch
     * micros.
     */
    final long[] down;

    final long[] up;

    /** The new exception signature of a regression that fails requests, else null. */
    final Signature signature;

    final int migrationFrom;

    /** The app's version number before and after this deploy (0 before the first deploy). */
    final int fromVersion;

    final int version;

    Deploy(
        DeploySpec spec,
        int ordinal,
        int appOrdinal,
        long seed,
        int migrationFrom,
        int fromVersion,
        int version) {
      this.spec = spec;
      this.app = spec.app();
      this.ordinal = ordinal;
      this.hosts = hostsOf(app);
      this.migrationFrom = migrationFrom;
      this.fromVersion = fromVersion;
      this.version = version;
      SplittableRandom r = Seeds.rng(seed, "deploy", ordinal, Seeds.name(spec.id()));
      long t = Fmt.micros(spec.time()) + (spec.migration() ? 45_000_000L : 20_000_000L);
      down = new long[hosts.length];
      up = new long[hosts.length];
      for (int h = 0; h < hosts.length; h++) {
        down[h] = t + r.nextInt(1_000_000);
        up[h] = down[h] + 4_000_000L + r.nextInt(6_000_000);
        t = up[h] + 30_000_000L + r.nextInt(40_000_000);
      }
      Signature[] sigs =
          app.equals("web") ? WEB_SIGS : app.equals("admin") ? ADMIN_SIGS : AGENT_SIGS;
      signature = spec.newSignature() ? sigs[appOrdinal % sigs.length] : null;
    }

    DeploySpec.Effect effect() {
      return spec.effect();
    }

    long firstRestart() {
      return down[0];
    }

    long lastRestart() {
      return up[up.length - 1];
    }
  }

  /**
   * One host restart (old container stops at {@code down}, new one is ready at {@code up}); lone
   * when no deploy.
   */
  record Restart(String app, int host, long down, long up, Deploy deploy) {}

  /** Lone restarts keep at least this far from any deploy (its time to its last host back). */
  static final long LONE_RESTART_GAP_US = 90 * 60_000_000L;

  static final String[] APPS = {"web", "admin", "agent"};

  final List<Deploy> deploys;

  /** Every host restart, of deploys and lone ones, by time. */
  final List<Restart> restarts;

  private final Map<String, List<Restart>> restartsByApp = new HashMap<>();
  private final long seed;

  /**
   * Resolves {@code specs} (any order) and, when {@code loneRestarts}, one single-host restart per
   * app and day of [from, from + days) at a random time at least {@link #LONE_RESTART_GAP_US} away
   * from every deploy.
   *
   * @throws IllegalArgumentException when a rollback has no earlier deploy of its app
   */
  DeployPlan(List<DeploySpec> specs, long seed, LocalDate from, int days, boolean loneRestarts) {
    this.seed = seed;
    List<DeploySpec> sorted = sorted(specs);
    List<Deploy> out = new ArrayList<>();
    int migration = 1;
    int[] perApp = new int[3];
    int[] highest = new int[3];
    Deploy[] last = new Deploy[3];
    for (int i = 0; i < sorted.size(); i++) {
      DeploySpec s = sorted.get(i);
      int a = appIndex(s.app());
      int fromVersion = last[a] == null ? 0 : last[a].version;
      int version = s.rollback() ? last[a].fromVersion : ++highest[a];
      Deploy d =
          new Deploy(s, i, perApp[a]++, seed, s.migration() ? migration : 0, fromVersion, version);
      out.add(d);
      last[a] = d;
      if (s.migration()) {
        migration++;
      }
    }
    this.deploys = List.copyOf(out);
    List<Restart> all = new ArrayList<>();
    for (Deploy d : deploys) {
      for (int h = 0; h < d.hosts.length; h++) {
        all.add(new Restart(d.app, h, d.down[h], d.up[h], d));
      }
    }
    if (loneRestarts) {
      for (int day = 0; day < days; day++) {
        long dayStart = from.plusDays(day).toEpochDay() * 86_400_000_000L;
        for (String app : APPS) {
          Restart r = loneRestart(app, day, dayStart);
          if (r != null) {
            all.add(r);
          }
        }
      }
    }
    all.sort(
        Comparator.comparingLong(Restart::down)
            .thenComparing(Restart::app)
            .thenComparingInt(Restart::host));
    this.restarts = List.copyOf(all);
    for (Restart r : restarts) {
      restartsByApp.computeIfAbsent(r.app(), k -> new ArrayList<>()).add(r);
    }
  }

  /**
   * {@code specs} by time (then id), checked: a rollback needs an earlier deploy of its app.
   *
   * @throws IllegalArgumentException naming the rollback that has nothing to roll back
   */
  static List<DeploySpec> sorted(List<DeploySpec> specs) {
    List<DeploySpec> sorted = new ArrayList<>(specs);
    sorted.sort(Comparator.comparing(DeploySpec::time).thenComparing(DeploySpec::id));
    boolean[] seen = new boolean[3];
    for (DeploySpec s : sorted) {
      int a = appIndex(s.app());
      if (s.rollback() && !seen[a]) {
        throw new IllegalArgumentException(
            "deploy "
                + s
                + " rolls back, but no earlier "
                + s.app()
                + " deploy is given to roll back from");
      }
      seen[a] = true;
    }
    return sorted;
  }

  /**
   * A single-host restart of {@code app} on day {@code day}, away from deploys; null when no time
   * was found.
   */
  private Restart loneRestart(String app, int day, long dayStart) {
    SplittableRandom r = Seeds.rng(seed, "lone-restart-" + app, day);
    int h = r.nextInt(hostsOf(app).length);
    long margin = 90 * 60_000_000L;
    for (int tries = 0; tries < 64; tries++) {
      long t = dayStart + margin + r.nextLong(86_400_000_000L - 2 * margin);
      boolean clear = true;
      for (Deploy d : deploys) {
        clear &=
            t < Fmt.micros(d.spec.time()) - LONE_RESTART_GAP_US
                || t > d.lastRestart() + LONE_RESTART_GAP_US;
      }
      if (clear) {
        long up = t + 4_000_000L + r.nextInt(6_000_000);
        return new Restart(app, h, t, up, null);
      }
    }
    return null;
  }

  static String[] hostsOf(String app) {
    return switch (app) {
      case "web" -> WEB_HOSTS;
      case "admin" -> ADMIN_HOSTS;
      case "agent" -> AGENT_HOSTS;
      default -> throw new IllegalArgumentException(app);
    };
  }

  private static int appIndex(String app) {
    return switch (app) {
      case "web" -> 0;
      case "admin" -> 1;
      default -> 2;
    };
  }

  List<Deploy> of(String app) {
    return deploys.stream().filter(d -> d.app.equals(app)).toList();
  }

  /** Restarts of {@code app} (deploys' and lone), by time. */
  List<Restart> restartsOf(String app) {
    return restartsByApp.getOrDefault(app, List.of());
  }

  /**
   * How many restarts of host {@code h} of {@code app} had brought up a new container by {@code
   * micros}.
   */
  int epoch(String app, int h, long micros) {
    int e = 0;
    for (Restart r : restartsOf(app)) {
      if (r.host() == h && r.up() <= micros) {
        e++;
      }
    }
    return e;
  }

  /**
   * The 12-hex Docker container id of host {@code h} of {@code app} in deploy epoch {@code epoch}.
   */
  String containerId(String app, int h, int epoch) {
    return Seeds.hex(Seeds.rng(seed, "container-" + app, h, epoch), 12);
  }

  /** True while host {@code h} of {@code app} is restarting (between goodbye and ready). */
  boolean down(String app, int h, long micros) {
    for (Restart r : restartsOf(app)) {
      if (r.host() == h && micros >= r.down() && micros < r.up()) {
        return true;
      }
    }
    return false;
  }

  /** True during a rollout of {@code app} (first restart to 15 s after the last host is back). */
  boolean rollout(String app, long micros) {
    for (Deploy d : deploys) {
      if (d.app.equals(app)
          && micros >= d.firstRestart()
          && micros < d.lastRestart() + 15_000_000L) {
        return true;
      }
    }
    return false;
  }

  /**
   * The deploy of {@code app} in effect at {@code micros} (the latest one started), or null before
   * any.
   */
  Deploy current(String app, long micros) {
    Deploy current = null;
    for (Deploy d : deploys) {
      if (d.app.equals(app) && d.firstRestart() <= micros) {
        current = d;
      }
    }
    return current;
  }

  /** The effect of the build of {@code app} running at {@code micros}. */
  DeploySpec.Effect effect(String app, long micros) {
    Deploy d = current(app, micros);
    return d == null ? DeploySpec.Effect.NONE : d.effect();
  }

  /**
   * The regression in effect for {@code app} at {@code micros} (latest deploy of the app, if it
   * regressed).
   */
  Deploy regression(String app, long micros) {
    Deploy d = current(app, micros);
    return d != null && d.spec.regression() ? d : null;
  }

  /**
   * The app's version number at {@code micros}: 0 before any deploy; a rollback brings an earlier
   * one back.
   */
  int version(String app, long micros) {
    Deploy d = current(app, micros);
    return d == null ? 0 : d.version;
  }
}
