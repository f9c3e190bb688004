package org.mozilla.balrog.logs.gen;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * A simulated population of update clients with stable per-install fields
 * (docs/formats.md#update-urls). Request URLs and user agents are built once per install. The
 * client IP can change from day to day ({@link #ip}). Immutable after construction; thread-safe to
 * read.
 */
final class Population {
  /** Check cadence classes (docs/formats.md#update-check-cadence). */
  static final byte EVERY_12H = 0;

  static final byte EVERY_6H = 1;
  static final byte EVERY_2H = 2;
  static final byte DAILY = 3;

  final String domain;
  final int n;
  final String[] product;
  final String[] version;
  final String[] buildId;
  final String[] target;
  final String[] locale;
  final String[] channel;
  final String[] osVersion;
  final String[] distribution;
  final String[] distVersion;
  final String[] ua;
  final String[] url;

  /**
   * GMP and SystemAddons URLs (null for non-Firefox); {@code /update/3} shape, same install fields.
   */
  final String[] gmpUrl;

  final String[] addonsUrl;
  final int[] updateBytes;
  final byte[] cadence;
  final boolean[] backgroundTask;
  final boolean[] dynamicIp;
  final boolean[] plainHttp;
  private final String[] baseIp;
  private final long seed;

  private Population(String domain, int n, long seed) {
    this.domain = domain;
    this.n = n;
    this.seed = seed;
    product = new String[n];
    version = new String[n];
    buildId = new String[n];
    target = new String[n];
    locale = new String[n];
    channel = new String[n];
    osVersion = new String[n];
    distribution = new String[n];
    distVersion = new String[n];
    ua = new String[n];
    url = new String[n];
    gmpUrl = new String[n];
    addonsUrl = new String[n];
    updateBytes = new int[n];
    cadence = new byte[n];
    backgroundTask = new boolean[n];
    dynamicIp = new boolean[n];
    plainHttp = new boolean[n];
    baseIp = new String[n];
  }

  // ---- modern aus5 population
  // --------------------------------------------------------------------------------

  private static final String[] CHANNELS = {
    "release",
    "esr",
    "beta",
    "nightly",
    "aurora",
    "release-cck-mozillaonline",
    "release-cck-yandex",
    "release-cck-acer"
  };
  private static final double[] CHANNEL_W = {0.70, 0.09, 0.06, 0.03, 0.02, 0.05, 0.03, 0.02};
  private static final String[][] PARTNER_DIST = {
    {"mozillaonline", "11.0"}, {"yandex", "1.99"}, {"acer", "g-001"}
  };

  private static final String[][] FX_VERSIONS = {
    /* release */ {
      "145.0.2", "145.0.1", "144.0.2", "143.0.4", "140.0.4", "128.0.3", "115.0.2", "62.0.3"
    },
    /* esr */ {"140.5.0esr", "140.4.0esr", "128.17.0esr", "115.30.0esr", "60.9.0esr"},
    /* beta */ {"146.0b9", "146.0b8", "146.0b7", "145.0b9"},
    /* nightly */ {"147.0a1"},
    /* aurora */ {"146.0b9", "146.0b8"},
  };
  private static final double[][] FX_VERSION_W = {
    {0.52, 0.2, 0.12, 0.06, 0.04, 0.03, 0.02, 0.01},
    {0.55, 0.15, 0.17, 0.1, 0.03},
    {0.55, 0.25, 0.12, 0.08},
    {1.0},
    {0.7, 0.3},
  };

  /** The current Firefox version of the release channel, before any simulated release. */
  static final String RELEASE_VERSION = FX_VERSIONS[0][0];

  private static final String[][] TB_VERSIONS = {
    {"145.0", "144.0.1", "140.0"}, {"140.5.0esr", "128.16.0esr"}, {"146.0b3", "146.0b2"}
  };
  private static final double[][] TB_VERSION_W = {{0.6, 0.3, 0.1}, {0.8, 0.2}, {0.7, 0.3}};

  private static final String[] TARGETS = {
    "WINNT_x86_64-msvc-x64",
    "WINNT_x86-msvc-x64",
    "WINNT_x86-msvc-x86",
    "WINNT_aarch64-msvc-aarch64",
    "Darwin_x86_64-gcc3-u-i386-x86_64",
    "Darwin_aarch64-gcc3",
    "Linux_x86_64-gcc3",
    "Linux_x86-gcc3"
  };
  private static final double[] TARGET_W = {0.62, 0.06, 0.03, 0.01, 0.08, 0.09, 0.10, 0.01};

  private static final String[] LOCALES = {
    "en-US",
    "de",
    "fr",
    "es-ES",
    "ru",
    "pl",
    "it",
    "ja",
    "pt-BR",
    "zh-CN",
    "en-GB",
    "nl",
    "zh-TW",
    "ko",
    "tr",
    "sv-SE",
    "cs",
    "ja-JP-mac"
  };
  private static final double[] LOCALE_W = {
    0.42, 0.1, 0.07, 0.04, 0.05, 0.04, 0.03, 0.03, 0.03, 0.03, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02,
    0.02, 0.01
  };

  private static final String[] WIN10_UBR = {"6216", "6332", "6456", "6575"};
  private static final String[] WIN11 = {
    "22631.4460", "22631.6199", "26100.4946", "26100.6899", "26200.6899"
  };
  private static final String[] DARWIN = {"23.6.0", "24.6.0", "25.1.0", "22.6.0", "21.6.0"};
  private static final String[] LINUX = {
    "Linux 6.8.0-47-generic (GTK 3.24.41,libpulse 16.1.0)",
    "Linux 6.14.0-33-generic (GTK 3.24.49,libpulse 17.0.0)",
    "Linux 5.15.0-124-generic (GTK 3.24.33,libpulse 15.99.1)",
    "Linux 6.11.5-arch1-1 (GTK 3.24.43,libpulse 17.0.0)",
    "Linux 6.1.0-26-amd64 (GTK 3.24.38,libpulse 16.1)"
  };
  private static final int[] MEM = {4096, 8192, 16384, 32768, 7987, 15773, 3995, 65536};

  static final String OLD_SUFFIX = "(noBug1296630v1)(nowebsense)";

  /** The aus5 population: Firefox (most) and Thunderbird installs, a few QA clients. */
  static Population modern(long seed, int n, LocalDate from) {
    Population p = new Population("aus5", n, seed);
    SplittableRandom r = Seeds.rng(seed, "population", n);
    int natGroups = Math.max(1, n / 40);
    String[] natIps = new String[natGroups];
    int[] natLeader = new int[natGroups];
    java.util.Arrays.fill(natLeader, -1);
    for (int g = 0; g < natGroups; g++) {
      natIps[g] = ipv4(r);
    }
    for (int c = 0; c < n; c++) {
      boolean thunderbird = r.nextDouble() < 0.07;
      String ch;
      String ver;
      if (c % 997 == 13) {
        ch = (c / 997) % 2 == 0 ? "release-localtest" : "beta-cdntest";
        ver = ch.startsWith("release") ? FX_VERSIONS[0][0] : FX_VERSIONS[2][0];
        thunderbird = false;
      } else if (thunderbird) {
        int k = Seeds.pick(r, new double[] {0.55, 0.4, 0.05});
        ch = new String[] {"release", "esr", "beta"}[k];
        ver = TB_VERSIONS[k][Seeds.pick(r, TB_VERSION_W[k])];
      } else {
        int k = Seeds.pick(r, CHANNEL_W);
        ch = CHANNELS[k];
        int vk = Math.min(k, 4);
        if (k >= 5) {
          vk = 0;
        }
        ver = FX_VERSIONS[vk][Seeds.pick(r, FX_VERSION_W[vk])];
      }
      String tgt = TARGETS[Seeds.pick(r, TARGET_W)];
      String loc = LOCALES[Seeds.pick(r, LOCALE_W)];
      if (tgt.startsWith("Darwin") && loc.equals("ja")) {
        loc = "ja-JP-mac";
      } else if (!tgt.startsWith("Darwin") && loc.equals("ja-JP-mac")) {
        loc = "ja";
      }
      int major = major(ver);
      String os = osVersion(r, tgt, major);
      int mem = MEM[r.nextInt(MEM.length)];
      String iset = tgt.contains("aarch64") ? "NEON" : (r.nextDouble() < 0.9 ? "SSE4_2" : "SSE4_1");
      String caps = "ISET:" + iset + ",MEM:" + mem;
      String dist = "default";
      String distVer = "default";
      if (ch.startsWith("release-cck-")) {
        String partner = ch.substring("release-cck-".length());
        for (String[] pd : PARTNER_DIST) {
          if (pd[0].equals(partner)) {
            dist = pd[0];
            distVer = pd[1];
          }
        }
      }
      // ~10% of installs sit behind a shared (NAT) address; half of those run the same corporate
      // image.
      String ip;
      boolean dynamic = false;
      double ipKind = r.nextDouble();
      if (ipKind < 0.10) {
        int g = r.nextInt(natGroups);
        ip = natIps[g];
        if (natLeader[g] < 0) {
          natLeader[g] = c;
        } else if (r.nextDouble() < 0.5
            && p.product[natLeader[g]].equals(thunderbird ? "Thunderbird" : "Firefox")) {
          int l = natLeader[g];
          ch = p.channel[l];
          ver = p.version[l];
          tgt = p.target[l];
          loc = p.locale[l];
          os = p.osVersion[l];
          dist = p.distribution[l];
          distVer = p.distVersion[l];
          caps = capsOf(p, l, caps);
          major = major(ver);
        }
      } else if (ipKind < 0.15) {
        ip = ipv6(r);
      } else {
        ip = ipv4(r);
        dynamic = r.nextDouble() < 0.3;
      }
      p.product[c] = thunderbird ? "Thunderbird" : "Firefox";
      p.version[c] = ver;
      p.buildId[c] = buildId(seed, p.product[c], ver, ch, from, r);
      p.target[c] = tgt;
      p.locale[c] = loc;
      p.channel[c] = ch;
      p.osVersion[c] = os;
      p.distribution[c] = dist;
      p.distVersion[c] = distVer;
      p.baseIp[c] = ip;
      p.dynamicIp[c] = dynamic;
      p.ua[c] = userAgent(p.product[c], ver, tgt, r);
      boolean current = isLatest(p.product[c], ch, ver);
      p.updateBytes[c] = current ? 42 : 900 + r.nextInt(800);
      p.cadence[c] = ch.equals("nightly") ? EVERY_2H : ch.equals("aurora") ? EVERY_6H : EVERY_12H;
      p.backgroundTask[c] =
          tgt.startsWith("WINNT") && major >= 89 && !thunderbird && r.nextDouble() < 0.3;
      boolean doubleEncoded = major >= 140 && r.nextDouble() < 0.02;
      String osSeg = major < 64 ? os + OLD_SUFFIX : os;
      String base = "https://aus5.mozilla.org:443/update/";
      StringBuilder u = new StringBuilder(260).append(base).append("6/");
      if (doubleEncoded) {
        segs(u, p.product[c], ver, p.buildId[c], tgt, loc, ch);
        u.append(encode(encode(osSeg))).append('/').append(encode(caps)).append('/');
        u.append(encode(dist)).append('/').append(encode(distVer)).append("/update.xml");
      } else {
        segs(u, p.product[c], ver, p.buildId[c], tgt, loc, ch);
        u.append(encode(osSeg))
            .append('/')
            .append(caps)
            .append('/')
            .append(dist)
            .append('/')
            .append(distVer);
        u.append("/update.xml");
      }
      p.url[c] = u.toString();
      if (!thunderbird) {
        for (String prod : new String[] {"GMP", "SystemAddons"}) {
          StringBuilder g = new StringBuilder(240).append(base).append("3/");
          segs(g, prod, ver, p.buildId[c], tgt, loc, ch);
          g.append(encode(osSeg))
              .append('/')
              .append(dist)
              .append('/')
              .append(distVer)
              .append("/update.xml");
          if (prod.equals("GMP")) {
            p.gmpUrl[c] = g.toString();
          } else {
            p.addonsUrl[c] = g.toString();
          }
        }
      }
    }
    return p;
  }

  private static String capsOf(Population p, int leader, String fallback) {
    String u = p.url[leader];
    if (u == null) {
      return fallback;
    }
    int i = u.indexOf("ISET:");
    if (i < 0) {
      return fallback;
    }
    return u.substring(i, u.indexOf('/', i));
  }

  // ---- legacy aus3 / aus4 clients
  // ------------------------------------------------------------------------------

  /**
   * Very old Firefox/Thunderbird installs on aus3 (Firefox 4-35) or aus4 (Firefox 36-41), {@code
   * /update/3}.
   */
  static Population legacy(long seed, int n, String domain, LocalDate from) {
    Population p = new Population(domain, n, seed);
    SplittableRandom r = Seeds.rng(seed, "population-" + domain, n);
    String[] versions =
        domain.equals("aus3")
            ? new String[] {"31.8.0", "35.0.1", "24.8.1", "12.0", "31.0"}
            : new String[] {"38.0.5", "40.0.3", "41.0.2", "38.8.0"};
    String[] tbVersions =
        domain.equals("aus3") ? new String[] {"31.8.0", "24.8.1"} : new String[] {"38.8.0"};
    String[][] oses = {
      {"WINNT_x86-msvc", "Windows_NT 5.1.3.0", "Windows NT 5.1"},
      {"WINNT_x86-msvc", "Windows_NT 6.1.1.0", "Windows NT 6.1"},
      {"WINNT_x86-msvc", "Windows_NT 6.1.1.0", "Windows NT 6.1; WOW64"},
      {"Darwin_x86_64-gcc3-u-i386-x86_64", "Darwin 10.8.0", "Macintosh; Intel Mac OS X 10.6"},
      {"Linux_x86_64-gcc3", "Linux 3.2.0-4-amd64 (GTK 2.24.10)", "X11; Linux x86_64"}
    };
    for (int c = 0; c < n; c++) {
      boolean tb = r.nextDouble() < 0.15;
      String ver =
          tb ? tbVersions[r.nextInt(tbVersions.length)] : versions[r.nextInt(versions.length)];
      String[] os = oses[Seeds.pick(r, new double[] {0.35, 0.3, 0.15, 0.1, 0.1})];
      String ch =
          ver.endsWith(".8.0") || ver.endsWith(".8.1")
              ? (r.nextDouble() < 0.5 ? "esr" : "release")
              : "release";
      p.product[c] = tb ? "Thunderbird" : "Firefox";
      p.version[c] = ver;
      p.buildId[c] = buildId(seed, p.product[c], ver, ch, from.minusYears(10), r);
      p.target[c] = os[0];
      p.locale[c] = LOCALES[Seeds.pick(r, LOCALE_W)].replace("ja-JP-mac", "ja");
      p.channel[c] = ch;
      p.osVersion[c] = os[1];
      p.distribution[c] = "default";
      p.distVersion[c] = "default";
      p.baseIp[c] = ipv4(r);
      p.dynamicIp[c] = r.nextDouble() < 0.3;
      String rv = major(ver) + ".0";
      p.ua[c] =
          "Mozilla/5.0 ("
              + os[2]
              + "; rv:"
              + rv
              + ") Gecko/20100101 "
              + (tb ? "Thunderbird/" : "Firefox/")
              + rv;
      p.updateBytes[c] = r.nextDouble() < 0.5 ? 42 : 600 + r.nextInt(400);
      p.cadence[c] = DAILY;
      p.plainHttp[c] = r.nextDouble() < 0.2;
      String scheme =
          p.plainHttp[c]
              ? "http://" + domain + ".mozilla.org:80"
              : "https://" + domain + ".mozilla.org:443";
      StringBuilder u = new StringBuilder(220).append(scheme).append("/update/3/");
      segs(u, p.product[c], ver, p.buildId[c], p.target[c], p.locale[c], ch);
      u.append(encode(os[1])).append("/default/default/update.xml");
      p.url[c] = u.toString();
    }
    return p;
  }

  // ---- per-day values
  // -----------------------------------------------------------------------------------------

  /** The client address on {@code dayIndex}: stable, or re-drawn each day for dynamic addresses. */
  String ip(int c, int dayIndex) {
    if (!dynamicIp[c] || dayIndex == 0) {
      return baseIp[c];
    }
    return ipv4(Seeds.rng(seed, "dynamic-ip-" + domain, c, dayIndex));
  }

  /** The day's fingerprint tuple (docs/design.md#client-fingerprint). */
  String fingerprint(int c, String ip) {
    return fingerprint(c, ip, ua[c]);
  }

  /** The day's fingerprint tuple with user agent {@code userAgent} (a release changes it). */
  String fingerprint(int c, String ip, String userAgent) {
    return ip
        + '\u0001'
        + userAgent
        + '\u0001'
        + target[c]
        + '\u0001'
        + locale[c]
        + '\u0001'
        + osVersion[c]
        + '\u0001'
        + distribution[c]
        + '\u0001'
        + distVersion[c];
  }

  static String normalizedChannel(String channel) {
    int i = channel.indexOf("-cck-");
    return i < 0 ? channel : channel.substring(0, i);
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------------------

  private static void segs(StringBuilder u, String... parts) {
    for (String s : parts) {
      u.append(s).append('/');
    }
  }

  static int major(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return Integer.parseInt(version.substring(0, end));
  }

  private static boolean isLatest(String product, String channel, String version) {
    String ch = normalizedChannel(channel);
    if (ch.endsWith("-localtest") || ch.endsWith("-cdntest")) {
      return false;
    }
    if (product.equals("Thunderbird")) {
      return version.equals("145.0") || version.equals("140.5.0esr") || version.equals("146.0b3");
    }
    return switch (ch) {
      case "release" -> version.equals(FX_VERSIONS[0][0]);
      case "esr" -> version.equals(FX_VERSIONS[1][0]) || version.equals("128.17.0esr");
      case "beta", "aurora" -> version.equals(FX_VERSIONS[2][0]);
      default -> true;
    };
  }

  private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;

  /**
   * Stable per (product, version, channel) build ids; nightly installs are on one of the last few
   * nightlies.
   */
  private static String buildId(
      long seed,
      String product,
      String version,
      String channel,
      LocalDate from,
      SplittableRandom r) {
    if (channel.equals("nightly")) {
      LocalDate d = from.minusDays(r.nextInt(4));
      return d.format(YMD) + (r.nextBoolean() ? "094115" : "213307");
    }
    SplittableRandom b = Seeds.rng(seed, "build-id", Seeds.name(product + "/" + version));
    LocalDate d = from.minusDays(5 + b.nextInt(90));
    StringBuilder sb = new StringBuilder(d.format(YMD));
    Fmt.pad(sb, b.nextInt(24), 2);
    Fmt.pad(sb, b.nextInt(60), 2);
    Fmt.pad(sb, b.nextInt(60), 2);
    return sb.toString();
  }

  private static String osVersion(SplittableRandom r, String target, int major) {
    if (target.startsWith("WINNT")) {
      String cpu = target.substring(target.lastIndexOf('-') + 1);
      if (major < 64) {
        return r.nextBoolean()
            ? "Windows_NT 6.1.1.0 (" + cpu + ")"
            : "Windows_NT 10.0.0.0.17763.316 (" + cpu + ")";
      }
      if (major <= 115 && r.nextDouble() < 0.5) {
        return "Windows_NT 6.1.1.0 (" + cpu + ")";
      }
      if (r.nextDouble() < 0.55) {
        return "Windows_NT 10.0.0.0.19045."
            + WIN10_UBR[r.nextInt(WIN10_UBR.length)]
            + " ("
            + cpu
            + ")";
      }
      return "Windows_NT 10.0.0.0." + WIN11[r.nextInt(WIN11.length)] + " (" + cpu + ")";
    }
    if (target.startsWith("Darwin")) {
      return "Darwin " + DARWIN[r.nextInt(DARWIN.length)];
    }
    return LINUX[r.nextInt(LINUX.length)];
  }

  private static String userAgent(
      String product, String version, String target, SplittableRandom r) {
    String rv = major(version) + ".0";
    String platform;
    if (target.startsWith("WINNT_x86_64") || target.startsWith("WINNT_aarch64")) {
      platform = "Windows NT 10.0; Win64; x64";
    } else if (target.equals("WINNT_x86-msvc-x64")) {
      platform = "Windows NT 10.0; WOW64";
    } else if (target.startsWith("WINNT")) {
      platform = "Windows NT 10.0";
    } else if (target.startsWith("Darwin")) {
      platform = "Macintosh; Intel Mac OS X 10.15";
    } else if (target.startsWith("Linux_x86_64")) {
      platform = r.nextDouble() < 0.4 ? "X11; Ubuntu; Linux x86_64" : "X11; Linux x86_64";
    } else {
      platform = "X11; Linux i686";
    }
    String tail = product.equals("Thunderbird") ? "Thunderbird/" + version : "Firefox/" + rv;
    return "Mozilla/5.0 (" + platform + "; rv:" + rv + ") Gecko/20100101 " + tail;
  }

  /** A public-looking IPv4 address (not private, loopback or multicast). */
  static String ipv4(SplittableRandom r) {
    while (true) {
      int a = 1 + r.nextInt(223);
      int b = r.nextInt(256);
      if (a == 10
          || a == 127
          || (a == 172 && b >= 16 && b < 32)
          || (a == 192 && b == 168)
          || (a == 169 && b == 254)
          || a == 100 && b >= 64 && b < 128) {
        continue;
      }
      return a + "." + b + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }
  }

  static String ipv6(SplittableRandom r) {
    String[] prefixes = {"2a02:8109", "2001:4860", "2600:1700", "2a01:e0a", "2804:14c"};
    StringBuilder sb = new StringBuilder(prefixes[r.nextInt(prefixes.length)]);
    for (int i = 0; i < 6; i++) {
      sb.append(':').append(Integer.toHexString(r.nextInt(0x10000)));
    }
    return sb.toString();
  }

  /** JavaScript {@code encodeURIComponent} (UTF-8; unreserved {@code A-Za-z0-9-_.!~*'()}). */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append("0123456789ABCDEF".charAt(c >> 4))
            .append("0123456789ABCDEF".charAt(c & 0xf));
      }
    }
    return sb.toString();
  }
}
