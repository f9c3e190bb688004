package org.mozilla.balrog.logs.gen;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mozilla.balrog.logs.model.AlbFields;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * ALB access logs of aus-api.mozilla.org, the read-only public API (always gzip, as ALB writes
 * them).
 */
final class AlbGenerator {
  static final String LB = "aus-api-prod";
  static final String LB_ID = "50dc6c495c0c9188";
  private static final String TG =
      "arn:aws:elasticloadbalancing:us-west-2:361527076523:targetgroup/balrog-api/73e2d6bc24d8a067";
  private static final String CERT =
      "arn:aws:acm:us-west-2:361527076523:certificate/6a1c2f0e-3b7d-4e1a-9d55-0c8f2b7e4a11";
  private static final String[] PATHS = {
    "/api/v1/rules",
    "/api/v1/rules/firefox-release",
    "/api/v1/rules/firefox-beta",
    "/api/v1/rules/firefox-nightly",
    "/api/v1/rules/%d/revisions",
    "/api/v1/releases?product=Firefox&name_prefix=Firefox-145",
    "/api/v1/releases/Firefox-145.0.2-build1",
    "/api/v1/releases/Firefox-146.0b9-build1/builds/WINNT_x86_64-msvc-x64/en-US",
    "/api/v1/releases/Thunderbird-145.0-build2",
    "/api/v1/emergency_shutoff",
    "/api/v1/pins/Firefox/release/140.",
    "/api/v1/releases/Firefox-999.0-build1",
  };
  private static final double[] PATH_W = {
    0.15, 0.2, 0.08, 0.08, 0.04, 0.1, 0.15, 0.08, 0.04, 0.04, 0.02, 0.02
  };
  private static final String[] UAS = {
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0",
    "Go-http-client/2.0",
    "taskcluster-worker/update-verify"
  };

  private final GeneratorConfig cfg;
  private final DeployPlan plan;
  private final String[] nodeIps;
  private final ElbLineFormatter fmt = new ElbLineFormatter();

  AlbGenerator(GeneratorConfig cfg, DeployPlan plan) {
    this.cfg = cfg;
    this.plan = plan;
    SplittableRandom r = Seeds.rng(cfg.seed(), "lb-nodes-aus-api");
    this.nodeIps =
        new String[] {"10.0.3." + (10 + r.nextInt(240)), "10.0.8." + (10 + r.nextInt(240))};
  }

  Tally writeDay(int dayIndex) {
    Tally tally = new Tally();
    LocalDate date = cfg.from().plusDays(dayIndex);
    long dayStart = date.toEpochDay() * 86_400_000_000L;
    SplittableRandom r = Seeds.rng(cfg.seed(), "alb-day", dayIndex);
    int n = 700 + Math.min(cfg.clients(), 200_000) / 20 + r.nextInt(200);
    long[] times = new long[n + 288];
    int k = 0;
    for (int i = 0; i < n; i++) {
      times[k++] = dayStart + r.nextLong(86_400_000_000L);
    }
    // An external monitor polls the heartbeat every 5 minutes.
    for (int b = 0; b < 288; b++) {
      times[k++] = dayStart + b * ElbGenerator.BUCKET_US + 60_000_000L + r.nextLong(1_000_000L);
    }
    Arrays.sort(times, 0, k);
    int idx = 0;
    StringBuilder sb = new StringBuilder(900);
    for (int b = 0; b < ElbGenerator.BUCKETS; b++) {
      long bucketStart = dayStart + b * ElbGenerator.BUCKET_US;
      long end = bucketStart + ElbGenerator.BUCKET_US;
      List<String> bad = ElbGenerator.malformedPlan(cfg, "aus-api", dayIndex, b);
      LineSink[] sinks = new LineSink[2];
      SplittableRandom br = Seeds.rng(cfg.seed(), "alb-bucket", dayIndex, b);
      long[] hour = tally.hour("aus_api", Math.floorDiv(bucketStart, 3_600_000_000L) * 3600L);
      int first = idx;
      while (idx < k && times[idx] < end) {
        idx++;
      }
      int count = idx - first;
      int badAt = bad.isEmpty() ? -1 : count / 2;
      try {
        if (count == 0 && badAt == 0) {
          ElbGenerator.writeMalformed(tally, sink(sinks, 0, dayIndex, b, end), bad, null, br);
        }
        for (int i = first; i < idx; i++) {
          ElbEntry e = entry(times[i], end, br, hour);
          sb.setLength(0);
          fmt.append(sb, e);
          LineSink s = sink(sinks, br.nextInt(2), dayIndex, b, end);
          if (i - first == badAt) {
            ElbGenerator.writeMalformed(tally, s, bad, sb.toString(), br);
          }
          s.line(sb);
        }
      } finally {
        for (LineSink s : sinks) {
          if (s != null) {
            s.close();
            tally.file(s);
          }
        }
      }
      tally.rows(LogSource.AUS_API, date, count);
    }
    return tally;
  }

