package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.LocalSpark;
import org.mozilla.balrog.logs.testing.ParquetAvroReader;

/**
 * Issue 12: IPv4 and IPv6 addresses typed into every slot of the update URL (product, version,
 * build target, locale, channel, OS version, distribution, distribution version), each sent by more
 * clients than {@code min-clients}, so no fold hides them by size. After {@code daily}, no string
 * of any summary table (read back with parquet-avro, not Spark) holds an address.
 */
class PopulationPrivacySparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path out;
  static final LocalDate DAY = LocalDate.of(2026, 11, 3);
  static final List<String> ADDRESSES =
      List.of(
          "198.51.100.77",
          "2001:db8::77",
          "2001%3Adb8%3A%3A78",
          "::ffff:203.0.113.9",
          "fe80::1%25eth0",
          "[2001:db8::79]");
  static final String[] SLOTS = {
    "product",
    "version",
    "build_id",
    "build_target",
    "locale",
    "channel",
    "os_version",
    "system_capabilities",
    "distribution",
    "dist_version"
  };
  static final String[] NORMAL = {
    "Firefox",
    "145.0",
    "20251101000000",
    "WINNT_x86_64-msvc-x64",
    "en-US",
    "release",
    "Windows_NT%2010.0.0.0.19045.5131",
    "ISET:SSE4_2,MEM:16384",
    "default",
    "default"
  };

  /**
   * An IPv4 address (not glued to a longer dotted number), or an IPv6 one with at least two colons
   * and a '::'.
   */
  static final Pattern IPV4 =
      Pattern.compile("(?<![0-9.])(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?![0-9]|\\.[0-9])");

  static final Pattern IPV6 =
      Pattern.compile("[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){1,6}::?[0-9A-Fa-f.]{1,15}");

  @BeforeAll
  static void writeAndRun() throws IOException {
    List<String> lines = new ArrayList<>();
    int client = 0;
    for (int slot = 0; slot < SLOTS.length; slot++) {
      for (String address : ADDRESSES) {
        for (int c = 0; c < 60; c++) {
          client++;
          String[] fields = NORMAL.clone();
          fields[slot] =
              slot == 3 ? (c % 2 == 0 ? address : "WINNT_" + address + "-msvc") : address;
          String url =
              "https://aus5.mozilla.org:443/update/6/" + String.join("/", fields) + "/update.xml";
          lines.add(
              String.format(
                  Locale.ROOT,
                  "%sT%02d:%02d:%02d.000100Z aus5-prod 10.%d.%d.%d:4000 10.0.2.1:8000 0.00002 0.01"
                      + " 0.00002 200 200 0 512 \"GET %s HTTP/1.1\" \"Mozilla/5.0 (Windows NT 10.0;"
                      + " rv:145.0) Gecko/20100101 Firefox/145.0\" ECDHE-RSA-AES128-GCM-SHA256"
                      + " TLSv1.2",
                  DAY,
                  c % 24,
                  slot,
                  c % 60,
                  (client >> 16) & 255,
                  (client >> 8) & 255,
                  client & 255,
                  url));
        }
      }
    }
    Path file =
        logs.resolve(
            String.format(
                Locale.ROOT,
                "elb/aus5/AWSLogs/361527076523/elasticloadbalancing/us-west-2/"
                    + "%1$tY/%1$tm/%1$td/361527076523_elasticloadbalancing_us-west-2_aus5-prod_%1$tY%1$tm%1$tdT2359Z_10.0.1.7_ip.log",
                java.sql.Date.valueOf(DAY)));
    Files.createDirectories(file.getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
    JobConfig cfg = JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString());
    DailyJob.run(
        SPARK.session(),
        cfg,
        new DailyJob.Options(DAY, DAY, Sketches.DEFAULT_LG_K, 50, 0.01),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void theAddressPatternsFindWhatTheyMustFind() {
    for (String a :
        List.of("198.51.100.77", "2001:db8::77", "::ffff:203.0.113.9", "fe80::1", "x 10.0.0.1 y")) {
      assertThat(IPV4.matcher(a).find() || IPV6.matcher(a).find()).as(a).isTrue();
    }
    for (String a :
        List.of("145.0", "Windows_NT 10.0.0.0.19045.5131", "ISET:SSE4_2,MEM:16384", "146.0b9")) {
      assertThat(IPV4.matcher(a).find() || IPV6.matcher(a).find()).as(a).isFalse();
    }
  }

  @Test
  void noStringOfAnyTableHoldsAnAddress() throws IOException {
    List<String> found = new ArrayList<>();
    long rows = 0;
    for (SummaryTable t : SummaryTables.all()) {
      Path dir = out.resolve(t.name()).resolve("log_date=" + DAY);
      assertThat(dir).as(t.name()).isDirectory();
      for (GenericRecord r : ParquetAvroReader.read(dir)) {
        rows++;
        for (org.apache.avro.Schema.Field f : r.getSchema().getFields()) {
          for (String s : strings(r.get(f.name()))) {
            if (IPV4.matcher(s).find() || IPV6.matcher(s).find()) {
              found.add(t.name() + "." + f.name() + " = " + s);
            }
          }
        }
      }
    }
    assertThat(found).isEmpty();
    assertThat(rows).isGreaterThan(10);
  }

  @Test
  void theAddressesWereCountedUnderOther() throws IOException {
    long requests = 0;
    long other = 0;
    for (GenericRecord r :
        ParquetAvroReader.read(
            out.resolve(SummaryTables.UPDATE_POPULATION.name()).resolve("log_date=" + DAY))) {
      long n = (Long) r.get("requests");
      requests += n;
      if ("other".equals(String.valueOf(r.get("product")))
          || "other".equals(String.valueOf(r.get("channel")))
          || "other".equals(String.valueOf(r.get("version")))
          || "other".equals(String.valueOf(r.get("os")))
          || "other".equals(String.valueOf(r.get("arch")))) {
        other += n;
      }
    }
    // nothing lost: every request is in a row
    assertThat(requests).isEqualTo((long) SLOTS.length * ADDRESSES.size() * 60);
    // product, version, build target and channel slots hold an address: at least their requests are
    // in 'other'
    assertThat(other).isGreaterThanOrEqualTo(4L * ADDRESSES.size() * 60);
  }

  /** The strings in a value: itself, the elements of a list, the keys and values of a map. */
  private static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof CharSequence s) {
      out.add(s.toString());
    } else if (v instanceof List<?> l) {
      l.forEach(e -> out.addAll(strings(e)));
    } else if (v instanceof Map<?, ?> m) {
      m.forEach(
          (k, x) -> {
            out.addAll(strings(k));
            out.addAll(strings(x));
          });
    }
    return out;
  }
}
