package org.mozilla.balrog.logs.parse.url;

import java.util.List;
import java.util.Locale;
import org.mozilla.balrog.logs.model.RequestKind;
import org.mozilla.balrog.logs.model.UpdateRequest;

/**
 * Reads a Balrog public URL, as found in the ELB {@code request} field, into an {@link
 * UpdateRequest} (docs/formats.md#update-urls).
 *
 * <p>Contract: stateless and thread-safe; {@link #parse} never returns null and never throws,
 * whatever the input (absolute URL, bare path, raw spaces, junk, null).
 *
 * <ul>
 *   <li><b>Kind</b> from the raw path: {@code /update/N/…/update.xml} (N digits) is UPDATE, {@code
 *       /json/N/…/update.json} is JSON, {@code /__heartbeat__ /__lbheartbeat__ /__version__} are
 *       DOCKERFLOW, {@code /api} and {@code /api/…} API, everything else OTHER. For DOCKERFLOW, API
 *       and OTHER every other field is null (testChannel false).
 *   <li><b>Fields</b> are taken by position for the route (docs/formats.md#routes). The path is
 *       split on {@code /} first, then each segment is percent-decoded until stable ({@link
 *       PercentDecoder#decodeRepeatedly}); {@code +} stays. {@code /update/4}'s platformVersion and
 *       {@code /update/5}'s IMEI are not kept. For {@code /update/3}, a version ending in {@code
 *       esrpre} (bug 1133250) loses that suffix, as Balrog's route captures it.
 *   <li><b>Wrong segment count</b> for the route, or an unknown N: the request keeps its kind and
 *       queryVersion, but only the leading fields every route of that family shares are filled, by
 *       position (/update: product, version, buildID, buildTarget, locale, channel; /json: product,
 *       version, buildTarget, channel), as far as segments exist; route-specific fields (osVersion,
 *       systemCapabilities, distribution, distVersion) stay null because their position is unknown.
 *       Balrog itself answers such /update paths with the empty 200 XML
 *       (docs/formats.md#responses).
 *   <li><b>Query</b>: {@code force}, {@code mig64}, {@code pin}, {@code avast}, first occurrence
 *       wins, decoded once. The Avast form {@code force=1?avast=1} / {@code force=1%3Favast=1}
 *       gives force {@code 1} and avast {@code 1}.
 *   <li>No other server-side normalisation: locale, product and channel are kept as sent (decoded).
 * </ul>
 */
public final class UpdateUrlParser {
  /**
   * Suffix the pre-64 Firefox URL template glued to osVersion (docs/formats.md#routes); either half
   * may appear alone.
   */
  public static final List<String> OS_VERSION_JUNK = List.of("(noBug1296630v1)", "(nowebsense)");

  /** The version suffix {@code /update/3} drops (bug 1133250). */
  public static final String ESR_PRE = "esrpre";

  private static final String CCK = "-cck-";
  private static final String[] TEST_CHANNEL_SUFFIXES = {"-localtest", "-cdntest"};

  private static final UpdateRequest DOCKERFLOW = onlyKind(RequestKind.DOCKERFLOW);
  private static final UpdateRequest API = onlyKind(RequestKind.API);
  private static final UpdateRequest OTHER = onlyKind(RequestKind.OTHER);

  public UpdateUrlParser() {}

  /** Parses {@code url}; see the class contract. */
  public UpdateRequest parse(String url) {
    try {
      return parseUnguarded(url);
    } catch (RuntimeException e) {
      // Unreachable by design (tests call parseUnguarded); one junk URL must not fail a Spark task.
      return OTHER;
    }
  }