  private LineSink sink(LineSink[] sinks, int node, int dayIndex, int b, long endUs) {
    if (sinks[node] == null) {
      SplittableRandom fr = Seeds.rng(cfg.seed(), "alb-file", dayIndex, b, node);
      long endSec = endUs / 1_000_000L;
      LocalDate folder = LocalDate.ofEpochDay(Math.floorDiv(endSec, 86400L));
      StringBuilder name = new StringBuilder(180);
      name.append("elb/aus-api/AWSLogs/")
          .append(ElbGenerator.ACCOUNT)
          .append("/elasticloadbalancing/")
          .append(ElbGenerator.REGION)
          .append('/');
      ElbGenerator.folderPath(name, folder);
      name.append(ElbGenerator.ACCOUNT)
          .append("_elasticloadbalancing_")
          .append(ElbGenerator.REGION)
          .append("_app.")
          .append(LB)
          .append('.')
          .append(LB_ID)
          .append('_');
      ElbGenerator.endTime(name, endSec);
      name.append('_')
          .append(nodeIps[node])
          .append('_')
          .append(Seeds.alnum(fr, 8))
          .append(".log.gz");
      sinks[node] = new LineSink(cfg.out(), name.toString(), true, LogSource.AUS_API, folder);
    }
    return sinks[node];
  }

  private ElbEntry entry(long created, long bucketEnd, SplittableRandom r, long[] hour) {
    String path;
    int status = 200;
    long sentBody;
    int pi = Seeds.pick(r, PATH_W);
    long secInBucket = Math.floorMod(created, ElbGenerator.BUCKET_US) / 1_000_000L;
    // the monitor's polls are the requests in second 60 of each interval (see writeDay)
    boolean heartbeat = secInBucket == 60;
    if (heartbeat) {
      path = "/__heartbeat__";
      sentBody = 4;
    } else {
      path = PATHS[pi];
      if (path.contains("%d")) {
        path = String.format(java.util.Locale.ROOT, path, 100 + r.nextInt(900));
      }
      sentBody = path.contains("/releases/") ? 20_000 + r.nextInt(80_000) : 400 + r.nextInt(6000);
      if (path.contains("999.0") || (path.contains("/pins/") && r.nextBoolean())) {
        status = 404;
        sentBody = 112;
      }
    }
    int h = r.nextInt(ElbGenerator.WEB_IPS.length);
    boolean lb =
        plan.down("web", h, created)
            || (!heartbeat && plan.rollout("web", created) && r.nextDouble() < 0.03);
    // the running web build's effect (regression, minor change) on API requests
    DeploySpec.Effect effect = heartbeat ? DeploySpec.Effect.NONE : plan.effect("web", created);
    long latency =
        lb
            ? 0
            : Math.round(
                (3 + r.nextInt(40) + (path.contains("/releases/") ? 30 + r.nextInt(120) : 0))
                    * effect.latencyFactor());
    if (!lb && !heartbeat && r.nextDouble() < 0.0005 + effect.errorRate()) {
      status = 500;
      sentBody = 141;
    }
    long responded = created + latency * 1000 + 1000 + r.nextInt(1000);
    if (responded >= bucketEnd) {
      long shift = responded - bucketEnd + 1;
      created -= shift;
      responded -= shift;
    }
    String target = ElbGenerator.WEB_IPS[h] + ":8000";
    String ts = Fmt.isoMicros(responded);
    String ip = Population.ipv4(r);
    String ua =
        heartbeat ? "Mozilla/5.0 (compatible; Datadog/Synthetics)" : UAS[r.nextInt(UAS.length)];
    String trace = "Root=1-" + Long.toHexString(created / 1_000_000L) + "-" + Seeds.hex(r, 24);
    String conn = "TID_" + Seeds.hex(r, 32);
    Integer elbStatus = lb ? 502 : status;
    AlbFields alb =
        new AlbFields(
            "https",
            Fmt.instant(responded),
            TG,
            trace,
            "aus-api.mozilla.org",
            CERT,
            "0",
            Fmt.instant(created),
            "forward",
            null,
            null,
            lb ? null : target,
            lb ? null : String.valueOf(status),
            null,
            null,
            conn);
    if (heartbeat) {
      hour[Tally.DOCKERFLOW]++;
    } else {
      hour[Tally.REQUESTS]++;
      if (elbStatus >= 500) {
        hour[Tally.S5XX]++;
        hour[lb ? Tally.LB_5XX : Tally.BACKEND_5XX]++;
      }
    }
    return new ElbEntry(
        ts,
        Fmt.instant(created),
        "app/" + LB + "/" + LB_ID,
        ip,
        1024 + r.nextInt(64000),
        lb ? null : ElbGenerator.WEB_IPS[h],
        lb ? null : 8000,
        lb ? -1 : r.nextInt(3) / 1000.0,
        lb ? -1 : latency / 1000.0,
        lb ? -1 : 0.0,
        elbStatus,
        lb ? null : status,
        180 + r.nextInt(300),
        lb ? 0 : sentBody + 250,
        "GET",
        "https://aus-api.mozilla.org:443" + path,
        "HTTP/1.1",
        ua,
        "ECDHE-RSA-AES128-GCM-SHA256",
        "TLSv1.2",
        alb);
  }
}
