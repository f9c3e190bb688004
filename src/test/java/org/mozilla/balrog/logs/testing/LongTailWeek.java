package org.mozilla.balrog.logs.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A week of aus5 update requests with a long tail of versions, written independently of {@code
 * generate}: at least 200 versions of Firefox and Thunderbird over the main channels, with 5 to 5
 * 000 clients each (log-uniform), several os/arch per version, clients active on some days of the
 * week, and a quarter of them updating mid-week to their channel's newest version. A few channels
 * fall outside Balrog's channel patterns, one of them small. The truth is not written down: tests
 * count exact distinct fingerprints over the lines with {@code count(DISTINCT …)}.
 *
 * <p>Classic ELB lines (docs/formats.md#classic-elb-entries) in the default layout, one file per
 * hour. Deterministic per seed. {@code main(OUT, FIRST_DAY, SCALE)} writes it for a manual
 * before/after comparison.
 */
public final class LongTailWeek {
  public static final int DAYS = 7;
  static final String[][] TARGETS = {
    {"WINNT_x86_64-msvc-x64", "Windows_NT 10.0.0.0.19045.5131 (x64)"},
    {"WINNT_x86-msvc-x64", "Windows_NT 10.0.0.0.19045.5131 (x64)"},
    {"WINNT_x86-msvc", "Windows_NT 6.1.1.0 (x86)"},
    {"WINNT_aarch64-msvc-aarch64", "Windows_NT 10.0.0.0.22631.4460"},
    {"Darwin_aarch64-gcc3", "Darwin 24.1.0"},
    {"Darwin_x86_64-gcc3-u-i386-x86_64", "Darwin 23.6.0"},
    {"Linux_x86_64-gcc3", "Linux 6.8.0-48-generic (GTK 3.24.41,libpulse 16.1.0)"},
  };

  /** Cumulative weights of {@link #TARGETS}, in per mille. */
  static final int[] TARGET_WEIGHTS = {620, 700, 760, 790, 880, 920, 1000};

  static final String[] LOCALES = {
    "en-US", "de", "fr", "en-GB", "es-ES", "ja", "pl", "ru", "pt-BR", "it"
  };

  /** One published version of a product on a channel and how many clients start the week on it. */
  public record Line(String product, String channel, String version, int clients) {}

  private final LocalDate first;
  private final double scale;
  private final long seed;

  public LongTailWeek(LocalDate first, double scale, long seed) {
    this.first = first;
    this.scale = scale;
    this.seed = seed;
  }

  /** The versions of the week: their product, channel, version and starting clients. */
  public List<Line> lines() {
    SplittableRandom r = new SplittableRandom(seed);
    List<Line> out = new ArrayList<>();
    // product, channel, how many versions, version pattern
    Object[][] plan = {
      {"Firefox", "release", 120, "r"},
      {"Firefox", "beta", 30, "b"},
      {"Firefox", "aurora", 14, "b"},
      {"Firefox", "nightly", 14, "a"},
      {"Firefox", "esr", 12, "esr"},
      {"Thunderbird", "release", 12, "r"},
      {"Thunderbird", "beta", 6, "b"},
      {"Firefox", "nightly-elm", 2, "a"},
      {"Firefox", "release-localtest", 2, "r"},
      {"Firefox", "my-private-channel", 1, "r"},
    };
    int total = 0;
    for (Object[] p : plan) {
      total += (Integer) p[2];
    }
    // clients per version, log-uniform from 5 to 5000, dealt out at random
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      sizes.add((int) Math.round(5 * Math.pow(1000, (double) i / (total - 1))));
    }
    Collections.shuffle(sizes, new java.util.Random(seed));
    int k = 0;
    for (Object[] p : plan) {
      String product = (String) p[0];
      String channel = (String) p[1];
      int n = (Integer) p[2];
      for (int i = 0; i < n; i++) {
        int size = (int) Math.max(5, Math.round(sizes.get(k++) * scale));
        if (channel.equals("my-private-channel") || channel.equals("nightly-elm")) {
          size = 3 + i; // a tail channel that must fold
        }
        out.add(new Line(product, channel, version((String) p[3], i, r), size));
      }
    }
    return out;
  }

  private static String version(String kind, int i, SplittableRandom r) {
    return switch (kind) {
      case "r" -> (146 - i / 8) + "." + (i % 8 == 0 ? "0" : "0." + (i % 8));
      case "b" -> (147 - i / 10) + ".0b" + (1 + i % 10);
      case "a" -> (148 - i) + ".0a1";
      default -> (140 - i / 4) + "." + (i % 4) + ".0esr";
    };
  }

  /**
   * Writes the week under {@code root} in the default layout; returns the number of lines written.
   */
  public long write(Path root) {
    List<Line> lines = lines();
    SplittableRandom r = new SplittableRandom(seed * 31 + 7);
    // newest version per product and channel: where mid-week updates go
    java.util.Map<String, Line> newest = new java.util.HashMap<>();
    for (Line l : lines) {
      newest.putIfAbsent(l.product() + "|" + l.channel(), l);
    }
    List<List<String>> perHour = new ArrayList<>();
    for (int h = 0; h < DAYS * 24; h++) {
      perHour.add(new ArrayList<>());
    }
    int clientId = 0;
    for (Line l : lines) {
      Line target = newest.get(l.product() + "|" + l.channel());
      for (int c = 0; c < l.clients(); c++) {
        clientId++;
        String[] bt = TARGETS[pick(r.nextInt(1000))];
        String ip = ip(clientId);
        String locale = LOCALES[r.nextInt(LOCALES.length)];
        int updateDay = target != l && r.nextInt(4) == 0 ? 2 + r.nextInt(4) : DAYS;
        boolean any = false;
        for (int d = 0; d < DAYS; d++) {
          boolean last = d == DAYS - 1 && !any;
          if (!last && r.nextInt(100) >= 55) {
            continue;
          }
          any = true;
          String version = d >= updateDay ? target.version() : l.version();
          int requests = 1 + (r.nextInt(3) == 0 ? 1 : 0);
          for (int q = 0; q < requests; q++) {
            int hour = r.nextInt(24);
            long micros = r.nextLong(3_600_000_000L);
            perHour
                .get(d * 24 + hour)
                .add(
                    line(
                        d,
                        hour,
                        micros,
                        ip,
                        l.product(),
                        version,
                        bt,
                        locale,
                        l.channel(),
                        q == 1,
                        r));
          }
        }
      }
    }
    long written = 0;
    for (int h = 0; h < perHour.size(); h++) {
      List<String> hour = perHour.get(h);
      Collections.sort(hour);
      LocalDate day = first.plusDays(h / 24);
      String folder =
          String.format(
              Locale.ROOT,
              "elb/aus5/AWSLogs/361527076523/elasticloadbalancing/us-west-2/%04d/%02d/%02d/",
              day.getYear(),
              day.getMonthValue(),
              day.getDayOfMonth());
      String name =
          String.format(
              Locale.ROOT,
              "361527076523_elasticloadbalancing_us-west-2_aus5-prod_%04d%02d%02dT%02d59Z_10.0.1.7_lt%05d.log",
              day.getYear(),
              day.getMonthValue(),
              day.getDayOfMonth(),
              h % 24,
              h);
      Path file = root.resolve(folder + name);
      try {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          for (String s : hour) {
            w.write(s);
            w.write('\n');
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written += hour.size();
    }
    return written;
  }

  private static int pick(int perMille) {
    for (int i = 0; i < TARGET_WEIGHTS.length; i++) {
      if (perMille < TARGET_WEIGHTS[i]) {
        return i;
      }
    }
    return TARGET_WEIGHTS.length - 1;
  }

  /** A distinct public-looking address per client. */
  static String ip(int id) {
    return (20 + (id >> 24))
        + "."
        + ((id >> 16) & 255)
        + "."
        + ((id >> 8) & 255)
        + "."
        + (id & 255);
  }

  private String line(
      int d,
      int hour,
      long micros,
      String ip,
      String product,
      String version,
      String[] bt,
      String locale,
      String channel,
      boolean forced,
      SplittableRandom r) {
    LocalDate day = first.plusDays(d);
    long sec = micros / 1_000_000L;
    String ts =
        String.format(
            Locale.ROOT,
            "%sT%02d:%02d:%02d.%06dZ",
            day,
            hour,
            sec / 60,
            sec % 60,
            micros % 1_000_000L);
    String os =
        bt[1].replace(" ", "%20").replace(",", "%2C").replace("(", "%28").replace(")", "%29");
    String url =
        "https://aus5.mozilla.org:443/update/6/"
            + product
            + "/"
            + version
            + "/20261020094512/"
            + bt[0]
            + "/"
            + locale
            + "/"
            + channel
            + "/"
            + os
            + "/ISET:SSE4_2,MEM:16384/default/default/update.xml"
            + (forced ? "?force=1" : "");
    String major = version.substring(0, version.indexOf('.'));
    String ua =
        "Mozilla/5.0 ("
            + (bt[0].startsWith("WINNT")
                ? "Windows NT 10.0; Win64; x64"
                : bt[0].startsWith("Darwin")
                    ? "Macintosh; Intel Mac OS X 10.15"
                    : "X11; Linux x86_64")
            + "; rv:"
            + major
            + ".0) Gecko/20100101 "
            + product
            + "/"
            + major
            + ".0";
    return String.format(
        Locale.ROOT,
        "%s aus5-prod %s:%d 10.0.2.%d:8000 0.000021 0.0%02d 0.000019 200 200 0 %d"
            + " \"GET %s HTTP/1.1\" \"%s\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2",
        ts,
        ip,
        1024 + r.nextInt(60000),
        1 + r.nextInt(9),
        10 + r.nextInt(80),
        300 + r.nextInt(700),
        url,
        ua);
  }

  public static void main(String[] args) {
    LongTailWeek w =
        new LongTailWeek(
            LocalDate.parse(args[1]), args.length > 2 ? Double.parseDouble(args[2]) : 1.0, 7L);
    long n = w.write(Path.of(args[0]));
    System.out.println("wrote " + n + " lines, " + w.lines().size() + " versions");
  }
}