  UpdateRequest parseUnguarded(String url) {
    String path = path(url);
    if (path == null) {
      return OTHER;
    }
    if (path.equals("/__heartbeat__")
        || path.equals("/__lbheartbeat__")
        || path.equals("/__version__")) {
      return DOCKERFLOW;
    }
    if (path.equals("/api") || path.startsWith("/api/")) {
      return API;
    }
    boolean update = path.startsWith("/update/") && path.endsWith("/update.xml");
    boolean json = !update && path.startsWith("/json/") && path.endsWith("/update.json");
    if (!update && !json) {
      return OTHER;
    }
    String[] segments = segments(path);
    // segments: "", "update"|"json", N, params..., "update.xml"|"update.json"
    Integer queryVersion = queryVersion(segments.length > 3 ? segments[2] : "");
    if (queryVersion == null) {
      return OTHER;
    }
    String[] p = new String[segments.length - 4];
    for (int i = 0; i < p.length; i++) {
      p[i] = PercentDecoder.decodeRepeatedly(segments[i + 3]);
    }
    Fields fields = update ? updateFields(queryVersion, p) : jsonFields(queryVersion, p);
    Query query = Query.parse(query(url));
    String channelNormalized = normalizeChannel(fields.channel);
    return new UpdateRequest(
        update ? RequestKind.UPDATE : RequestKind.JSON,
        queryVersion,
        fields.product,
        fields.version,
        fields.buildId,
        fields.buildTarget,
        fields.locale,
        fields.channel,
        channelNormalized,
        isTestChannel(fields.channel),
        stripOsVersionJunk(fields.osVersion),
        fields.systemCapabilities,
        fields.distribution,
        fields.distVersion,
        os(fields.buildTarget),
        arch(fields.buildTarget),
        query.force,
        query.mig64,
        query.pin,
        query.avast);
  }

  /** Mutable holder for the positional path fields; local to one parse call. */
  static final class Fields {
    String product;
    String version;
    String buildId;
    String buildTarget;
    String locale;
    String channel;
    String osVersion;
    String systemCapabilities;
    String distribution;
    String distVersion;
  }

  /** Positional fields of {@code /update/N} (docs/formats.md#routes). */
  static Fields updateFields(int n, String[] p) {
    Fields f = new Fields();
    int expected = expectedUpdateParams(n);
    // the first six positions are the same in every /update route
    f.product = at(p, 0);
    f.version = at(p, 1);
    f.buildId = at(p, 2);
    f.buildTarget = at(p, 3);
    f.locale = at(p, 4);
    f.channel = at(p, 5);
    if (expected != p.length) {
      return f;
    }
    if (n >= 2) {
      f.osVersion = p[6];
    }
    if (n == 3 && f.version.endsWith(ESR_PRE)) {
      f.version = f.version.substring(0, f.version.length() - ESR_PRE.length());
    }
    if (n >= 3 && n <= 5) {
      f.distribution = p[7];
      f.distVersion = p[8];
    } else if (n == 6) {
      f.systemCapabilities = p[7];
      f.distribution = p[8];
      f.distVersion = p[9];
    }
    return f;
  }

  /** Path parameters between {@code /update/N/} and {@code /update.xml}; -1 for an unknown N. */
  public static int expectedUpdateParams(int n) {
    switch (n) {
      case 1:
        return 6;
      case 2:
        return 7;
      case 3:
        return 9;
      case 4:
      case 5:
      case 6:
        return 10;
      default:
        return -1;
    }
  }

  /**
   * Positional fields of {@code /json/N}: {@code /json/1} has 4, {@code /json/2} adds osVersion.
   */
  static Fields jsonFields(int n, String[] p) {
    Fields f = new Fields();
    int expected = expectedJsonParams(n);
    // the first four positions are the same in both /json routes
    f.product = at(p, 0);
    f.version = at(p, 1);
    f.buildTarget = at(p, 2);
    f.channel = at(p, 3);
    if (n == 2 && expected == p.length) {
      f.osVersion = p[4];
    }
    return f;
  }

  /** Path parameters between {@code /json/N/} and {@code /update.json}; -1 for an unknown N. */
  public static int expectedJsonParams(int n) {
    return n == 1 ? 4 : n == 2 ? 5 : -1;
  }

  private static String at(String[] p, int i) {
    return i < p.length ? p[i] : null;
  }

