package org.mozilla.balrog.logs.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The resolved deploys: which hosts of which app restart when (rolling, one after another), container ids per
 * host and deploy epoch, migrations and regressions. Immutable; thread-safe.
 */
final class DeployPlan {
  static final String[] WEB_HOSTS = {"ip-10-0-4-21", "ip-10-0-4-22", "ip-10-0-4-23", "ip-10-0-4-24"};
  static final String[] ADMIN_HOSTS = {"ip-10-0-6-11", "ip-10-0-6-12"};
  static final String[] AGENT_HOSTS = {"ip-10-0-7-31", "ip-10-0-7-32"};

  /** A regression's new exception signature. */
  record Signature(String app, String exceptionClass, String message, String file, int line, String function,
      String code) {
    String exceptionType() {
      return exceptionClass.substring(exceptionClass.lastIndexOf('.') + 1);
    }
  }

  private static final Signature[] WEB_SIGS = {
    new Signature("web", "KeyError", "'partials'", "/app/auslib/blobs/apprelease.py", 412, "_getPartialsXML",
        "for partial in self[\"platforms\"][buildTarget][\"locales\"][locale][\"partials\"]:"),
    new Signature("web", "TypeError", "'<' not supported between instances of 'NoneType' and 'int'",
        "/app/auslib/util/rulematching.py", 88, "matchBackgroundRate", "return rule[\"backgroundRate\"] < roll"),
    new Signature("web", "AttributeError", "'NoneType' object has no attribute 'get'", "/app/auslib/AUS.py", 171,
        "evaluateRules", "fallback = blob.get(\"fallbackMapping\")"),
    new Signature("web", "ValueError", "invalid literal for int() with base 10: 'unknown'",
        "/app/auslib/web/public/client.py", 64, "getQueryFromURL", "query[\"memory\"] = int(mem)"),
  };
  private static final Signature[] ADMIN_SIGS = {
    new Signature("admin", "sqlalchemy.exc.IntegrityError",
        "(MySQLdb.IntegrityError) (1062, \"Duplicate entry 'Firefox-146.0b9-build1' for key 'PRIMARY'\")",
        "/app/auslib/db.py", 1187, "insert", "ret = trans.execute(self.t.insert(values=data))"),
    new Signature("admin", "KeyError", "'data_version'", "/app/auslib/web/admin/views/base.py", 97, "_put",
        "old_data_version = form[\"data_version\"]"),
  };
  private static final Signature[] AGENT_SIGS = {
    new Signature("agent", "aiohttp.client_exceptions.ContentTypeError",
        "0, message='Attempt to decode JSON with unexpected mimetype: text/html'",
        "/app/src/balrogagent/client.py", 49, "request", "return await resp.json()"),
  };

  static final class Deploy {
    final DeploySpec spec;
    final String app;
    final int ordinal;
    final String[] hosts;
    /** Per host: old container stops ({@code goodbye}), new container is ready (banner). Epoch micros. */
    final long[] down;
    final long[] up;
    final Signature signature;
    final int migrationFrom;

    Deploy(DeploySpec spec, int ordinal, int appOrdinal, long seed, int migrationFrom) {
      this.spec = spec;
      this.app = spec.app();
      this.ordinal = ordinal;
      this.hosts = hostsOf(app);
      this.migrationFrom = migrationFrom;
      SplittableRandom r = Seeds.rng(seed, "deploy", ordinal, Seeds.name(spec.id()));
      long t = Fmt.micros(spec.time()) + (spec.migration() ? 45_000_000L : 20_000_000L);
      down = new long[hosts.length];
      up = new long[hosts.length];
      for (int h = 0; h < hosts.length; h++) {
        down[h] = t + r.nextInt(1_000_000);
        up[h] = down[h] + 4_000_000L + r.nextInt(6_000_000);
        t = up[h] + 30_000_000L + r.nextInt(40_000_000);
      }
      Signature[] sigs = app.equals("web") ? WEB_SIGS : app.equals("admin") ? ADMIN_SIGS : AGENT_SIGS;
      signature = spec.regression() ? sigs[appOrdinal % sigs.length] : null;
    }

    long firstRestart() {
      return down[0];
    }

    long lastRestart() {
      return up[up.length - 1];
    }
  }

  final List<Deploy> deploys;
  private final long seed;

  DeployPlan(List<DeploySpec> specs, long seed) {
    this.seed = seed;
    List<DeploySpec> sorted = new ArrayList<>(specs);
    sorted.sort(Comparator.comparing(DeploySpec::time).thenComparing(DeploySpec::id));
    List<Deploy> out = new ArrayList<>();
    int migration = 1;
    int[] perApp = new int[3];
    for (int i = 0; i < sorted.size(); i++) {
      DeploySpec s = sorted.get(i);
      int a = appIndex(s.app());
      out.add(new Deploy(s, i, perApp[a]++, seed, s.migration() ? migration : 0));
      if (s.migration()) {
        migration++;
      }
    }
    this.deploys = List.copyOf(out);
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

  /** How many deploys of {@code app} had brought up host {@code h}'s new container by {@code micros}. */
  int epoch(String app, int h, long micros) {
    int e = 0;
    for (Deploy d : deploys) {
      if (d.app.equals(app) && d.up[h] <= micros) {
        e++;
      }
    }
    return e;
  }

  /** The 12-hex Docker container id of host {@code h} of {@code app} in deploy epoch {@code epoch}. */
  String containerId(String app, int h, int epoch) {
    return Seeds.hex(Seeds.rng(seed, "container-" + app, h, epoch), 12);
  }

  /** True while host {@code h} of {@code app} is restarting (between goodbye and ready). */
  boolean down(String app, int h, long micros) {
    for (Deploy d : deploys) {
      if (d.app.equals(app) && micros >= d.down[h] && micros < d.up[h]) {
        return true;
      }
    }
    return false;
  }

  /** True during a rollout of {@code app} (first restart to 15 s after the last host is back). */
  boolean rollout(String app, long micros) {
    for (Deploy d : deploys) {
      if (d.app.equals(app) && micros >= d.firstRestart() && micros < d.lastRestart() + 15_000_000L) {
        return true;
      }
    }
    return false;
  }

  /** The regression in effect for {@code app} at {@code micros} (latest deploy of the app, if it regressed). */
  Deploy regression(String app, long micros) {
    Deploy current = null;
    for (Deploy d : deploys) {
      if (d.app.equals(app) && d.firstRestart() <= micros) {
        current = d;
      }
    }
    return current != null && current.spec.regression() ? current : null;
  }

  /** Number of deploys of {@code app} started by {@code micros} (changes the version string). */
  int version(String app, long micros) {
    int v = 0;
    for (Deploy d : deploys) {
      if (d.app.equals(app) && d.firstRestart() <= micros) {
        v++;
      }
    }
    return v;
  }
}
