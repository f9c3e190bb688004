package org.mozilla.balrog.logs.metrics.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The route template of an admin/agent API request path, e.g. {@code
 * /api/rules/1234/revisions?page=1} becomes {@code /api/rules/{id}/revisions}. Pure Java,
 * stateless, thread-safe.
 *
 * <p>The known routes are Balrog's admin API (the paths of {@code
 * src/auslib/web/admin/swagger/api.yml} and {@code api_v2.yml}, which nginx serves under {@code
 * /api/...} and {@code /api/v2/...}; the 2018 spec adds {@code /csrf_token}, the history views and
 * {@code /releases/{release}/revisions}), plus the Dockerflow endpoints. A literal segment wins
 * over a variable one ({@code /api/rules/columns/{column}} before {@code /api/rules/{id}}).
 * Parameter names follow the spec except that rule ids are {@code {id}} and v2 release names {@code
 * {release}}.
 *
 * <p>The query string and a trailing slash are dropped. A path that matches no known route keeps
 * only its route-like segments (lower-case words of letters, {@code _} and {@code -}, at most
 * {@link #MAX_WORD} characters); every other segment becomes {@code {id}} (digits only) or {@code
 * {value}}, and segments past {@link #MAX_SEGMENTS} are cut to {@code …}. So a user name, an email
 * address, a release name or a scanner's payload never reaches a table.
 */
public final class RouteTemplate {
  static final int MAX_SEGMENTS = 6;
  static final int MAX_WORD = 32;

  private static final Pattern WORD =
      Pattern.compile("[a-z_][a-z0-9_\\-]{0," + (MAX_WORD - 1) + "}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  /** Known routes without the {@code /api} prefix. */
  private static final List<String[]> ROUTES = new ArrayList<>();

  static {
    String[] v1 = {
      "/csrf_token",
      "/rules",
      "/rules/{id}",
      "/rules/{id}/revisions",
      "/rules/columns/{column}",
      "/rules/history",
      "/releases",
      "/releases/{release}",
      "/releases/{release}/read_only",
      "/releases/{release}/read_only/product/required_signoffs",
      "/releases/columns/{column}",
      "/releases/{release}/builds/{platform}/{locale}",
      "/releases/{release}/revisions",
      "/releases/history",
      "/permissions/history",
      "/required_signoffs/product/history",
      "/required_signoffs/permissions/history",
      "/history/diff/release/{change_id}/{field}",
      "/history/view/release/{change_id}/{field}",
      "/scheduled_change/diff/release/{sc_id}",
      "/required_signoffs/product",
      "/required_signoffs/product/revisions",
      "/required_signoffs/permissions",
      "/required_signoffs/permissions/revisions",
      "/users",
      "/users/{username}",
      "/users/{username}/permissions",
      "/users/{username}/roles/{role}",
      "/users/{username}/permissions/{permission}",
      "/emergency_shutoff",
      "/emergency_shutoff/{product}/{channel}",
    };
    for (String r : v1) {
      ROUTES.add(split(r));
    }
    for (String object :
        List.of(
            "rules",
            "permissions",
            "releases",
            "required_signoffs/product",
            "required_signoffs/permissions",
            "emergency_shutoff")) {
      String base = "/scheduled_changes/" + object;
      for (String r :
          List.of(
              base,
              base + "/{sc_id}",
              base + "/{sc_id}/revisions",
              base + "/{sc_id}/enact",
              base + "/{sc_id}/signoffs")) {
        ROUTES.add(split(r));
      }
    }
    ROUTES.add(split("/scheduled_changes/pinnable_releases"));
    ROUTES.add(split("/scheduled_changes/pinnable_releases/{sc_id}/enact"));
    for (String r :
        List.of(
            "/v2/releases",
            "/v2/releases/{release}",
            "/v2/releases/{release}/signoff",
            "/v2/releases/{release}/data_versions",
            "/v2/releases/{release}/enact",
            "/v2/releases/{release}/{path}/data_version",
            "/v2/releases/{release}/read_only",
            "/v2/releases/{release}/pinnable",
            "/v2/pins/{product}/{channel}/{version}")) {
      ROUTES.add(split(r));
    }
  }

  private static final List<String> DOCKERFLOW =
      List.of("/__heartbeat__", "/__lbheartbeat__", "/__version__");

  private RouteTemplate() {}

  /**
   * The template of {@code uri} (a request URI as nginx logs it); {@code other} for null or a
   * non-path.
   */
  public static String of(String uri) {
    if (uri == null || uri.isEmpty() || uri.charAt(0) != '/') {
      return "other";
    }
    String path = stripQuery(uri);
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (DOCKERFLOW.contains(path) || path.equals("/") || path.equals("/api")) {
      return path;
    }
    String prefix = "";
    String rest = path;
    if (path.startsWith("/api/")) {
      prefix = "/api";
      rest = path.substring(4);
    }
    String[] segments = split(rest);
    String[] best = null;
    int bestLiterals = -1;
    for (String[] route : ROUTES) {
      int literals = matchLiterals(route, segments);
      if (literals > bestLiterals) {
        best = route;
        bestLiterals = literals;
      }
    }
    return prefix + (best != null ? join(best, best.length) : generic(segments));
  }

  /**
   * True for the Dockerflow endpoints (docs/formats.md#dockerflow-endpoints), which never count as
   * API use.
   */
  public static boolean isDockerflow(String uri) {
    return uri != null && DOCKERFLOW.contains(stripQuery(uri));
  }

  /** Literal segments of {@code route} when it matches {@code segments}, else -1. */
  private static int matchLiterals(String[] route, String[] segments) {
    if (route.length != segments.length) {
      return -1;
    }
    int literals = 0;
    for (int i = 0; i < route.length; i++) {
      if (isVariable(route[i])) {
        if (segments[i].isEmpty()) {
          return -1;
        }
      } else if (route[i].equals(segments[i])) {
        literals++;
      } else {
        return -1;
      }
    }
    return literals;
  }

  private static String generic(String[] segments) {
    String[] out = new String[Math.min(segments.length, MAX_SEGMENTS + 1)];
    for (int i = 0; i < out.length; i++) {
      String s = segments[i];
      if (i == MAX_SEGMENTS) {
        out[i] = "…";
      } else if (WORD.matcher(s).matches()) {
        out[i] = s;
      } else if (DIGITS.matcher(s).matches()) {
        out[i] = "{id}";
      } else {
        out[i] = "{value}";
      }
    }
    return join(out, out.length);
  }

  private static boolean isVariable(String segment) {
    return segment.startsWith("{");
  }

  private static String stripQuery(String uri) {
    int q = uri.indexOf('?');
    int h = uri.indexOf('#');
    int end = q < 0 ? h : h < 0 ? q : Math.min(q, h);
    return end < 0 ? uri : uri.substring(0, end);
  }

  /**
   * Segments of an absolute path without the leading empty one ({@code "/a/b"} gives {@code [a,
   * b]}).
   */
  private static String[] split(String path) {
    if (path.equals("/") || path.isEmpty()) {
      return new String[0];
    }
    return path.substring(1).split("/", -1);
  }

  private static String join(String[] segments, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append('/').append(segments[i]);
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }
}
