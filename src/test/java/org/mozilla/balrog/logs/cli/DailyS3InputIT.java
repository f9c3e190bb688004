package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.FaultProxy;
import org.mozilla.balrog.logs.testing.S3DailyRuns;
import org.mozilla.balrog.logs.testing.S3Fixture;

/**
 * Issue 13 on the loopback S3: a store that refuses every object GET fails the run (exit 1, one
 * line, the previous partitions byte-identical); listing costs as many LIST requests whatever the
 * bucket's history; credentials in an {@code s3a://KEY:SECRET@bucket/} location are used but never
 * printed or stored.
 */
class DailyS3InputIT {
  static final String BUCKET = "logs";
  static final String IN = "s3a://" + BUCKET + "/logs";
  static final LocalDate DAY = S3DailyRuns.DAY;

  @TempDir static Path work;
  @RegisterExtension static final S3Fixture S3 = S3Fixture.withTheDay(BUCKET);
  static Path out;
  static Map<String, String> before;
  static CliRun refused;
  static FaultProxy refusing;
  static int listsWithoutHistory;
  static int listsWithHistory;
  static CliRun withKeys;
  static Path summary;
  static CliRun relaid;

  /**
   * Four {@code daily} runs. The first, fault-free, serves three checks: its partitions are what
   * the refused run must leave alone, its LIST requests are the count for a bucket without history,
   * and it reads the bucket with the keys given only in the location. The history run repeats it
   * exactly (same location, same settings) after two months of earlier days were added.
   */
  @BeforeAll
  static void run() throws IOException {
    out = work.resolve("out");
    summary = work.resolve("summary.json");
    try (FaultProxy counting = FaultProxy.inspecting(S3.server().port(), false)) {
      withKeys =
          dailyWithKeysInTheLocation(counting, out, List.of("--summary-json", summary.toString()));
      assertThat(withKeys.exitCode()).as(withKeys.describe()).isZero();
      listsWithoutHistory = counting.lists();
    }
    before = listing(out);

    FaultProxy proxy = FaultProxy.inspecting(S3.server().port(), true);
    refusing = proxy;
    try (proxy) {
      refused =
          S3DailyRuns.daily(IN, out.toString(), S3.cliSettingsVia(refusing.endpoint(), Map.of()));
    }

    S3.upload(history(), S3Fixture.LOGS);
    try (FaultProxy counting = FaultProxy.inspecting(S3.server().port(), false)) {
      CliRun r = dailyWithKeysInTheLocation(counting, work.resolve("out-history"), List.of());
      assertThat(r.exitCode()).as(r.describe()).isZero();
      listsWithHistory = counting.lists();
    }

    relaid = relaidRun();
  }

  /**
   * {@code daily} on {@code s3a://KEY:SECRET@BUCKET/logs} through {@code proxy}, with wrong keys in
   * the general {@code fs.s3a} settings.
   */
  static CliRun dailyWithKeysInTheLocation(FaultProxy proxy, Path output, List<String> more) {
    List<String> args =
        new ArrayList<>(
            S3.cliSettingsVia(
                proxy.endpoint(),
                Map.of("fs.s3a.access.key", "wrong-key", "fs.s3a.secret.key", "wrong-secret")));
    args.addAll(more);
    String in =
        "s3a://" + S3.server().accessKey() + ":" + S3.server().secretKey() + "@" + BUCKET + "/logs";
    return S3DailyRuns.daily(in, output.toString(), args);
  }

