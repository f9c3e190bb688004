package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * One day with a minor change, a 5 % / x1.8 web regression, its rollback, and a 10 % admin
 * regression: the effects show in the manifest's hourly counts and in the files, and end with the
 * rollback.
 */
class GenDeployEffectsTest {
  static final LocalDate DAY = LocalDate.parse("2026-11-02");
  static final Pattern ELB =
      Pattern.compile(
          "^(\\S+) \\S+ \\S+ \\S+ \\S+ (\\S+) \\S+ (\\S+) \\S+ \\d+ (\\d+) \"GET (\\S+)"
              + " HTTP/1\\.1\".*");

  @TempDir static Path tmp;
  static Path out;
  static JsonNode manifest;
  static List<String> aus5 = new ArrayList<>();
  static List<String> webSyslog;
  static String adminSyslog;

  @BeforeAll
  static void generate() {
    out = tmp.resolve("run");
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                out,
                DAY,
                1,
                20_000,
                23L,
                false,
                true,
                List.of(
                    DeploySpec.parse("v1@2026-11-02T02:00Z:minor"),
                    DeploySpec.parse("v2@2026-11-02T06:00Z:regression=0.05x1.8"),
                    DeploySpec.parse("admin-1@2026-11-02T08:00Z:regression=10%x1"),
                    DeploySpec.parse("v3@2026-11-02T13:00Z:rollback")),
                1.0,
                true,
                GeneratorConfig.RegressionLogs.PER_REQUEST),
            null);
    manifest = GenTestFiles.manifest(out);
    for (Path f : GenTestFiles.files(out)) {
      String rel = out.relativize(f).toString();
      if (rel.startsWith(SampleGenerator.topFolder(LogSource.AUS5) + "/")) {
        aus5.addAll(GenTestFiles.lines(f));
      } else if (rel.startsWith(SampleGenerator.topFolder(LogSource.SYSLOG_WEB) + "/")) {
        webSyslog = GenTestFiles.lines(f);
      } else if (rel.startsWith(SampleGenerator.topFolder(LogSource.SYSLOG_ADMIN) + "/")) {
        adminSyslog = String.join("\n", GenTestFiles.lines(f));
      }
    }
  }

  /** {events, total} of {@code source} over UTC hours [from, to). */
  static long[] hourly(String source, String events, String total, int from, int to) {
    long[] sum = new long[2];
    for (int h = from; h < to; h++) {
      JsonNode c =
          manifest.get("hourly").get(source).get(DAY + "T" + String.format("%02d", h) + ":00:00Z");
      sum[0] += c.get(events).asLong();
      sum[1] += c.get(total).asLong();
    }
    return sum;
  }

  static double share(long[] s) {
    return (double) s[0] / s[1];
  }

  static JsonNode deploy(String id) {
    for (JsonNode d : manifest.get("deploys")) {
      if (d.get("id").asText().equals(id)) {
        return d;
      }
    }
    throw new AssertionError(id);
  }

  @Test
  void aRegressionOfFivePercentRaisesTheUpdate5xxShareToAboutFivePercentUntilTheRollback() {
    long[] before = hourly("aus5", "update_5xx", "update_requests", 0, 6);
    long[] during = hourly("aus5", "update_5xx", "update_requests", 7, 13);
    long[] after = hourly("aus5", "update_5xx", "update_requests", 14, 24);
    assertThat(during[1]).isGreaterThan(5000);
    assertThat(share(during)).isBetween(0.045, 0.056);
    assertThat(share(before)).isLessThan(0.003);
    assertThat(share(after)).isLessThan(0.003);
    // the extra 500s come from the backend
    assertThat(share(hourly("aus5", "backend_5xx", "update_requests", 7, 13)))
        .isBetween(0.045, 0.056);
    // the API is served by the same build
    assertThat(share(hourly("aus_api", "backend_5xx", "requests", 7, 13))).isBetween(0.02, 0.09);
    assertThat(share(hourly("aus_api", "backend_5xx", "requests", 14, 24))).isLessThan(0.01);
  }

  @Test
  void theManifestDescribesEachDeploysChangeEffectAndVersion() {
    JsonNode minor = deploy("v1");
    assertThat(minor.get("minor").asBoolean()).isTrue();
    assertThat(minor.get("regression").asBoolean()).isFalse();
    assertThat(minor.get("rollback").asBoolean()).isFalse();
    assertThat(minor.get("error_rate").asDouble()).isEqualTo(0.00003);
    assertThat(minor.get("latency_factor").asDouble()).isEqualTo(1.03);
    assertThat(minor.get("expected_verdict").asText()).isEqualTo("ok");
    assertThat(minor.get("new_exception_type").isNull()).isTrue();
    assertThat(minor.get("version").asInt()).isEqualTo(1);

    JsonNode reg = deploy("v2");
    assertThat(reg.get("regression").asBoolean()).isTrue();
    assertThat(reg.get("error_rate").asDouble()).isEqualTo(0.05);
    assertThat(reg.get("latency_factor").asDouble()).isEqualTo(1.8);
    assertThat(reg.get("expected_verdict").asText()).isEqualTo("regression");
    assertThat(reg.get("new_exception_type").asText()).isEqualTo("TypeError");
    assertThat(reg.get("from_version").asInt()).isEqualTo(1);
    assertThat(reg.get("version").asInt()).isEqualTo(2);

    JsonNode back = deploy("v3");
    assertThat(back.get("rollback").asBoolean()).isTrue();
    assertThat(back.get("error_rate").asDouble()).isZero();
    assertThat(back.get("latency_factor").asDouble()).isEqualTo(1.0);
    assertThat(back.get("expected_verdict").asText()).isEqualTo("ok");
    assertThat(back.get("from_version").asInt()).isEqualTo(2);
    assertThat(back.get("version").asInt()).isEqualTo(1);

    assertThat(manifest.get("config").get("deploys").get(1).asText())
        .isEqualTo("v2@2026-11-02T06:00:00Z:regression=0.05x1.8");
    assertThat(manifest.get("config").get("deploys").get(3).asText())
        .isEqualTo("v3@2026-11-02T13:00:00Z:rollback");
    assertThat(manifest.get("config").get("lone_restarts").asBoolean()).isTrue();
    assertThat(manifest.get("config").get("regression_logs").asText()).isEqualTo("per_request");
  }

  @Test
  void latencyFollowsTheLatencyFactor() {
    double base = medianBackendMicros(0, 2);
    assertThat(medianBackendMicros(2, 6) / base).as("minor x1.03").isBetween(0.99, 1.08);
    assertThat(medianBackendMicros(7, 13) / base).as("regression x1.8").isBetween(1.7, 1.9);
    assertThat(medianBackendMicros(14, 24) / base).as("rolled back").isBetween(0.95, 1.05);
  }

  /**
   * Median backend processing time (µs) of answered aus5 update requests in UTC hours [from, to).
   */
  static double medianBackendMicros(int from, int to) {
    List<Long> times = new ArrayList<>();
    for (String l : aus5) {
      Matcher m = ELB.matcher(l);
      if (m.matches() && m.group(5).contains("/update/") && !m.group(2).equals("-1")) {
        int hour = Integer.parseInt(m.group(1).substring(11, 13));
        if (hour >= from && hour < to) {
          times.add(Math.round(Double.parseDouble(m.group(2)) * 1e6));
        }
      }
    }
    assertThat(times).hasSizeGreaterThan(1000);
    long[] a = times.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  @Test
  void versionSizesGoBackWithTheRollback() {
    Map<Integer, TreeSet<String>> bytesByHour = new TreeMap<>();
    for (String l : aus5) {
      Matcher m = ELB.matcher(l);
      if (m.matches() && m.group(5).endsWith("/__version__") && m.group(3).equals("200")) {
        bytesByHour
            .computeIfAbsent(Integer.parseInt(m.group(1).substring(11, 13)), k -> new TreeSet<>())
            .add(m.group(4));
      }
    }
    assertThat(bytesByHour.get(1)).containsExactly("187");
    assertThat(bytesByHour.get(4)).containsExactly("189");
    assertThat(bytesByHour.get(10)).containsExactly("191");
    assertThat(bytesByHour.get(16)).containsExactly("189");
  }

  @Test
  void theNewSignatureIsLoggedOncePerFailedRequestWhileTheRegressedBuildRuns() {
    long before = 0;
    long during = 0;
    long after = 0;
    for (String l : webSyslog) {
      if (!l.contains("TypeError")) {
        continue;
      }
      String time = l.substring(7, 15);
      if (time.compareTo("06:00:00") < 0) {
        before++;
      } else if (time.compareTo("13:00:00") < 0) {
        during++;
      } else if (time.compareTo("13:10:00") > 0) {
        after++;
      }
    }
    assertThat(before).isZero();
    assertThat(after).isZero();
    // one exception per update request failed by the regression: 5 % of the aus5 update requests
    // while it runs (a
    // stderr traceback names the type on one line too)
    double expected = 0.05 * hourly("aus5", "update_5xx", "update_requests", 6, 13)[1];
    assertThat(expected).isGreaterThan(500);
    assertThat((double) during).isBetween(0.85 * expected, 1.15 * expected);
  }

  @Test
  void steadyRegressionLogsFollowTheErrorRateWhateverTheTraffic(@TempDir Path dir) {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                dir,
                DAY,
                1,
                200,
                5L,
                false,
                true,
                List.of(
                    DeploySpec.parse("v1@2026-11-02T06:00Z:regression=0.05"),
                    DeploySpec.parse("v2@2026-11-02T12:00Z")),
                1.0),
            null);
    JsonNode m = GenTestFiles.manifest(dir);
    assertThat(m.get("config").get("regression_logs").asText()).isEqualTo("steady");
    String type = m.get("deploys").get(0).get("new_exception_type").asText();
    long during = 0;
    for (Path f : GenTestFiles.files(dir)) {
      if (dir.relativize(f).toString().startsWith("syslog/web/")) {
        for (String l : GenTestFiles.lines(f)) {
          String time = l.substring(7, 15);
          if (l.contains(type)
              && time.compareTo("06:10:00") > 0
              && time.compareTo("12:00:00") < 0) {
            during++;
          }
        }
      }
    }
    // every ~12 s per host at 5 % (every 20 s at 3 %) on 4 hosts; a stderr traceback (one in ten)
    // names the type on
    // one line too: 200 installs make only ~20 update requests an hour
    double expected = 4 * (6 * 3600 - 600) / 12.0;
    assertThat((double) during).isBetween(0.85 * expected, 1.15 * expected);
  }

  @Test
  void anAdminRegressionRaisesAdmin500sAndLogsItsSignature() {
    long[] before = hourly("admin", "status_5xx", "requests", 0, 8);
    long[] after = hourly("admin", "status_5xx", "requests", 9, 24);
    long[] agentAfter = hourly("agent", "status_5xx", "requests", 9, 24);
    assertThat(share(before)).isLessThan(0.02);
    assertThat(share(new long[] {after[0] + agentAfter[0], after[1] + agentAfter[1]}))
        .isBetween(0.085, 0.12);
    JsonNode admin = deploy("admin-1");
    String cls = admin.get("new_exception_class").asText();
    assertThat(admin.get("expected_verdict").asText()).isEqualTo("regression");
    assertThat(adminSyslog).contains("<class '" + cls + "'>");
  }

  @Test
  void eachAppRestartsOneHostAloneAndTheSyslogShowsIt() {
    List<JsonNode> lone = new ArrayList<>();
    manifest
        .get("restarts")
        .forEach(
            r -> {
              if (!r.get("deploy").asBoolean()) {
                lone.add(r);
              }
            });
    assertThat(lone)
        .extracting(r -> r.get("app").asText())
        .containsExactlyInAnyOrder("web", "admin", "agent");
    JsonNode web =
        lone.stream().filter(r -> r.get("app").asText().equals("web")).findFirst().orElseThrow();
    Instant ready = Instant.parse(web.get("ready").asText());
    String host = web.get("host").asText();
    String stamp =
        DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC)
            .format(ready.minusMillis(2500));
    assertThat(webSyslog)
        .anyMatch(l -> l.startsWith(stamp + " " + host + " ") && l.contains("*** Starting uWSGI"));
    for (JsonNode d : manifest.get("deploys")) {
      Instant t = Instant.parse(d.get("time").asText());
      assertThat(Math.abs(ready.getEpochSecond() - t.getEpochSecond())).isGreaterThan(90 * 60);
    }
  }
}
