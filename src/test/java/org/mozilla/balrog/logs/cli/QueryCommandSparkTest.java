package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query} end to end through the CLI, each run starting and stopping its own local Spark,
 * over a small hand-written layout whose last day is closed by the next day's first ELB file.
 */
class QueryCommandSparkTest {
  @TempDir static Path root;

  static final String DIR = "elb/aus5/AWSLogs/123456789012/elasticloadbalancing/us-west-2/";

  static String elb(String ts, String status, String backendStatus, String channel) {
    return ts
        + " aus5-prod 198.51.100.23:51234 10.0.4.21:8080 0.000041 0.004512 0.000027 "
        + status
        + " "
        + backendStatus
        + " 0 42 \"GET https://aus5.mozilla.org:443/update/6/Firefox/65.0.2/20190225143245/"
        + "WINNT_x86_64-msvc-x64/en-US/"
        + channel
        + "/Windows_NT%2010.0.0.0.17763.316%20(x64)/ISET:SSE4_2,MEM:8192/default/default/update.xml"
        + " HTTP/1.1\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0) Gecko/20100101"
        + " Firefox/65.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2";
  }

  static void write(String rel, String... lines) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, String.join("\n", lines) + "\n");
  }

  static String name(String end) {
    return "123456789012_elasticloadbalancing_us-west-2_aus5-prod_" + end + "_10.0.4.1_a1b2c3.log";
  }

  @BeforeAll
  static void layout() throws IOException {
    write(
        DIR + "2026/11/01/" + name("20261101T1005Z"),
        elb("2026-11-01T10:00:01.000001Z", "200", "200", "release"),
        elb("2026-11-01T10:00:02.000001Z", "200", "200", "release-cck-partner1"),
        elb("2026-11-01T10:00:03.000001Z", "500", "500", "beta"),
        "garbage line");
    write(
        DIR + "2026/11/02/" + name("20261102T0005Z"),
        elb("2026-11-01T23:59:59.999999Z", "503", "-", "release"),
        elb("2026-11-02T00:00:01.000000Z", "200", "200", "release"));
    write(
        DIR + "2026/11/02/" + name("20261102T1005Z"),
        elb("2026-11-02T10:00:00.000000Z", "200", "200", "beta"));
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void csvOverOneDayUsesEachEntrysOwnDate() {
    int rc =
        run(
            "query",
            "--input",
            root.toString(),
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-01",
            "--format",
            "csv",
            "--sql",
            "SELECT channel_normalized, count(*) AS n, sum(CASE WHEN elb_response_code LIKE '5%'"
                + " THEN 1 ELSE 0 END) AS e5, sum(CASE WHEN is_lb_generated THEN 1 ELSE 0 END) AS"
                + " lb FROM balrog_elb_logs_aus5 GROUP BY channel_normalized ORDER BY"
                + " channel_normalized");
    assertThat(rc).as(err.toString()).isZero();
    assertThat(out.toString())
        .isEqualTo("channel_normalized,n,e5,lb\r\nbeta,1,1,0\r\nrelease,3,1,1\r\n");
  }

  @Test
  void jsonAndParametersWithoutInjection() {
    int rc =
        run(
            "query",
            "--input",
            root.toString(),
            "--format",
            "json",
            "-p",
            "c=beta",
            "--sql",
            "SELECT log_date, channel FROM balrog_elb_logs_aus5 WHERE channel = '{{ c }}' ORDER BY"
                + " request_time");
    assertThat(rc).as(err.toString()).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "{\"log_date\":\"2026-11-01\",\"channel\":\"beta\"}\n"
                + "{\"log_date\":\"2026-11-02\",\"channel\":\"beta\"}\n");
    out.getBuffer().setLength(0);
    rc =
        run(
            "query",
            "--input",
            root.toString(),
            "--format",
            "csv",
            "-p",
            "c=x' OR '1'='1",
            "--sql",
            "SELECT count(*) AS n FROM balrog_elb_logs_aus5 WHERE channel = '{{ c }}'");
    assertThat(rc).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("n\r\n0\r\n");
  }

  @Test
  void badSqlIsAUsageErrorWithAClearMessage() {
    assertThat(
            run(
                "query",
                "--input",
                root.toString(),
                "--sql",
                "SELECT nope FROM balrog_elb_logs_aus5"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("nope").doesNotContain("\tat ", "'Project", "Range");
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void aBadDateParameterIsOneLineWithoutAPlan() {
    assertThat(run("query", "-p", "d=2026-02-30", "--sql", "SELECT DATE '{{ d }}' AS d"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString().lines())
        .as(err.toString())
        .containsExactly(
            "balrog-logs query: [INVALID_TYPED_LITERAL] The value of the typed literal \"DATE\" is"
                + " invalid: '2026-02-30'. (line 1, position 8)");
  }

  @Test
  void aBadLimitParameterIsOneLineWithoutAPlan() {
    String sql = "SELECT id FROM range(3)\nLIMIT {{ n }}";
    assertThat(run("query", "-p", "n=ten", "--sql", sql)).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString().lines())
        .as(err.toString())
        .containsExactly(
            "balrog-logs query: [INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE] The limit like expression"
                + " \"ten\" is invalid. The limit expression must be integer type, but got"
                + " \"STRING\". (line 2, position 7)");
    err.getBuffer().setLength(0);
    assertThat(run("query", "-p", "n=-5", "--sql", sql)).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString().lines())
        .as(err.toString())
        .hasSize(1)
        .allMatch(l -> l.contains("IS_NEGATIVE"));
    assertThat(err.toString())
        .doesNotContain("Limit", "Project", "Range", "== SQL", "^^^", "\tat ");
  }

  @Test
  void noInputIsExitFour(@TempDir Path empty) {
    assertThat(
            run(
                "query",
                "--input",
                empty.toString(),
                "--sql",
                "SELECT count(*) FROM balrog_elb_logs_aus3"))
        .isEqualTo(ExitCode.NO_INPUT);
    assertThat(err.toString()).contains("no log folders");
  }
}
