package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mozilla.balrog.logs.model.AlbFields;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.NginxAccessEntry;
import org.mozilla.balrog.logs.model.NginxErrorEntry;
import org.mozilla.balrog.logs.model.SyslogLine;
import org.mozilla.balrog.logs.model.SyslogVariant;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.elb.ElbLineParser;
import org.mozilla.balrog.logs.parse.nginx.NginxAccessParser;
import org.mozilla.balrog.logs.parse.nginx.NginxErrorParser;
import org.mozilla.balrog.logs.parse.syslog.SyslogLineParser;

/**
 * The generator's line formatters and the parsers agree: any record the generator can write is
 * written as a line the parser accepts without rejection, and the parser gives back exactly the
 * fields the generator wrote.
 */
class FormatterRoundTripPropertyTest {
  private static final long FROM = Instant.parse("2016-01-01T00:00:00Z").getEpochSecond();
  private static final long TO = Instant.parse("2030-12-31T23:59:59Z").getEpochSecond();

  // ------------------------------------------------------------------ ELB / ALB

  @Property(tries = 500)
  void elbLinesParseBackToTheirFields(@ForAll("elbEntries") ElbEntry e) {
    String line = new ElbLineFormatter().format(e);
    ParseResult<ElbEntry> r = new ElbLineParser().parse(line);
    assertThat(r.isOk()).as("%s -> %s", line, r).isTrue();
    assertThat(r.value()).as(line).isEqualTo(e);
  }

  @Provide
  Arbitrary<ElbEntry> elbEntries() {
    Arbitrary<Long> micros = Arbitraries.longs().between(FROM * 1_000_000L, TO * 1_000_000L);
    Arbitrary<Boolean> alb = Arbitraries.of(false, false, true);
    Arbitrary<Boolean> tcp = Arbitraries.of(false, false, false, false, true);
    return Combinators.combine(
            micros, alb, tcp, addresses(), backends(), times(), codes(), requests())
        .as(
            (t, isAlb, isTcp, client, backend, times, codes, request) -> {
              Instant at = Instant.ofEpochSecond(t / 1_000_000L, (t % 1_000_000L) * 1000);
              String ts = iso(at);
              int scale = isAlb ? 1000 : 1_000_000;
              double[] pt = new double[3];
              for (int i = 0; i < 3; i++) {
                pt[i] = times[i] < 0 ? -1.0 : (double) (times[i] % (10L * scale)) / scale;
              }
              AlbFields a = null;
              Instant requestTime = at;
              if (isAlb) {
                Instant created = at.minusMillis(times[3] % 1000 < 0 ? 0 : times[3] % 1000);
                requestTime = created;
                a =
                    new AlbFields(
                        "https",
                        at,
                        "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/x/73e2",
                        "Root=1-60b605c0-0123456789abcdef01234567",
                        "aus-api.mozilla.org",
                        null,
                        "0",
                        created,
                        "forward",
                        null,
                        null,
                        backend[0] == null ? null : backend[0] + ":" + backend[1],
                        codes[1] == null ? null : codes[1].toString(),
                        null,
                        null,
                        times[3] % 2 == 0 ? null : "TID_abc123");
              }
              boolean tcpLine = isTcp && !isAlb;
              return new ElbEntry(
                  ts,
                  requestTime,
                  isAlb ? "app/aus-api-prod/50dc6c495c0c9188" : "aus5-prod",
                  (String) client[0],
                  (Integer) client[1],
                  backend[0] == null ? null : (String) backend[0],
                  backend[0] == null ? null : (Integer) backend[1],
                  pt[0],
                  pt[1],
                  pt[2],
                  tcpLine ? null : codes[0],
                  tcpLine ? null : codes[1],
                  Math.abs(times[3]) % 100_000,
                  Math.abs(times[4]),
                  tcpLine ? null : request[0],
                  tcpLine ? null : request[1],
                  tcpLine ? null : "HTTP/1.1",
                  tcpLine ? null : request[2],
                  tcpLine ? null : "ECDHE-RSA-AES128-GCM-SHA256",
                  tcpLine ? null : "TLSv1.2",
                  a);
            });
  }

