package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.source.NoInputException;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * inspect over real files with a real local Spark: counts add up, damage is reported, garbage does
 * not crash.
 */
class InspectJobSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path root;

  static final String ELB_OK =
      "2019-03-05T14:02:03.123456Z aus5-prod 198.51.100.23:51234 10.0.4.21:8080 0.000041 0.004512"
          + " 0.000027 200 200 0 42 \"GET"
          + " https://aus5.mozilla.org:443/update/6/Firefox/65.0.2/20190225143245/WINNT_x86_64-msvc-x64/en-US/release/Windows_NT%2010.0.0.0.17763.316%20(x64)/ISET:SSE4_2,MEM:8192/default/default/update.xml"
          + " HTTP/1.1\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0) Gecko/20100101"
          + " Firefox/65.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2";
  static final String ELB_DIR =
      "elb/aus5/AWSLogs/123456789012/elasticloadbalancing/us-west-2/2019/03/05/";

  static Path elbFile;
  static Path gzFile;
  static Path garbage;
  static Path empty;

  @BeforeAll
  static void writeFiles() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      sb.append(ELB_OK).append('\n');
    }
    sb.append('\n'); // blank
    sb.append(ELB_OK, 0, 60).append('\n'); // truncated line
    sb.append(
        "2019-03-05T14:02:03.123456Z aus5-prod 203.0.113.9:1 - -1 -1 -1 504 - 0 0 \"GET /x"
            + " HTTP/1.1\n"); // open quote
    sb.append("x".repeat(10_240)).append('\n'); // 10 KB junk line
    elbFile =
        write(
            ELB_DIR
                + "123456789012_elasticloadbalancing_us-west-2_aus5-prod_20190305T1405Z_10.0.4.1_a1b2c3.log",
            sb.toString().getBytes(StandardCharsets.UTF_8));

    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      big.append(ELB_OK).append('\n');
    }
    byte[] gz = gzip(big.toString().getBytes(StandardCharsets.UTF_8));
    gzFile =
        write(
            ELB_DIR
                + "123456789012_elasticloadbalancing_us-west-2_aus5-prod_20190305T1410Z_10.0.4.1_d4e5f6.log",
            Arrays.copyOf(gz, gz.length * 2 / 3));

    byte[] junk = new byte[64 * 1024];
    new Random(3).nextBytes(junk);
    garbage = write("syslog/web/2019/03/05/garbage.log", junk);
    empty = write("nginx/admin-error/2019/03/05/empty.log", new byte[0]);
  }

  private static Path write(String rel, byte[] content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return p;
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
      g.write(b);
    }
    return bo.toByteArray();
  }

  private static Map<String, InspectJob.FileReport> byName(InspectJob.Result r) {
    return r.files().stream()
        .collect(
            Collectors.toMap(
                f -> Path.of(java.net.URI.create(f.path())).getFileName().toString(),
                Function.identity()));
  }

  @Test
  void everyLineIsParsedOrRejectedWithAReason() {
    InspectJob.Result r = InspectJob.run(SPARK.session(), java.util.List.of(root.toString()));
    assertThat(r.files()).hasSize(4);
    for (InspectJob.FileReport f : r.files()) {
      assertThat(f.parsedLines() + f.rejected()).as(f.path()).isEqualTo(f.lines());
      assertThat(f.rejectedByReason().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(f.rejected());
    }
    InspectJob.FileReport elb = byName(r).get(elbFile.getFileName().toString());
    assertThat(elb.source()).isEqualTo("aus5");
    assertThat(elb.lines()).isEqualTo(54);
    assertThat(elb.parsedLines()).isEqualTo(50);
    assertThat(elb.rows()).isEqualTo(50);
    assertThat(elb.rejectedByReason())
        .containsEntry("empty_line", 1L)
        .containsKey("unterminated_quote");
    assertThat(elb.rejected()).isEqualTo(4);
    assertThat(elb.damage()).isNull();
    // samples never show a client address
    assertThat(elb.samples()).isNotEmpty();
    assertThat(elb.samples()).allSatisfy(s -> assertThat(s.text()).doesNotContain("203.0.113.9"));
  }

  @Test
  void truncatedGzipIsReportedAndTheLinesBeforeTheDamageCount() {
    InspectJob.Result r = InspectJob.run(SPARK.session(), java.util.List.of(gzFile.toString()));
    InspectJob.FileReport f = r.files().get(0);
    assertThat(f.damage()).startsWith("truncated");
    assertThat(f.lines()).isBetween(1000L, 4999L);
    // at most the cut-off last line is rejected
    assertThat(f.rejected()).isLessThanOrEqualTo(1);
    assertThat(f.parsedLines() + f.rejected()).isEqualTo(f.lines());
  }

  @Test
  void binaryGarbageAndEmptyFilesDoNotCrash() {
    InspectJob.Result r =
        InspectJob.run(SPARK.session(), java.util.List.of(garbage.toString(), empty.toString()));
    Map<String, InspectJob.FileReport> files = byName(r);
    InspectJob.FileReport g = files.get("garbage.log");
    assertThat(g.source()).isEqualTo("syslog_web");
    assertThat(g.lines()).isPositive();
    assertThat(g.rejected()).isEqualTo(g.lines());
    assertThat(files.get("empty.log").lines()).isZero();
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    InspectJob.print(r, new PrintStream(bo, true, StandardCharsets.UTF_8));
    assertThat(bo.toString(StandardCharsets.UTF_8))
        .contains("syslog_web")
        .contains("nginx_error")
        .contains("total:");
  }

  @Test
  void filesOutsideTheLayoutAreSniffed() throws IOException {
    Path loose = Files.createTempDirectory("loose").resolve("some.log");
    Files.writeString(loose, ELB_OK + "\n" + ELB_OK + "\n");
    InspectJob.FileReport f =
        InspectJob.run(SPARK.session(), java.util.List.of(loose.toString())).files().get(0);
    assertThat(f.source()).isEqualTo("elb");
    assertThat(f.parsedLines()).isEqualTo(2);
  }

  @Test
  void missingPathIsNoInput() {
    assertThatThrownBy(
            () ->
                InspectJob.run(SPARK.session(), java.util.List.of(root.resolve("nope").toString())))
        .isInstanceOf(NoInputException.class)
        .hasMessageContaining("no such file or folder");
  }
}
