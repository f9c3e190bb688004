package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.RateBucket;
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.model.TimeWindow;
import org.mozilla.balrog.logs.parse.RealWorld;

/**
 * The ELB pass's byte-level fast path ({@link PopulationLines}) against its reference, the string
 * parsers ({@code ElbLineParser}, {@code UpdateUrlParser}, as {@link ElbTally#reference} applies
 * them): on every line of a generated day of the update domains and the ELB fixtures, on targeted
 * edge cases, and on many random mutations of those lines, a line tallied through the fast path
 * gives exactly the reference's tally (population cell, requests, background requests, fingerprint;
 * audit counts; request bucket with its latencies; window minutes), whatever the fast path decides.
 */
class PopulationLinesTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);

  @TempDir static Path logs;
  static final List<byte[]> LINES = new ArrayList<>();

  /** A generated /update/6 line of DAY; edge cases are built from it. */
  static final String TEMPLATE =
      "2026-11-01T10:15:00.123456Z aus5-prod 203.0.113.7:40000 10.0.4.21:8000 0.000042 0.001654"
          + " 0.000022 200 200 0 42 \"GET"
          + " https://aus5.mozilla.org:443/update/6/Firefox/145.0.1/20260905220100/WINNT_x86_64-msvc-x64/pt-BR/"
          + "release/Windows_NT%2010.0.0.0.19045.6332%20(x64)/ISET:SSE4_2,MEM:65536/default/default/update.xml"
          + " HTTP/1.1\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101"
          + " Firefox/145.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2";

  @BeforeAll
  static void lines() throws IOException, URISyntaxException {
    new SampleGenerator()
        .run(new GeneratorConfig(logs, DAY, 2, 3_000, 11L, false, false, List.of(), 1.0), null);
    Path fixtures = Path.of(PopulationLinesTest.class.getResource("/fixtures/elb").toURI());
    for (Path root : List.of(logs.resolve("elb"), fixtures)) {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          try (InputStream in = Files.newInputStream(p);
              LineReader r = LineReader.open(in)) {
            for (int len = r.nextBytes(); len != LineReader.END; len = r.nextBytes()) {
              if (len >= 0) {
                LINES.add(Arrays.copyOf(r.bytes(), len));
              }
            }
          }
        }
      }
    }
  }

  /** Windows the tallies count minutes of: the whole day, and one across the day's start. */
  static final List<TimeWindow> WINDOWS =
      List.of(
          new TimeWindow(
              DAY.atStartOfDay().toInstant(ZoneOffset.UTC),
              DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
          new TimeWindow(
              Instant.parse("2026-10-31T23:00:00Z"), Instant.parse("2026-11-01T10:30:00.5Z")));

  /**
   * The tally of one line of aus5: through the fast path (falling back as in production), or the
   * reference's.
   */
  static ElbTally tally(byte[] line, boolean reference) {
    return tally(line, reference, DAY, WINDOWS);
  }

  static ElbTally tally(byte[] line, boolean reference, LocalDate day, List<TimeWindow> windows) {
    ElbTally t = new ElbTally(day, windows);
    t.begin(LogSource.AUS5, day);
    if (reference) {
      t.reference(new String(line, StandardCharsets.UTF_8));
    } else {
      t.line(line, line.length);
    }
    t.end();
    return t.finish();
  }

  /**
   * The tallies of one line agree: population cells, audit, request buckets, window minutes and
   * version hours.
   */
  static void assertAgrees(byte[] line) {
    assertAgrees(line, DAY, WINDOWS);
  }

  /** {@link #assertAgrees(byte[])} for a tally of {@code day} counting {@code windows}. */
  static void assertAgrees(byte[] line, LocalDate day, List<TimeWindow> windows) {
    ElbTally fast = tally(line, false, day, windows);
    ElbTally reference = tally(line, true, day, windows);
    List<PopulationCells.Partial> got = fast.cells();
    List<PopulationCells.Partial> want = reference.cells();
    String shown = new String(line, StandardCharsets.UTF_8);
    assertThat(got).as(shown).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i).cell()).as(shown).isEqualTo(want.get(i).cell());
      assertThat(got.get(i).requests()).as(shown).isEqualTo(want.get(i).requests());
      assertThat(got.get(i).backgroundRequests())
          .as(shown)
          .isEqualTo(want.get(i).backgroundRequests());
      assertThat(got.get(i).fingerprints()).as(shown).containsExactly(want.get(i).fingerprints());
    }
    SourceCounts fa = fast.small().audit().get(LogSource.AUS5).of(LogSource.AUS5);
    SourceCounts ra = reference.small().audit().get(LogSource.AUS5).of(LogSource.AUS5);
    assertThat(fa).as(shown).isEqualTo(ra);
    List<RateBucket> fb = fast.small().buckets();
    List<RateBucket> rb = reference.small().buckets();
    assertThat(fb).as(shown).hasSameSizeAs(rb);
    for (int i = 0; i < rb.size(); i++) {
      assertThat(fb.get(i))
          .as(shown)
          .usingRecursiveComparison()
          .ignoringFields("latency")
          .isEqualTo(rb.get(i));
      for (double q : new double[] {0.5, 0.95, 0.99}) {
        assertThat(fb.get(i).latency().quantile(q))
            .as(shown)
            .isEqualTo(rb.get(i).latency().quantile(q));
      }
    }
    assertThat(fast.small().minutes())
        .as(shown)
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyInAnyOrderElementsOf(reference.small().minutes());
    assertThat(fast.small().versionHours())
        .as(shown)
        .containsExactlyInAnyOrderElementsOf(reference.small().versionHours());
  }

  /**
   * The real-world Classic ELB and ALB lines of other projects' test suites ({@code
   * shared/realworld/}), each tallied for its own date (so the fast path sees them as lines of the
   * day) with a window around it, as they are and with their request's URL replaced by each real
   * Balrog URL of {@code balrog_urls.txt} (the real lines request other sites): the fast path
   * agrees with the reference on every one, and takes many of the Balrog ones itself.
   */
  @Test
  void everyRealWorldElbLineAgreesWithTheReferenceOnItsOwnDay() {
    List<String> urls =
        RealWorld.lines("balrog_urls.txt").stream().map(RealWorld.Line::text).toList();
    Pattern url = Pattern.compile("\"GET \\S+ HTTP/1\\.1\"");
    int lines = 0;
    int counted = 0;
    for (String file :
        List.of("elb_classic.log", "elb_classic_negative.log", "alb.log", "alb_negative.log")) {
      for (RealWorld.Line l : RealWorld.lines(file)) {
        List<String> variants = new ArrayList<>();
        variants.add(l.text());
        Matcher m = url.matcher(l.text());
        if (m.find()) {
          for (String u : urls) {
            variants.add(
                l.text().substring(0, m.start())
                    + "\"GET https://aus5.mozilla.org:443"
                    + u
                    + " HTTP/1.1\""
                    + l.text().substring(m.end()));
          }
        }
        for (String v : variants) {
          byte[] b = v.getBytes(StandardCharsets.UTF_8);
          LocalDate day = dayOf(b);
          Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
          assertAgrees(
              b, day, List.of(new TimeWindow(start, start.plus(java.time.Duration.ofDays(1)))));
          lines++;
          if (new PopulationLines(day).scan(b, b.length, "aus5") == PopulationLines.COUNTED) {
            counted++;
          }
        }
      }
    }
    assertThat(lines).isGreaterThan(10_000);
    assertThat(counted).as("lines counted by the fast path").isGreaterThan(1_000);
  }

  /** The date a line starts with, else {@link #DAY}. */
  static LocalDate dayOf(byte[] b) {
    if (b.length >= 10 && b[0] >= '0' && b[0] <= '9') {
      try {
        return LocalDate.parse(new String(b, 0, 10, StandardCharsets.US_ASCII));
      } catch (java.time.format.DateTimeParseException e) {
        return DAY;
      }
    }
    return DAY;
  }

  static int outcome(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return new PopulationLines(DAY).scan(b, b.length, "aus5");
  }

  @Test
  void everyGeneratedAndFixtureLineAgreesWithTheReference() {
    int[] outcomes = new int[3];
    PopulationLines fast = new PopulationLines(DAY);
    byte[] day = (DAY + "T").getBytes(StandardCharsets.US_ASCII);
    int ofDay = 0;
    for (byte[] line : LINES) {
      assertAgrees(line);
      int outcome = fast.scan(line, line.length, "aus5");
      if (line.length > day.length && Arrays.equals(line, 0, day.length, day, 0, day.length)) {
        ofDay++;
        outcomes[outcome]++;
      }
    }
    assertThat(LINES).hasSizeGreaterThan(10_000);
    // the fast path decides nearly every Classic line of the day itself: only damaged ones fall
    // back
    assertThat(outcomes[PopulationLines.DECLINED])
        .as(Arrays.toString(outcomes))
        .isLessThan(ofDay / 100);
    assertThat(outcomes[PopulationLines.COUNTED])
        .as(Arrays.toString(outcomes))
        .isGreaterThan(5_000);
    // heartbeats and other routes (most lines of so small a day)
    assertThat(outcomes[PopulationLines.SKIP]).as(Arrays.toString(outcomes)).isGreaterThan(5_000);
  }

  @Test
  void theCommonLineIsCountedByTheFastPathWithTheReferencesCell() {
    assertThat(outcome(TEMPLATE)).isEqualTo(PopulationLines.COUNTED);
    byte[] b = TEMPLATE.getBytes(StandardCharsets.UTF_8);
    ElbTally t = tally(b, false);
    PopulationCells.Partial p = t.cells().get(0);
    assertThat(p.cell())
        .isEqualTo(
            new UpdateCell("aus5", "Firefox", "release", false, "145.0.1", "WINNT", "x86_64"));
    assertThat(p.backgroundRequests()).isEqualTo(1);
    assertAgrees(b);
  }

  @Test
  void edgeCasesAgreeAndTheFastPathDecidesWhatItShould() {
    String url =
        "https://aus5.mozilla.org:443/update/6/Firefox/145.0.1/20260905220100/WINNT_x86_64-msvc-x64/pt-BR/"
            + "release/Windows_NT%2010.0.0.0.19045.6332%20(x64)/ISET:SSE4_2,MEM:65536/default/default/update.xml";
    String[][] cases = {
      // {replace this, with this, expected fast outcome or "" for any}
      {"2026-11-01T10", "2026-11-02T10", "SKIP"},
      {"2026-11-01T10", "2026-10-31T10", "SKIP"},
      {"T10:15:00.123456Z", "T10:15:00Z", "COUNTED"},
      {"T10:15:00.123456Z", "T24:15:00Z", "DECLINED"},
      {"T10:15:00.123456Z", "T10:15:00+01:00", "DECLINED"},
      {"T10:15:00.123456Z", "T10:15:60.1Z", "DECLINED"},
      {"T10:15:00.123456Z", "T10:15:00.1234567890Z", "DECLINED"},
      {"%2010.0", "%252010.0", "COUNTED"},
      {"%2010.0", "%25252010.0", "COUNTED"},
      {"%2010.0", "%2525252010.0", "COUNTED"},
      {"%2010.0", "%2", "COUNTED"},
      {"%2010.0", "%zz", "COUNTED"},
      {"%2010.0", "%%41", "COUNTED"},
      {"%2010.0", "%C3%A9", "DECLINED"},
      {"%2010.0", "\u00e9", "DECLINED"},
      {"(x64)/ISET", "(x64)(noBug1296630v1)(nowebsense)/ISET", "COUNTED"},
      {"(x64)/ISET", "(nowebsense)(noBug1296630v1)/ISET", "COUNTED"},
      {"/pt-BR/release/", "/pt-BR/release-cck-mozillaonline/", "COUNTED"},
      {"/pt-BR/release/", "/pt-BR/release-localtest/", "COUNTED"},
      {"/pt-BR/release/", "/pt-BR/beta-cck-x-cdntest/", "COUNTED"},
      {"/pt-BR/release/", "/pt-BR/rel%2Fease/", "COUNTED"},
      {"/pt-BR/release/", "/pt-BR//", "COUNTED"},
      {"WINNT_x86_64-msvc-x64", "_x86", "COUNTED"},
      {"WINNT_x86_64-msvc-x64", "Linux", "COUNTED"},
      {"WINNT_x86_64-msvc-x64", "", "COUNTED"},
      {"update.xml HTTP", "update.xml?force=1 HTTP", "COUNTED"},
      {"update.xml HTTP", "update.xml?force HTTP", "COUNTED"},
      {"update.xml HTTP", "update.xml?force= HTTP", "COUNTED"},
      {"update.xml HTTP", "update.xml?forced=1&x=force HTTP", "COUNTED"},
      {"update.xml HTTP", "update.xml?a=1&force=-1&b HTTP", "COUNTED"},
      {"update.xml HTTP", "update.xml?%66orce=1 HTTP", "DECLINED"},
      {"update.xml HTTP", "update.xml?force=1%3Favast=1 HTTP", "COUNTED"},
      {"update.xml HTTP", "update.xml? HTTP", "COUNTED"},
      {"update.xml HTTP", "update.xml#frag HTTP", "SKIP"},
      {"/update/6/Firefox", "/update/7/Firefox", "DECLINED"},
      {"/update/6/Firefox", "/update/06/Firefox", "DECLINED"},
      {"/update/6/Firefox", "/update/5/Firefox", "COUNTED"},
      {"/update/6/Firefox", "/update/x/Firefox", "DECLINED"},
      {"/default/default/update.xml", "/default/update.xml", "DECLINED"},
      {"/default/default/update.xml", "/default/default/update.json", "SKIP"},
      {"https://aus5.mozilla.org:443", "", "COUNTED"},
      {"https://aus5.mozilla.org:443", "http://aus5.mozilla.org", "COUNTED"},
      {"https://aus5.mozilla.org:443", "HTTPS://aus5.mozilla.org", "DECLINED"},
      {"https://aus5.mozilla.org:443/", "https://aus5.mozilla.org:443?/", "DECLINED"},
      {url, "/__heartbeat__", "SKIP"},
      {url, "/api/v1/rules", "SKIP"},
      {url, "-", "SKIP"},
      {
        url,
        "/update/3/Firefox/115.0esrpre/20230101/WINNT_x86-msvc/en-US/esr/Windows_NT%2010.0/default/default/"
            + "update.xml",
        "COUNTED"
      },
      {
        url,
        "/update/3/Firefox/115.0esrpre/20230101/WINNT_x86-msvc/en-US/esr/Windows_NT%2010.0/default/"
            + "update.xml",
        "DECLINED"
      },
      {
        url,
        "/update/4/Firefox/115.0esrpre/20230101/WINNT_x86-msvc/en-US/esr/Windows_NT%2010.0/default/default/"
            + "10.0/update.xml",
        "COUNTED"
      },
      {url, "/update/1/Firefox/3.6/2010/Linux_x86-gcc3/en-US/release/update.xml", "COUNTED"},
      {
        url,
        "/update/2/Firefox/3.6/2010/Linux_x86-gcc3/en-US/release/Linux%202.6/update.xml",
        "COUNTED"
      },
      {url, "/json/1/Firefox/145.0/WINNT_x86_64-msvc-x64/release/update.json", "COUNTED"},
      {
        url,
        "/json/2/Firefox/145.0/WINNT_x86_64-msvc-x64/release/Windows_NT%2010.0/update.json",
        "COUNTED"
      },
      {url, "/json/3/Firefox/145.0/WINNT/release/update.json", "DECLINED"},
      {url, "/Firefox Setup 145.0.exe", "SKIP"},
      {
        url,
        "/update/6/Fire"
            + " fox/145.0.1/1/WINNT_x86_64/en-US/release/os/caps/default/default/update.xml",
        "COUNTED"
      },
      {"GET https", "GET  https", "DECLINED"},
      {"GET https", "https", "DECLINED"},
      {" HTTP/1.1\"", "\"", "DECLINED"},
      {" HTTP/1.1\"", " junk\"", "COUNTED"},
      {"203.0.113.7:40000", "[2001:db8::1]:40000", "DECLINED"},
      {"203.0.113.7:40000", "2001:db8::1:40000", "COUNTED"},
      {"203.0.113.7:40000", "203.0.113.7:70000", "DECLINED"},
      {"203.0.113.7:40000", "203.0.113.7", "DECLINED"},
      {"203.0.113.7:40000", "-", "DECLINED"},
      {"10.0.4.21:8000", "-", "COUNTED"},
      {"0.000042 0.001654", "-1 0.001654", "COUNTED"},
      {"0.000042 0.001654", "- 0.001654", "COUNTED"},
      {"0.000042 0.001654", ".5 5.", "COUNTED"},
      {"0.000042 0.001654", "1e-5 0.001654", "DECLINED"},
      {"200 200 0 42", "- - - -", "COUNTED"},
      {"200 200 0 42", "200 200 0 4x", "DECLINED"},
      {"200 200 0 42", "2000000000 200 0 42", "DECLINED"},
      {"\"Mozilla/5.0", "\"Mozilla\\\"/5.0", "DECLINED"},
      {"\"Mozilla/5.0", "\"Mozilla\"/5.0", "DECLINED"},
      {"\"Mozilla/5.0", "\"Mozilla\t/5.0", "COUNTED"},
      {
        "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0\"",
        "\"-\"",
        "COUNTED"
      },
      {
        "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0\"",
        "\"\"",
        "COUNTED"
      },
      {" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2", "", "DECLINED"},
      {" TLSv1.2", " TLSv1.2 extra", "DECLINED"},
      {" TLSv1.2", " TLSv1.2 ", "DECLINED"},
      {"aus5-prod", "aus5-\"prod", "COUNTED"},
      {"2026-11-01T10:15:00.123456Z ", "2026-11-01T10:15:00.123456Z  ", "DECLINED"},
    };
    for (String[] c : cases) {
      assertThat(TEMPLATE).as(c[0]).contains(c[0]);
      String line = TEMPLATE.replace(c[0], c[1]);
      assertAgrees(line.getBytes(StandardCharsets.UTF_8));
      int expected =
          switch (c[2]) {
            case "SKIP" -> PopulationLines.SKIP;
            case "COUNTED" -> PopulationLines.COUNTED;
            default -> PopulationLines.DECLINED;
          };
      assertThat(outcome(line)).as(line).isEqualTo(expected);
    }
    String tcp =
        "2026-11-01T07:07:00.638752Z aus5-prod 78.246.114.69:30411 10.0.4.23:8000 0.000853 0.000028"
            + " 0.000041 - - 87 385 \"- - - \" \"-\" - -";
    assertAgrees(tcp.getBytes(StandardCharsets.UTF_8));
    assertThat(outcome(tcp)).isEqualTo(PopulationLines.SKIP);
    for (String line :
        List.of("", "   ", "2026-11-01", "http 2026-11-01T10:15:00Z", "garbage \"unterminated")) {
      assertAgrees(line.getBytes(StandardCharsets.UTF_8));
      assertThat(outcome(line)).as(line).isNotEqualTo(PopulationLines.COUNTED);
    }
  }

  /**
   * Bytes a mutation inserts or substitutes: the characters the formats give meaning to, and some
   * they do not.
   */
  private static final byte[] ALPHABET =
      " \"\\%-:?&#/=._+()[]0123456789aAfFzZTt\t\r\u007f".getBytes(StandardCharsets.US_ASCII);

  @Test
  void randomMutationsOfRealLinesAgreeWithTheReference() {
    Random random = new Random(20261126L);
    List<byte[]> update = LINES.stream().filter(l -> l.length > 100).toList();
    int[] outcomes = new int[3];
    PopulationLines fast = new PopulationLines(DAY);
    for (int i = 0; i < 60_000; i++) {
      byte[] line = update.get(random.nextInt(update.size()));
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        line = mutate(line, random);
      }
      assertAgrees(line);
      outcomes[fast.scan(line, line.length, "aus5")]++;
    }
    // the mutations reach every outcome, so each branch of the fast path is compared
    for (int outcome : outcomes) {
      assertThat(outcome).as(Arrays.toString(outcomes)).isGreaterThan(1_000);
    }
  }

  private static byte[] mutate(byte[] line, Random random) {
    int at = random.nextInt(line.length);
    byte b =
        random.nextInt(8) == 0
            ? (byte) (0x80 + random.nextInt(0x80))
            : ALPHABET[random.nextInt(ALPHABET.length)];
    return switch (random.nextInt(4)) {
      case 0 -> { // substitute
        byte[] m = line.clone();
        m[at] = b;
        yield m;
      }
      case 1 -> { // insert
        byte[] m = new byte[line.length + 1];
        System.arraycopy(line, 0, m, 0, at);
        m[at] = b;
        System.arraycopy(line, at, m, at + 1, line.length - at);
        yield m;
      }
      case 2 -> { // delete
        byte[] m = new byte[line.length - 1];
        System.arraycopy(line, 0, m, 0, at);
        System.arraycopy(line, at + 1, m, at, line.length - at - 1);
        yield m;
      }
      default -> { // swap with a neighbour
        byte[] m = line.clone();
        int other = Math.min(line.length - 1, at + 1);
        m[at] = line[other];
        m[other] = line[at];
        yield m;
      }
    };
  }
}