  private static Integer queryVersion(String segment) {
    int len = segment.length();
    if (len < 1 || len > 9) {
      return null;
    }
    int v = 0;
    for (int i = 0; i < len; i++) {
      int d = segment.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return null;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Splits on every {@code /} (keeps empty segments, unlike {@link String#split}). */
  static String[] segments(String path) {
    int count = 1;
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      count++;
    }
    String[] out = new String[count];
    int start = 0;
    for (int k = 0; k < count - 1; k++) {
      int slash = path.indexOf('/', start);
      out[k] = path.substring(start, slash);
      start = slash + 1;
    }
    out[count - 1] = path.substring(start);
    return out;
  }

  // ----------------------------------------------------------------------------------------------
  // URL parts

  /**
   * The raw (not decoded) path of {@code url}: without scheme, host, port and query. An absolute
   * URL with no path gives {@code ""}; a string that is neither absolute nor starts with {@code /}
   * (e.g. a CONNECT authority, junk) is returned up to its first {@code ?}. Null for null. Never
   * throws.
   */
  public static String path(String url) {
    if (url == null) {
      return null;
    }
    int start = 0;
    int authority = authorityStart(url);
    if (authority >= 0) {
      start = authorityEnd(url, authority);
      if (start < url.length() && url.charAt(start) == '#') {
        return "";
      }
    }
    int q = url.indexOf('?', start);
    return url.substring(start, q < 0 ? url.length() : q);
  }

  /**
   * The host of an absolute URL ({@code scheme://host[:port]/…}), lower-cased, without user info,
   * port or IPv6 brackets; null when {@code url} has no scheme or an empty host.
   */
  public static String host(String url) {
    if (url == null) {
      return null;
    }
    int start = authorityStart(url);
    if (start < 0) {
      return null;
    }
    int end = authorityEnd(url, start);
    int at = url.lastIndexOf('@', end - 1);
    if (at >= start) {
      start = at + 1;
    }
    int hostEnd = end;
    if (start < end && url.charAt(start) == '[') {
      int close = url.indexOf(']', start);
      if (close > start && close < end) {
        return close == start + 1 ? null : url.substring(start + 1, close).toLowerCase(Locale.ROOT);
      }
    }
    int colon = url.indexOf(':', start);
    if (colon >= 0 && colon < end) {
      hostEnd = colon;
    }
    return hostEnd == start ? null : url.substring(start, hostEnd).toLowerCase(Locale.ROOT);
  }

  /** The raw query (after the first {@code ?} of the request target), or null. */
  static String query(String url) {
    if (url == null) {
      return null;
    }
    int authority = authorityStart(url);
    int from = authority < 0 ? 0 : authorityEnd(url, authority);
    int q = url.indexOf('?', from);
    return q < 0 ? null : url.substring(q + 1);
  }

  /**
   * Index after {@code scheme://} when {@code url} starts with an RFC 3986 scheme and {@code //};
   * else -1.
   */
  static int authorityStart(String url) {
    int n = url.length();
    if (n == 0 || !isAsciiLetter(url.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < n; i++) {
      char c = url.charAt(i);
      if (c == ':') {
        return url.startsWith("//", i + 1) ? i + 3 : -1;
      }
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return -1;
      }
    }
    return -1;
  }

  /** End of the authority that starts at {@code start}: the first {@code / ? #} or the end. */
  private static int authorityEnd(String url, int start) {
    int i = start;
    while (i < url.length()) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  // ----------------------------------------------------------------------------------------------
  // field rules

  /**
   * Balrog's only channel normalisation, {@code channel.split("-cck-")[0]} in Python (AUS.py
   * getFallbackChannel): the text before the first {@code -cck-}. Null stays null.
   */
  public static String normalizeChannel(String channel) {
    if (channel == null) {
      return null;
    }
    int cck = channel.indexOf(CCK);
    return cck < 0 ? channel : channel.substring(0, cck);
  }

  /**
   * True for QA/update-verify channels that are not user population (docs/formats.md#channels): the
   * channel, or its {@code -cck-} base, ends in {@code -localtest} or {@code -cdntest}. The single
   * place this rule lives.
   */
  public static boolean isTestChannel(String channel) {
    if (channel == null) {
      return false;
    }
    String base = normalizeChannel(channel);
    for (String suffix : TEST_CHANNEL_SUFFIXES) {
      if (channel.endsWith(suffix) || base.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Removes the {@code (noBug1296630v1)(nowebsense)} template suffix, or either half alone. */
  static String stripOsVersionJunk(String osVersion) {
    if (osVersion == null) {
      return null;
    }
    String s = osVersion;
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String junk : OS_VERSION_JUNK) {
        if (s.endsWith(junk)) {
          s = s.substring(0, s.length() - junk.length());
          stripped = true;
        }
      }
    }
    return s;
  }

  /** {@code buildTarget} up to the first {@code _} (all of it when there is none). */
  public static String os(String buildTarget) {
    if (buildTarget == null || buildTarget.isEmpty()) {
      return null;
    }
    int u = buildTarget.indexOf('_');
    return u < 0 ? buildTarget : u == 0 ? null : buildTarget.substring(0, u);
  }

  /**
   * The token after the first {@code _} up to the next {@code -}: {@code WINNT_x86_64-msvc-x64}
   * gives x86_64.
   */
  public static String arch(String buildTarget) {
    if (buildTarget == null) {
      return null;
    }
    int u = buildTarget.indexOf('_');
    if (u < 0) {
      return null;
    }
    int dash = buildTarget.indexOf('-', u + 1);
    int end = dash < 0 ? buildTarget.length() : dash;
    return end == u + 1 ? null : buildTarget.substring(u + 1, end);
  }

  /** The query parameters Balrog's update routes declare (docs/formats.md#query-parameters). */
  static final class Query {
    static final Query NONE = new Query();
    String force;
    String mig64;
    String pin;
    String avast;

    static Query parse(String query) {
      if (query == null || query.isEmpty()) {
        return NONE;
      }
      Query q = new Query();
      int start = 0;
      while (start <= query.length()) {
        int amp = query.indexOf('&', start);
        int end = amp < 0 ? query.length() : amp;
        q.param(query, start, end);
        start = end + 1;
      }
      return q;
    }

    private void param(String query, int start, int end) {
      int eq = query.indexOf('=', start);
      if (eq < 0 || eq > end) {
        eq = end;
      }
      String key = PercentDecoder.decode(query.substring(start, eq));
      String raw = eq < end ? query.substring(eq + 1, end) : "";
      switch (key) {
        case "force":
          if (force == null) {
            force = avastSplit(raw);
          }
          break;
        case "mig64":
          mig64 = mig64 != null ? mig64 : PercentDecoder.decode(raw);
          break;
        case "pin":
          pin = pin != null ? pin : PercentDecoder.decode(raw);
          break;
        case "avast":
          avast = avast != null ? avast : PercentDecoder.decode(raw);
          break;
        default:
          break;
      }
    }

    /**
     * Avast appends {@code ?avast=1} blindly, giving {@code force=1?avast=1} or {@code
     * force=1%3Favast=1}; like Balrog's getCleanQueryFromURL, split the force value at the first
     * {@code ?} or {@code %3F} and read the rest as one more parameter.
     */
    private String avastSplit(String raw) {
      int cut = raw.indexOf('?');
      int skip = 1;
      int encoded = indexOfIgnoreCase(raw, "%3F");
      if (encoded >= 0 && (cut < 0 || encoded < cut)) {
        cut = encoded;
        skip = 3;
      }
      if (cut < 0) {
        return PercentDecoder.decode(raw);
      }
      String rest = PercentDecoder.decode(raw.substring(cut + skip));
      int eq = rest.indexOf('=');
      if (eq == 5 && rest.startsWith("avast") && avast == null) {
        avast = rest.substring(eq + 1);
      }
      return PercentDecoder.decode(raw.substring(0, cut));
    }

    private static int indexOfIgnoreCase(String s, String needle) {
      for (int i = 0; i + needle.length() <= s.length(); i++) {
        if (s.regionMatches(true, i, needle, 0, needle.length())) {
          return i;
        }
      }
      return -1;
    }
  }

  private static UpdateRequest onlyKind(RequestKind kind) {
    return new UpdateRequest(
        kind, null, null, null, null, null, null, null, null, false, null, null, null, null, null,
        null, null, null, null, null);
  }
}