  /**
   * The day laid out as other buckets are: aus5 in a bucket of its own (AWS's own layout at its
   * root), the web and admin syslog in Hive-style {@code dt=} folders, the admin nginx access log
   * in {@code year=/month=/day=} folders, the rest in the default layout under another prefix;
   * stage and production in one config file, run with {@code --env prod}.
   */
  static CliRun relaidRun() throws IOException {
    Path logs = S3DailyRuns.local().logs();
    Path aus5 = work.resolve("aus5-bucket");
    Path other = work.resolve("relaid");
    java.util.regex.Pattern dated =
        java.util.regex.Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})/(.*)");
    try (Stream<Path> s = Files.walk(logs)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = logs.relativize(p).toString().replace('\\', '/');
        Path target;
        if (rel.startsWith("elb/aus5/")) {
          target = aus5.resolve(rel.substring("elb/aus5/".length()));
        } else if (rel.startsWith("syslog/web/") || rel.startsWith("syslog/admin/")) {
          String app = rel.substring("syslog/".length(), rel.indexOf('/', "syslog/".length()));
          java.util.regex.Matcher m =
              dated.matcher(rel.substring(("syslog/" + app + "/").length()));
          assertThat(m.matches()).as(rel).isTrue();
          target =
              other
                  .resolve(
                      "syslog-" + app + "/dt=" + m.group(1) + "-" + m.group(2) + "-" + m.group(3))
                  .resolve(m.group(4));
        } else if (rel.startsWith("nginx/admin-access/")) {
          java.util.regex.Matcher m = dated.matcher(rel.substring("nginx/admin-access/".length()));
          assertThat(m.matches()).as(rel).isTrue();
          target =
              other
                  .resolve(
                      "nginx-access/year="
                          + m.group(1)
                          + "/month="
                          + m.group(2)
                          + "/day="
                          + m.group(3))
                  .resolve(m.group(4));
        } else {
          target = other.resolve("default").resolve(rel);
        }
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
      }
    }
    S3.server().createBucket("aus5-logs");
    S3.server().upload(aus5, "aus5-logs", "prod");
    S3.upload(other, "relaid");
    Path conf = work.resolve("balrog.properties");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "env.stage.input=s3a://" + BUCKET + "/nothing-here",
            "env.stage.source.aus5.location=s3a://aus5-logs/stage/AWSLogs/*/elasticloadbalancing/*/{yyyy}/{MM}/{dd}/",
            "env.prod.input=s3a://" + BUCKET + "/relaid/default",
            "env.prod.source.aus5.location=s3a://aus5-logs/prod/AWSLogs/*/elasticloadbalancing/*/{yyyy}/{MM}/{dd}/",
            "env.prod.source.syslog_web.location=s3a://" + BUCKET + "/relaid/syslog-web/dt={date}/",
            "env.prod.source.syslog_admin.location=s3a://"
                + BUCKET
                + "/relaid/syslog-admin/dt={date}/",
            "env.prod.source.admin_nginx_access.location=s3a://"
                + BUCKET
                + "/relaid/nginx-access/year={yyyy}/month={MM}/day={dd}/",
            ""));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--config",
                conf.toString(),
                "--env",
                "prod",
                "daily",
                "--date",
                DAY.toString(),
                "--output",
                work.resolve("out-relaid").toString(),
                "--max-reject-ratio",
                "1"));
    args.addAll(S3.cliSettings());
    return CliRun.of(args);
  }

  /**
   * Two months of earlier days: a small file in each date folder of the generated day, moved back
   * in time.
   */
  static Path history() throws IOException {
    Path dir = work.resolve("history");
    Path logs = S3DailyRuns.local().logs();
    String dayFolder = DAY.toString().replace('-', '/');
    List<String> folders;
    try (Stream<Path> s = Files.walk(logs)) {
      folders =
          s.filter(Files::isDirectory)
              .map(p -> logs.relativize(p).toString().replace('\\', '/'))
              .filter(p -> p.endsWith(dayFolder))
              .toList();
    }
    assertThat(folders).hasSizeGreaterThanOrEqualTo(LogSource.values().length);
    for (int d = 2; d <= 61; d++) {
      String earlier = DAY.minusDays(d).toString().replace('-', '/');
      for (String folder : folders) {
        Path f =
            dir.resolve(folder.substring(0, folder.length() - dayFolder.length()) + earlier)
                .resolve("old.log");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "old\n");
      }
    }
    return dir;
  }

  @Test
  void aStoreThatRefusesEveryGetFailsTheRunAndLeavesThePartitions() throws IOException {
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCode.FAILURE);
    assertThat(refusing.refused()).isPositive();
    String first = refused.err().strip().lines().findFirst().orElse("");
    assertThat(first)
        .contains("input files for " + DAY + " could not be read")
        .contains(IN)
        .contains("nothing was written for " + DAY);
    assertThat(refused.err()).doesNotContain("\tat ");
    assertThat(listing(out)).isEqualTo(before);
  }

  @Test
  void listingCostsTheSameWhateverTheBucketsHistory() {
    assertThat(listsWithoutHistory).isPositive();
    assertThat(listsWithHistory).isEqualTo(listsWithoutHistory);
  }

  @Test
  void credentialsInTheLocationAreUsedButNeverShown() throws IOException {
    assertThat(withKeys.exitCode()).as(withKeys.describe()).isZero();
    String secret = S3.server().secretKey();
    assertThat(withKeys.out()).doesNotContain(secret);
    assertThat(withKeys.err()).doesNotContain(secret);
    String json = Files.readString(summary);
    assertThat(json).doesNotContain(secret).contains("\"input\" : \"s3a://" + BUCKET + "/logs\"");
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(p.toString())
            .doesNotContain(secret);
      }
    }
  }

  @Test
  void aDayLaidOutPerSourceElsewhereGivesTheSameTablesAsTheDefaultLayout() throws IOException {
    assertThat(relaid.exitCode()).as(relaid.describe()).isZero();
    assertThat(relaid.out())
        .contains("aus5 at s3a://aus5-logs/prod/")
        .contains("syslog_web at s3a://");
    S3DailyRuns.assertSameTables(
        S3.reader(), S3DailyRuns.local().summary(), work.resolve("out-relaid").toString());
  }

  static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(
            root.relativize(p).toString(),
            java.util.Arrays.hashCode(Files.readAllBytes(p)) + ":" + Files.size(p));
      }
    }
    return m;
  }
}
