package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.AlbFields;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.NginxAccessEntry;
import org.mozilla.balrog.logs.model.NginxErrorEntry;
import org.mozilla.balrog.logs.model.SyslogLine;
import org.mozilla.balrog.logs.model.SyslogVariant;

/** The formatters reproduce the example lines of the fixtures (*-formats-md.log) byte for byte. */
class GenFormattersTest {
  private static final String URL =
      "https://aus5.mozilla.org:443/update/6/Firefox/65.0.2/20190225143245/"
          + "WINNT_x86_64-msvc-x64/en-US/release/Windows_NT%2010.0.0.0.17763.316%20(x64)/ISET:SSE4_2,MEM:8192/default/"
          + "default/update.xml";
  private static final String UA =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:65.0) Gecko/20100101 Firefox/65.0";

  private final ElbLineFormatter elb = new ElbLineFormatter();

  @Test
  void classicElbUpdateCheck() {
    ElbEntry e =
        new ElbEntry(
            "2019-03-05T14:02:03.123456Z",
            Instant.parse("2019-03-05T14:02:03.123456Z"),
            "aus5-prod",
            "198.51.100.23",
            51234,
            "10.0.4.21",
            8080,
            0.000041,
            0.004512,
            0.000027,
            200,
            200,
            0,
            42,
            "GET",
            URL,
            "HTTP/1.1",
            UA,
            "ECDHE-RSA-AES128-GCM-SHA256",
            "TLSv1.2",
            null);
    assertThat(elb.format(e))
        .isEqualTo(
            "2019-03-05T14:02:03.123456Z aus5-prod 198.51.100.23:51234 10.0.4.21:8080 "
                + "0.000041 0.004512 0.000027 200 200 0 42 \"GET "
                + URL
                + " HTTP/1.1\" \""
                + UA
                + "\" "
                + "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2");
  }

  @Test
  void classicElbNotDispatchedAndTcp() {
    ElbEntry timeout =
        new ElbEntry(
            "2019-03-05T14:02:04.000001Z",
            Instant.parse("2019-03-05T14:02:04.000001Z"),
            "aus5-prod",
            "198.51.100.24",
            40000,
            null,
            null,
            -1,
            -1,
            -1,
            504,
            null,
            0,
            0,
            "GET",
            URL,
            "HTTP/1.1",
            UA,
            "ECDHE-RSA-AES128-GCM-SHA256",
            "TLSv1.2",
            null);
    assertThat(elb.format(timeout))
        .startsWith(
            "2019-03-05T14:02:04.000001Z aus5-prod 198.51.100.24:40000 - -1 -1 -1 504 - 0 0 \"GET"
                + " https://");
    ElbEntry tcp =
        new ElbEntry(
            "2019-03-05T14:02:05.123400Z",
            Instant.parse("2019-03-05T14:02:05.123400Z"),
            "aus5-prod",
            "198.51.100.25",
            2817,
            "10.0.4.22",
            8080,
            0.001069,
            0.000028,
            0.000041,
            null,
            null,
            82,
            305,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(elb.format(tcp))
        .isEqualTo(
            "2019-03-05T14:02:05.123400Z aus5-prod 198.51.100.25:2817 10.0.4.22:8080 "
                + "0.001069 0.000028 0.000041 - - 82 305 \"- - - \" \"-\" - -");
  }

  @Test
  void ipv6ClientKeepsTheLastColonAsPortSeparator() {
    ElbEntry e =
        new ElbEntry(
            "2019-03-05T14:02:03.123456Z",
            Instant.parse("2019-03-05T14:02:03.123456Z"),
            "aus5-prod",
            "2a02:8109:1:2::3",
            443,
            "10.0.4.21",
            8080,
            0.000041,
            0.004512,
            0.000027,
            200,
            200,
            0,
            42,
            "GET",
            URL,
            "HTTP/1.1",
            UA,
            "c",
            "p",
            null);
    assertThat(elb.format(e)).contains(" 2a02:8109:1:2::3:443 ");
  }

  @Test
  void alb() {
    AlbFields alb =
        new AlbFields(
            "https",
            Instant.parse("2021-06-01T10:00:00.123456Z"),
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/balrog-api/73e2d6bc24d8a067",
            "Root=1-60b605c0-0123456789abcdef01234567",
            "aus-api.mozilla.org",
            "arn:aws:acm:us-west-2:123456789012:certificate/12345678-1234-1234-1234-123456789012",
            "0",
            Instant.parse("2021-06-01T10:00:00.110000Z"),
            "forward",
            null,
            null,
            "10.1.2.3:8080",
            "200",
            null,
            null,
            null);
    ElbEntry e =
        new ElbEntry(
            "2021-06-01T10:00:00.123456Z",
            Instant.parse("2021-06-01T10:00:00.110000Z"),
            "app/aus-api-prod/50dc6c495c0c9188",
            "198.51.100.7",
            50212,
            "10.1.2.3",
            8080,
            0.001,
            0.012,
            0.0,
            200,
            200,
            312,
            1845,
            "GET",
            "https://aus-api.mozilla.org:443/api/v1/rules/firefox-release",
            "HTTP/1.1",
            "curl/7.68.0",
            "ECDHE-RSA-AES128-GCM-SHA256",
            "TLSv1.2",
            alb);
    assertThat(elb.format(e))
        .isEqualTo(
            "https 2021-06-01T10:00:00.123456Z app/aus-api-prod/50dc6c495c0c9188 198.51.100.7:50212"
                + " 10.1.2.3:8080 0.001 0.012 0.000 200 200 312 1845 \"GET"
                + " https://aus-api.mozilla.org:443/api/v1/rules/firefox-release HTTP/1.1\""
                + " \"curl/7.68.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
                + " arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/balrog-api/73e2d6bc24d8a067"
                + " \"Root=1-60b605c0-0123456789abcdef01234567\" \"aus-api.mozilla.org\""
                + " \"arn:aws:acm:us-west-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\""
                + " 0 2021-06-01T10:00:00.110000Z \"forward\" \"-\" \"-\" \"10.1.2.3:8080\" \"200\""
                + " \"-\" \"-\"");
  }

  @Test
  void nginxAccessWithEscapes() {
    NginxAccessEntry e =
        new NginxAccessEntry(
            "admin",
            "1551794523.456",
            Instant.ofEpochMilli(1551794523456L),
            "10.0.1.12",
            "GET /api/rules?product=Firefox HTTP/1.1",
            "GET",
            "/api/rules?product=Firefox",
            "HTTP/1.1",
            200,
            512L,
            20480,
            null,
            0.087,
            "0.085",
            0.085,
            "Mozilla/5.0 (X11; Linux x86_64; rv:65.0) Gecko/20100101 Firefox/65.0",
            null);
    NginxAccessFormatter f = new NginxAccessFormatter();
    assertThat(f.format(e))
        .isEqualTo(
            "admin 1551794523.456 \"10.0.1.12\" \"GET /api/rules?product=Firefox HTTP/1.1\" 200 512"
                + " 20480 - 0.087 0.085 \"Mozilla/5.0 (X11; Linux x86_64; rv:65.0) Gecko/20100101"
                + " Firefox/65.0\" \"-\"");
    NginxAccessEntry q =
        new NginxAccessEntry(
            "agent",
            "1551794530.002",
            Instant.ofEpochMilli(1551794530002L),
            "127.0.0.1",
            "GET /x HTTP/1.1",
            "GET",
            "/x",
            "HTTP/1.1",
            401,
            301L,
            2,
            null,
            0.0,
            null,
            null,
            "a \"quoted\" \\ é",
            "-");
    assertThat(f.format(q))
        .endsWith(" 401 301 2 - 0.000 - \"a \\x22quoted\\x22 \\x5C \\xC3\\xA9\" \"-\"");
  }

  @Test
  void nginxError() {
    NginxErrorEntry e =
        new NginxErrorEntry(
            Instant.parse("2019-03-05T14:02:03Z"),
            "error",
            7,
            7,
            1523L,
            "connect() failed (111: Connection refused) while connecting to upstream",
            "10.0.1.12",
            "",
            "GET /api/rules HTTP/1.1",
            null,
            "http://172.18.0.3:7070/rules",
            "aus4-admin.mozilla.org",
            null);
    assertThat(new NginxErrorFormatter().format(e))
        .isEqualTo(
            "2019/03/05 14:02:03 [error] 7#7: *1523 connect() failed (111: Connection refused)"
                + " while connecting to upstream, client: 10.0.1.12, server: , request: \"GET"
                + " /api/rules HTTP/1.1\", upstream: \"http://172.18.0.3:7070/rules\", host:"
                + " \"aus4-admin.mozilla.org\"");
  }

  @Test
  void syslogVariants() {
    SyslogFormatter f = new SyslogFormatter();
    Instant t = Instant.parse("2019-03-05T14:02:03Z");
    assertThat(
            f.format(
                new SyslogLine(
                    SyslogVariant.RFC3164_NO_PRI,
                    null,
                    t,
                    "ip-10-0-4-21",
                    "docker/9b1c2d3e4f5a",
                    "1187",
                    null,
                    null,
                    "{\"a\": 1}")))
        .isEqualTo("Mar  5 14:02:03 ip-10-0-4-21 docker/9b1c2d3e4f5a[1187]: {\"a\": 1}");
    assertThat(
            f.format(
                new SyslogLine(
                    SyslogVariant.RFC3164, 27, t, "h", "docker/x", "1", null, null, "m")))
        .isEqualTo("<27>Mar  5 14:02:03 h docker/x[1]: m");
    assertThat(
            f.format(
                new SyslogLine(
                    SyslogVariant.RFC5424,
                    34,
                    Instant.parse("2003-10-11T22:14:15.003Z"),
                    "mymachine.example.com",
                    "su",
                    null,
                    "ID47",
                    null,
                    "'su root' failed for lonvick on /dev/pts/8")))
        .isEqualTo(
            "<34>1 2003-10-11T22:14:15.003000Z mymachine.example.com su - ID47 - 'su root' failed"
                + " for lonvick on /dev/pts/8");
    assertThat(
            f.format(
                new SyslogLine(
                    SyslogVariant.SRSLOG_DEFAULT, 30, t, "h", "docker/x", "9", null, null, "m")))
        .isEqualTo("<30> 2019-03-05T14:02:03Z h docker/x[9]: m");
    assertThat(
            f.format(
                new SyslogLine(
                    SyslogVariant.SRSLOG_UNIX,
                    30,
                    Instant.parse("2019-12-25T01:02:03Z"),
                    null,
                    "docker/x",
                    "9",
                    null,
                    null,
                    "m")))
        .isEqualTo("<30>Dec 25 01:02:03 docker/x[9]: m");
  }
}
