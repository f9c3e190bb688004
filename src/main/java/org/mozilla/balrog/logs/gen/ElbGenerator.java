package org.mozilla.balrog.logs.gen;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * Classic ELB access logs of one update domain (aus3, aus4, aus5). A day is first scheduled (every
 * request's time, client and kind, bucketed by 5-minute interval) on the driver thread; then each
 * interval's two node files are written by an independent task whose random stream depends only on
 * (seed, source, day, interval), so the bytes do not depend on thread scheduling.
 */
final class ElbGenerator {
  static final String ACCOUNT = "361527076523";
  static final String REGION = "us-west-2";
  static final long BUCKET_US = 300_000_000L;
  static final int BUCKETS = 288;
  static final String[] WEB_IPS = {"10.0.4.21", "10.0.4.22", "10.0.4.23", "10.0.4.24"};

  static final int K_UPDATE = 0;
  static final int K_FORCE = 1;
  static final int K_GMP = 2;
  static final int K_ADDONS = 3;
  static final int K_DOCKERFLOW = 4;
  static final int K_JUNK = 5;
  static final int K_TCP = 6;

  /** Client request groups a day's ground truth counts apart: product, GMP, system add-ons. */
  private static final int GROUPS = 3;

  private static final String[][] JUNK = {
    {"GET", "/robots.txt", "200", "26"},
    {"GET", "/", "404", "232"},
    {"GET", "/wp-login.php", "404", "232"},
    {"GET", "/.env", "404", "232"},
    {"POST", "/", "405", "178"},
    {"GET", "/contribute.json", "200", "1342"},
    {"GET", "/search?q=firefox update", "404", "232"},
    {"GET", "/Firefox Setup 145.0.exe", "404", "232"},
    {"GET", "/cgi-bin/luci/;stok=/locale?form=country", "404", "232"},
    {"GET", "/.git/config", "404", "232"},
  };
  private static final String[] JUNK_UA = {
    "Mozilla/5.0 zgrab/0.x",
    "python-requests/2.32.3",
    "curl/8.5.0",
    null,
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)"
  };
  private static final String[] PROBE_IPS = {"52.89.12.7", "35.161.20.4", "54.70.221.9"};

  final LogSource source;
  final String domain;
  final String lbName;
  final String[] nodeIps;
  final Population pop;
  final ReleaseRollout rollout;
  final DeployPlan plan;
  final GeneratorConfig cfg;
  private final ElbLineFormatter fmt = new ElbLineFormatter();

  /** The domain of {@code pop}, whose installs move to new releases as {@code rollout} says. */
  ElbGenerator(
      LogSource source,
      Population pop,
      ReleaseRollout rollout,
      DeployPlan plan,
      GeneratorConfig cfg) {
    this.source = source;
    this.pop = pop;
    this.rollout = rollout;
    this.plan = plan;
    this.cfg = cfg;
    this.domain = pop.domain;
    this.lbName = domain + "-prod";
    SplittableRandom r = Seeds.rng(cfg.seed(), "lb-nodes-" + domain);
    this.nodeIps =
        new String[] {"10.0.1." + (10 + r.nextInt(240)), "10.0.2." + (10 + r.nextInt(240))};
  }

  /** One day's requests, bucketed; {@code ips} holds each active client's address that day. */
  static final class DaySchedule {
    final int dayIndex;
    final long dayStartUs;
    final long[][] buckets = new long[BUCKETS][];
    final int[] sizes = new int[BUCKETS];
    final String[] ips;

    DaySchedule(int dayIndex, long dayStartUs, int clients) {
      this.dayIndex = dayIndex;
      this.dayStartUs = dayStartUs;
      this.ips = new String[clients];
      for (int b = 0; b < BUCKETS; b++) {
        buckets[b] = new long[16];
      }
    }

    void add(long offsetInDayUs, int client, int kind, int node) {
      int b = (int) (offsetInDayUs / BUCKET_US);
      long key =
          ((offsetInDayUs % BUCKET_US) << 34) | ((long) client << 6) | ((long) kind << 1) | node;
      if (sizes[b] == buckets[b].length) {
        buckets[b] = Arrays.copyOf(buckets[b], buckets[b].length * 2);
      }
      buckets[b][sizes[b]++] = key;
    }

    /** Update-domain requests (update checks, GMP, system add-ons) per 5-minute interval. */
    int[] updatesPerBucket() {
      int[] out = new int[BUCKETS];
      for (int b = 0; b < BUCKETS; b++) {
        for (int i = 0; i < sizes[b]; i++) {
          if ((int) ((buckets[b][i] >>> 1) & 31) <= K_ADDONS) {
            out[b]++;
          }
        }
      }
      return out;
    }

    long total() {
      long t = 0;
      for (int s : sizes) {
        t += s;
      }
      return t;
    }
  }

  /** Schedules day {@code dayIndex} and records the population ground truth into {@code tally}. */
  DaySchedule schedule(int dayIndex, Tally tally) {
    LocalDate date = cfg.from().plusDays(dayIndex);
    DaySchedule s = new DaySchedule(dayIndex, date.toEpochDay() * 86_400_000_000L, pop.n);
    long clientPurpose = Seeds.name("client-day-" + domain);
    double scale = cfg.scale();
    long day = 86_400_000_000L;
    boolean modern = domain.equals("aus5");
    long clientEvents = 0;
    // per stage (ReleaseRollout): product, GMP and system add-on requests of the client
    int[] counts = new int[GROUPS * rollout.stages()];
    for (int c = 0; c < pop.n; c++) {
      SplittableRandom r = new SplittableRandom(Seeds.of(cfg.seed(), clientPurpose, c, dayIndex));
      if (r.nextDouble() >= (modern ? 0.85 : 0.7)) {
        continue;
      }
      int main;
      long interval;
      switch (pop.cadence[c]) {
        case Population.EVERY_2H -> {
          main = 1 + r.nextInt(12);
          interval = 7200;
        }
        case Population.EVERY_6H -> {
          main = 1 + r.nextInt(4);
          interval = 21600;
        }
        case Population.EVERY_12H -> {
          main = r.nextDouble() < 0.45 ? 2 : 1;
          interval = 43200;
        }
        default -> {
          main = 1;
          interval = 86400;
        }
      }
      int bg = pop.backgroundTask[c] ? r.nextInt(4) : 0;
      boolean fx = pop.gmpUrl[c] != null;
      int gmp = fx && r.nextDouble() < 0.6 ? 1 : 0;
      int addons = fx && r.nextDouble() < 0.55 ? 1 : 0;
      if (scale != 1.0) {
        main = Seeds.stochasticRound(r, main * scale);
        bg = Seeds.stochasticRound(r, bg * scale);
        gmp = Seeds.stochasticRound(r, gmp * scale);
        addons = Seeds.stochasticRound(r, addons * scale);
      }
      if (main + bg + gmp + addons == 0) {
        continue;
      }
      String ip = pop.ip(c, dayIndex);
      s.ips[c] = ip;
      long iv = interval * 1_000_000L;
      if (main > 1 && (main - 1) * iv < day) {
        long start = r.nextLong(day - (main - 1) * iv);
        for (int k = 0; k < main; k++) {
          long t = start + k * iv + r.nextLong(180_000_000L) - 90_000_000L;
          t = Math.max(0, Math.min(day - 1, t));
          add(s, counts, t, c, r.nextDouble() < 0.03 ? K_FORCE : K_UPDATE, r.nextInt(2));
        }
      } else {
        for (int k = 0; k < main; k++) {
          add(
              s,
              counts,
              r.nextLong(day),
              c,
              r.nextDouble() < 0.03 ? K_FORCE : K_UPDATE,
              r.nextInt(2));
        }
      }
      // the Windows background update task checks every 7 h while the browser is closed
      long bgStart = r.nextLong(7 * 3_600_000_000L);
      for (int k = 0; k < bg; k++) {
        long t = bgStart + k * 7 * 3_600_000_000L + r.nextLong(120_000_000L);
        add(s, counts, t < day ? t : r.nextLong(day), c, K_UPDATE, r.nextInt(2));
      }
      for (int k = 0; k < gmp; k++) {
        add(s, counts, r.nextLong(day), c, K_GMP, r.nextInt(2));
      }
      for (int k = 0; k < addons; k++) {
        add(s, counts, r.nextLong(day), c, K_ADDONS, r.nextInt(2));
      }
      clientEvents += main + bg + gmp + addons;
      for (int stage = 0; stage < rollout.stages(); stage++) {
        String fp = rollout.fingerprint(c, ip, stage);
        String version = rollout.version(c, stage);
        count(tally, date, pop.product[c], version, c, counts[GROUPS * stage], fp);
        count(tally, date, "GMP", version, c, counts[GROUPS * stage + 1], fp);
        count(tally, date, "SystemAddons", version, c, counts[GROUPS * stage + 2], fp);
      }
      Arrays.fill(counts, 0);
    }
    if (modern) {
      SplittableRandom r = Seeds.rng(cfg.seed(), "elb-background-" + domain, dayIndex);
      // Dockerflow probes: lbheartbeat every ~5 s, heartbeat every ~30 s, version every ~5 min.
      long[] periods = {5_000_000L, 30_000_000L, 300_000_000L};
      for (int sub = 0; sub < periods.length; sub++) {
        for (long t = r.nextLong(periods[sub]);
            t < day;
            t += periods[sub] - 500_000L + r.nextLong(1_000_000L)) {
          s.add(t, sub, K_DOCKERFLOW, r.nextInt(2));
        }
      }
      long junk = 24 + clientEvents / 300;
      for (long k = 0; k < junk; k++) {
        s.add(r.nextLong(day), r.nextInt(1 << 20), K_JUNK, r.nextInt(2));
      }
      long tcp = 4 + clientEvents / 3000;
      for (long k = 0; k < tcp; k++) {
        s.add(r.nextLong(day), r.nextInt(1 << 20), K_TCP, r.nextInt(2));
      }
    }
    return s;
  }

  /**
   * Schedules a client request at {@code offsetInDayUs} and counts it in {@code counts} under the
   * client's stage and request group.
   */
  private void add(DaySchedule s, int[] counts, long offsetInDayUs, int c, int kind, int node) {
    s.add(offsetInDayUs, c, kind, node);
    int group = kind == K_GMP ? 1 : kind == K_ADDONS ? 2 : 0;
    counts[GROUPS * rollout.stage(c, s.dayStartUs + offsetInDayUs) + group]++;
  }

  private void count(
      Tally tally, LocalDate date, String product, String version, int c, int requests, String fp) {
    if (requests <= 0) {
      return;
    }
    Tally.PopCell cell =
        tally.cell(new Tally.PopKey(date, domain, product, version, pop.channel[c]));
    cell.clients++;
    cell.requests += requests;
    cell.fingerprints.add(fp);
  }

  /** Schedules and writes a whole day on the calling thread (the small legacy domains). */
  Tally writeDay(int dayIndex) {
    Tally tally = new Tally();
    DaySchedule s = schedule(dayIndex, tally);
    for (int b = 0; b < BUCKETS; b++) {
      tally.merge(writeBucket(s, b, malformedPlan(cfg, domain, dayIndex, b)));
    }
    return tally;
  }

  /**
   * Writes interval {@code b} of the scheduled day (up to one file per LB node) and returns its
   * tally.
   */
  Tally writeBucket(DaySchedule s, int b, List<String> malformedKinds) {
    Tally tally = new Tally();
    long[] ev = s.buckets[b];
    int len = s.sizes[b];
    Arrays.sort(ev, 0, len);
    long bucketStart = s.dayStartUs + b * BUCKET_US;
    long end = bucketStart + BUCKET_US;
    LocalDate entryDate = LocalDate.ofEpochDay(Math.floorDiv(bucketStart, 86_400_000_000L));
    SplittableRandom r = Seeds.rng(cfg.seed(), "elb-bucket-" + domain, s.dayIndex, b);
    LineSink[] sinks = new LineSink[2];
    long[] hour = new long[Tally.HOURLY_NAMES.length];
    StringBuilder sb = new StringBuilder(512);
    int malformedAt = malformedKinds.isEmpty() ? -1 : len / 2;
    long rows = 0;
    try {
      if (len == 0 && malformedAt == 0) {
        writeMalformed(tally, sink(sinks, 0, s, b, end), malformedKinds, null, r);
      }
      for (int i = 0; i < len; i++) {
        long key = ev[i];
        long t = bucketStart + (key >>> 34);
        int client = (int) ((key >>> 6) & ((1 << 28) - 1));
        int kind = (int) ((key >>> 1) & 31);
        int node = (int) (key & 1);
        ElbEntry e = entry(t, client, kind, s, r, hour);
        sb.setLength(0);
        fmt.append(sb, e);
        LineSink sink = sink(sinks, node, s, b, end);
        if (i == malformedAt) {
          writeMalformed(tally, sink, malformedKinds, sb.toString(), r);
        }
        sink.line(sb);
        rows++;
      }
    } finally {
      for (LineSink k : sinks) {
        if (k != null) {
          k.close();
          tally.file(k);
        }
      }
    }
    tally.rows(source, entryDate, rows);
    long[] h = tally.hour(domain, Math.floorDiv(bucketStart, 3_600_000_000L) * 3600L);
    for (int i = 0; i < h.length; i++) {
      h[i] += hour[i];
    }
    return tally;
  }

  private LineSink sink(LineSink[] sinks, int node, DaySchedule s, int b, long endUs) {
    if (sinks[node] == null) {
      SplittableRandom fr = Seeds.rng(cfg.seed(), "elb-file-" + domain, s.dayIndex, b, node);
      long endSec = endUs / 1_000_000L;
      LocalDate folder = LocalDate.ofEpochDay(Math.floorDiv(endSec, 86400L));
      StringBuilder name = new StringBuilder(160);
      name.append("elb/")
          .append(domain)
          .append("/AWSLogs/")
          .append(ACCOUNT)
          .append("/elasticloadbalancing/")
          .append(REGION)
          .append('/');
      folderPath(name, folder);
      name.append(ACCOUNT)
          .append("_elasticloadbalancing_")
          .append(REGION)
          .append('_')
          .append(lbName)
          .append('_');
      endTime(name, endSec);
      name.append('_').append(nodeIps[node]).append('_').append(Seeds.alnum(fr, 8)).append(".log");
      if (cfg.gzip()) {
        name.append(".gz");
      }
      sinks[node] = new LineSink(cfg.out(), name.toString(), cfg.gzip(), source, folder);
    }
    return sinks[node];
  }

  static void folderPath(StringBuilder sb, LocalDate d) {
    Fmt.pad(sb, d.getYear(), 4);
    sb.append('/');
    Fmt.pad(sb, d.getMonthValue(), 2);
    sb.append('/');
    Fmt.pad(sb, d.getDayOfMonth(), 2);
    sb.append('/');
  }

  /** {@code YYYYMMDDTHHMMZ}. */
  static void endTime(StringBuilder sb, long epochSecond) {
    int[] c = Fmt.civil(Math.floorDiv(epochSecond, 86400L));
    int sod = (int) Math.floorMod(epochSecond, 86400L);
    Fmt.pad(sb, c[0], 4);
    Fmt.pad(sb, c[1], 2);
    Fmt.pad(sb, c[2], 2);
    sb.append('T');
    Fmt.pad(sb, sod / 3600, 2);
    Fmt.pad(sb, sod / 60 % 60, 2);
    sb.append('Z');
  }

  private ElbEntry entry(
      long t, int client, int kind, DaySchedule s, SplittableRandom r, long[] hour) {
    String ts = Fmt.isoMicros(t);
    String verb = "GET";
    String url;
    String ua;
    String ip;
    int okStatus = 200;
    long okBytes;
    boolean update = kind <= K_ADDONS;
    switch (kind) {
      case K_UPDATE, K_FORCE, K_GMP, K_ADDONS -> {
        ip = s.ips[client];
        int stage = rollout.stage(client, t);
        ua = rollout.userAgent(client, stage);
        if (kind == K_UPDATE) {
          url = rollout.url(pop.url[client], client, stage);
          okBytes = rollout.updateBytes(client, stage);
        } else if (kind == K_FORCE) {
          url = rollout.url(pop.url[client], client, stage) + "?force=1";
          okBytes = rollout.updateBytes(client, stage);
        } else if (kind == K_GMP) {
          url = rollout.url(pop.gmpUrl[client], client, stage);
          okBytes = 1100 + client % 300;
        } else {
          url = rollout.url(pop.addonsUrl[client], client, stage);
          okBytes = client % 5 == 0 ? 366 : 42;
        }
      }
      case K_DOCKERFLOW -> {
        ip = PROBE_IPS[client % PROBE_IPS.length];
        String base = "https://" + domain + ".mozilla.org:443";
        if (client == 0) {
          url = base + "/__lbheartbeat__";
          okBytes = 3;
          ua = "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)";
        } else if (client == 1) {
          url = base + "/__heartbeat__";
          okBytes = 4;
          ua = "Mozilla/5.0 (compatible; Datadog/Synthetics)";
        } else {
          url = base + "/__version__";
          okBytes = 187 + 2 * (plan.version("web", t) % 4);
          ua = "curl/8.5.0";
        }
      }
      case K_JUNK -> {
        String[] j = JUNK[client % JUNK.length];
        ip = Population.ipv4(r);
        verb = j[0];
        url = "https://" + domain + ".mozilla.org:443" + j[1];
        okStatus = Integer.parseInt(j[2]);
        okBytes = Long.parseLong(j[3]);
        ua = JUNK_UA[(client / JUNK.length) % JUNK_UA.length];
      }
      default -> {
        // TCP listener entry: "- - - " "-" - -
        int h = r.nextInt(WEB_IPS.length);
        hour[Tally.REQUESTS]++;
        return new ElbEntry(
            ts,
            Fmt.instant(t),
            lbName,
            Population.ipv4(r),
            1024 + r.nextInt(64000),
            WEB_IPS[h],
            8000,
            (800 + r.nextInt(900)) / 1e6,
            (20 + r.nextInt(30)) / 1e6,
            (30 + r.nextInt(30)) / 1e6,
            null,
            null,
            60 + r.nextInt(60),
            200 + r.nextInt(300),
            null,
            null,
            null,
            null,
            null,
            null,
            null);
      }
    }
    int port = 1024 + r.nextInt(64000);
    int h = r.nextInt(WEB_IPS.length);
    boolean plain = update && pop.plainHttp[client];
    String cipher =
        plain
            ? null
            : r.nextDouble() < 0.85 ? "ECDHE-RSA-AES128-GCM-SHA256" : "ECDHE-RSA-AES256-GCM-SHA384";
    String proto = plain ? null : "TLSv1.2";
    if (!plain && !domain.equals("aus5") && r.nextDouble() < 0.5) {
      cipher = "ECDHE-RSA-AES128-SHA";
      proto = "TLSv1";
    }
    boolean dockerflow = kind == K_DOCKERFLOW;
    Integer elbStatus;
    Integer backendStatus;
    long sent;
    double rpt;
    double bpt;
    double crt;
    String backendIp = WEB_IPS[h];
    Integer backendPort = 8000;
    boolean lb = false;
    if (plan.down("web", h, t)
        || (!dockerflow && plan.rollout("web", t) && r.nextDouble() < 0.08)) {
      lb = true;
      elbStatus = plan.down("web", h, t) ? 502 : 503;
    } else if (!dockerflow && r.nextDouble() < 0.0002) {
      lb = true;
      elbStatus = 504;
    } else {
      elbStatus = okStatus;
    }
    if (lb) {
      backendStatus = null;
      backendIp = null;
      backendPort = null;
      rpt = -1;
      bpt = -1;
      crt = -1;
      sent = 0;
    } else {
      // the running build's effect (regression, minor change) on update requests
      DeploySpec.Effect effect = update ? plan.effect("web", t) : DeploySpec.Effect.NONE;
      int backendMicros = 1500 + r.nextInt(4000) + (r.nextDouble() < 0.05 ? r.nextInt(60_000) : 0);
      rpt = (20 + r.nextInt(40)) / 1e6;
      bpt = Math.round(backendMicros * effect.latencyFactor()) / 1e6;
      crt = (15 + r.nextInt(30)) / 1e6;
      double extra = effect.errorRate();
      if (update && ((extra > 0 && r.nextDouble() < extra) || r.nextDouble() < 0.0003)) {
        elbStatus = 500;
        sent = 265;
      } else {
        sent = okBytes;
      }
      backendStatus = elbStatus;
    }
    if (dockerflow) {
      hour[Tally.DOCKERFLOW]++;
    } else {
      hour[Tally.REQUESTS]++;
      boolean s5 = elbStatus >= 500;
      if (s5) {
        hour[Tally.S5XX]++;
        if (lb) {
          hour[Tally.LB_5XX]++;
        } else {
          hour[Tally.BACKEND_5XX]++;
        }
      }
      if (update) {
        hour[Tally.UPDATE]++;
        if (s5) {
          hour[Tally.UPDATE_5XX]++;
        }
      }
    }
    return new ElbEntry(
        ts,
        Fmt.instant(t),
        lbName,
        ip,
        port,
        backendIp,
        backendPort,
        rpt,
        bpt,
        crt,
        elbStatus,
        backendStatus,
        0,
        sent,
        verb,
        url,
        "HTTP/1.1",
        ua,
        cipher,
        proto,
        null);
  }

  /** Malformed lines (not rows): truncated, binary garbage, an unclosed quote, blank. */
  static void writeMalformed(
      Tally tally, LineSink sink, List<String> kinds, String sample, SplittableRandom r) {
    for (String kind : kinds) {
      switch (kind) {
        case "truncated" -> {
          String s = sample == null ? "2026-01-01T00:00:00.000000Z lb 1.2.3.4:5 - -1" : sample;
          // nginx error lines stay valid when the message is cut, so cut those inside the timestamp
          int cut = s.matches("^\\d{4}/\\d{2}/\\d{2} .*") ? 15 : nthIndex(s, ' ', 8);
          sink.line(s.substring(0, cut > 0 ? cut : Math.max(1, s.length() / 4)));
        }
        case "binary" -> sink.rawLine(garbage(r));
        case "unclosed_quote" -> {
          String s =
              sample == null
                  ? "2026-01-01T00:00:00.000000Z lb 1.2.3.4:5 - -1 -1 -1 503 - 0 0 \"GET /x"
                      + " HTTP/1.1\" \"-\" - -"
                  : sample;
          int q = s.indexOf("\" \"");
          if (q > 0) {
            sink.line(s.substring(0, q) + s.substring(q + 1));
          } else {
            int open = s.indexOf('"');
            sink.line(
                open >= 0
                    ? s.substring(0, Math.min(s.length() - 1, open + 10))
                    : s + ", request: \"GET /api/");
          }
        }
        case "blank" -> sink.line("");
        default -> throw new IllegalArgumentException(kind);
      }
      tally.malformed(sink, kind);
    }
  }

  static int nthIndex(String s, char c, int n) {
    int at = -1;
    for (int k = 0; k < n; k++) {
      at = s.indexOf(c, at + 1);
      if (at < 0) {
        return -1;
      }
    }
    return at;
  }

  /** 40-120 random bytes without CR/LF, starting with a control byte so no format can match. */
  static byte[] garbage(SplittableRandom r) {
    byte[] b = new byte[40 + r.nextInt(80)];
    for (int i = 0; i < b.length; i++) {
      int v;
      do {
        v = r.nextInt(256);
      } while (v == '\n' || v == '\r');
      b[i] = (byte) v;
    }
    b[0] = 0x01;
    return b;
  }

  /**
   * The malformed kinds to write into interval {@code b} of a day (two intervals get two kinds
   * each).
   */
  static List<String> malformedPlan(GeneratorConfig cfg, String purpose, int dayIndex, int b) {
    if (cfg.clean()) {
      return List.of();
    }
    SplittableRandom r = Seeds.rng(cfg.seed(), "malformed-" + purpose, dayIndex);
    int b1 = 12 + r.nextInt(100);
    int b2 = 150 + r.nextInt(120);
    if (b == b1) {
      return List.of("truncated", "binary");
    }
    if (b == b2) {
      return List.of("unclosed_quote", "blank");
    }
    return List.of();
  }
}