  private static String iso(Instant at) {
    return java.time.format.DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC)
        .format(at);
  }

  /** {ip, port}: IPv4 or IPv6. */
  private Arbitrary<Object[]> addresses() {
    Arbitrary<String> v4 =
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    Arbitrary<String> v6 =
        Arbitraries.integers()
            .between(0, 0xffff)
            .list()
            .ofSize(3)
            .map(
                l ->
                    String.format(Locale.ROOT, "2001:db8:%x::%x:%x", l.get(0), l.get(1), l.get(2)));
    return Combinators.combine(Arbitraries.oneOf(v4, v6), Arbitraries.integers().between(1, 65535))
        .as((ip, port) -> new Object[] {ip, port});
  }

  /** {ip or null, port}. */
  private Arbitrary<Object[]> backends() {
    return Arbitraries.oneOf(addresses(), Arbitraries.just(new Object[] {null, null}));
  }

  /** three processing times (negative: -1), received bytes, sent bytes. */
  private Arbitrary<long[]> times() {
    return Arbitraries.longs().between(-3, 50_000_000L).array(long[].class).ofSize(5);
  }

  /** {elb status, backend status or null}. */
  private Arbitrary<Integer[]> codes() {
    Arbitrary<Integer> code = Arbitraries.of(200, 204, 301, 400, 404, 500, 502, 503, 504);
    return Combinators.combine(code, Arbitraries.oneOf(code, Arbitraries.just(null)))
        .as((a, b) -> new Integer[] {a, b});
  }

  /** {verb, url (may hold raw spaces), user agent or null}. */
  private Arbitrary<String[]> requests() {
    Arbitrary<String> path =
        Arbitraries.strings()
            .withChars("abcXYZ019/%.,:_-()+ ")
            .ofMinLength(1)
            .ofMaxLength(60)
            .filter(s -> !s.startsWith(" ") && !s.endsWith(" "));
    Arbitrary<String> ua =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .withChars("Mozilla/5.0 (Windows NT; rv:65.0) Gecko Firefox,x86_64")
                .ofMinLength(1)
                .ofMaxLength(80)
                .filter(s -> !s.equals("-")),
            Arbitraries.just(null));
    return Combinators.combine(Arbitraries.of("GET", "POST", "HEAD"), path, ua)
        .as((v, p, u) -> new String[] {v, "https://aus5.mozilla.org:443/" + p, u});
  }

  // ------------------------------------------------------------------ nginx

  @Property(tries = 500)
  void nginxAccessLinesParseBackToTheirFields(@ForAll("accessEntries") NginxAccessEntry e) {
    String line = new NginxAccessFormatter().format(e);
    ParseResult<NginxAccessEntry> r = new NginxAccessParser().parse(line);
    assertThat(r.isOk()).as("%s -> %s", line, r).isTrue();
    assertThat(r.value()).as(line).isEqualTo(e);
  }

  @Provide
  Arbitrary<NginxAccessEntry> accessEntries() {
    Arbitrary<Long> millis = Arbitraries.longs().between(FROM * 1000, TO * 1000);
    Arbitrary<String> uri =
        Arbitraries.of(
            "/api/rules",
            "/api/releases/Firefox-65.0-build1",
            "/__heartbeat__",
            "/api/scheduled_changes/rules?all=1",
            "/api/rules/42/revisions");
    Arbitrary<String> ua =
        Arbitraries.strings()
            .withChars("Mozilla/5.0 \"quoted\\ é python aiohttp")
            .ofMinLength(1)
            .ofMaxLength(50)
            .filter(s -> !s.equals("-"));
    Arbitrary<String> upstream =
        Arbitraries.of(null, "0.012", "0.012, 0.034", "0.012 : 0.030", "1.500");
    return Combinators.combine(
            millis,
            Arbitraries.of("admin", "agent"),
            uri,
            Arbitraries.of(200, 201, 401, 404, 500, 502),
            ua,
            upstream,
            Arbitraries.of(null, "alice", "ldap-user"),
            Arbitraries.integers().between(0, 99_999))
        .as(
            (ms, server, u, status, agent, up, user, n) -> {
              String msec = String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
              Double total = null;
              if (up != null) {
                double sum = 0;
                for (String part : up.split("[ ,:]+")) {
                  sum += Double.parseDouble(part);
                }
                total = sum;
              }
              return new NginxAccessEntry(
                  server,
                  msec,
                  Instant.ofEpochMilli(ms),
                  "10.0.1." + (n % 250),
                  "GET " + u + " HTTP/1.1",
                  "GET",
                  u,
                  "HTTP/1.1",
                  status,
                  100L + n,
                  (long) n * 3,
                  user,
                  (n % 1000) / 1000.0,
                  up,
                  total,
                  agent,
                  n % 3 == 0 ? null : "2.5" + (n % 10));
            });
  }

  @Property(tries = 500)
  void nginxErrorLinesParseBackToTheirFields(@ForAll("errorEntries") NginxErrorEntry e) {
    String line = new NginxErrorFormatter().format(e);
    ParseResult<NginxErrorEntry> r = new NginxErrorParser().parse(line);
    assertThat(r.isOk()).as("%s -> %s", line, r).isTrue();
    assertThat(r.value()).as(line).isEqualTo(e);
  }

  @Provide
  Arbitrary<NginxErrorEntry> errorEntries() {
    Arbitrary<Long> secs = Arbitraries.longs().between(FROM, TO);
    Arbitrary<String> message =
        Arbitraries.of(
            "connect() failed (111: Connection refused) while connecting to upstream",
            "upstream timed out (110: Connection timed out) while reading response header from"
                + " upstream",
            "a client request body is buffered to a temporary file"
                + " /var/cache/nginx/client_temp/0000000001",
            "open() \"/usr/share/nginx/html/favicon.ico\" failed (2: No such file or directory)");
    return Combinators.combine(
            secs,
            Arbitraries.of("error", "warn", "crit", "info"),
            message,
            Arbitraries.integers().between(1, 99_999),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (s, level, msg, n, withConn, withContext) ->
                new NginxErrorEntry(
                    Instant.ofEpochSecond(s),
                    level,
                    n % 64,
                    n % 64,
                    withConn ? (long) n * 7 : null,
                    msg,
                    withContext ? "10.0.1." + (n % 250) : null,
                    withContext ? "aus4-admin.mozilla.org" : null,
                    withContext ? "GET /api/rules HTTP/1.1" : null,
                    null,
                    withContext && n % 2 == 0 ? "http://172.18.0.3:7070/rules" : null,
                    withContext ? "aus4-admin.mozilla.org" : null,
                    null));
  }

  // ------------------------------------------------------------------ syslog

  @Property(tries = 500)
  void syslogLinesParseBackToTheirFields(@ForAll("syslogLines") SyslogLine l) {
    String line = new SyslogFormatter().format(l);
    LocalDate folder = LocalDate.ofInstant(l.eventTime(), ZoneOffset.UTC);
    ParseResult<SyslogLine> r = new SyslogLineParser(folder).parse(line);
    assertThat(r.isOk()).as("%s -> %s", line, r).isTrue();
    assertThat(r.value()).as(line).isEqualTo(l);
  }

  @Provide
  Arbitrary<SyslogLine> syslogLines() {
    Arbitrary<Long> micros = Arbitraries.longs().between(FROM * 1_000_000L, TO * 1_000_000L);
    Arbitrary<String> message =
        Arbitraries.of(
            "{\"Timestamp\": 1551794523456789000, \"Type\": \"auslib.web.admin.base\", \"Logger\":"
                + " \"Balrog\"}",
            "Traceback (most recent call last):",
            "  File \"/app/auslib/db.py\", line 3183, in upgrade",
            "*** Starting uWSGI 2.0.18 (64bit) on [Tue Mar  5 14:02:03 2019] ***",
            "sqlalchemy.exc.OperationalError: (2003, \"Can't connect to MySQL server on 'db'\")",
            "goodbye to uWSGI.");
    return Combinators.combine(
            micros,
            Arbitraries.of(SyslogVariant.values()),
            message,
            Arbitraries.strings().withChars("0123456789abcdef").ofLength(12),
            Arbitraries.of(27, 30, 134),
            Arbitraries.of(true, false))
        .as(
            (t, variant, msg, id, pri, withPid) -> {
              boolean fraction =
                  variant == SyslogVariant.RFC5424 || variant == SyslogVariant.SRSLOG_DEFAULT;
              Instant at =
                  fraction
                      ? Instant.ofEpochSecond(t / 1_000_000L, (t % 1_000_000L) * 1000)
                      : Instant.ofEpochSecond(t / 1_000_000L);
              String host = variant == SyslogVariant.SRSLOG_UNIX ? null : "ip-10-0-4-21";
              String tag = variant == SyslogVariant.RFC5424 ? id : "docker/" + id;
              Integer p = variant == SyslogVariant.RFC3164_NO_PRI ? null : pri;
              return new SyslogLine(
                  variant,
                  p,
                  at,
                  host,
                  tag,
                  withPid ? "1187" : null,
                  variant == SyslogVariant.RFC5424 ? id : null,
                  null,
                  msg);
            });
  }
}
