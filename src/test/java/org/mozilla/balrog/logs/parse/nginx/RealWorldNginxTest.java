package org.mozilla.balrog.logs.parse.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.NginxAccessEntry;
import org.mozilla.balrog.logs.model.NginxErrorEntry;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RealWorld;
import org.mozilla.balrog.logs.source.FormatDetector;

/**
 * nginx lines other projects' test suites hold ({@code shared/realworld/}, see its README.md):
 * every line of the access and error files parses. (There is no nginx negative file.)
 */
class RealWorldNginxTest {
  private final NginxAccessParser access = new NginxAccessParser();
  private final NginxErrorParser error = new NginxErrorParser();

  private NginxAccessEntry parsed(RealWorld.Line l) {
    ParseResult<NginxAccessEntry> r = access.parse(l.text());
    assertThat(r.isOk()).as("%s for %s", r, l).isTrue();
    NginxAccessEntry e = r.value();
    assertThat(e.server()).as("%s", l).isNull(); // a standard layout, not Balrog's
    assertThat(e.status()).as("%s", l).isBetween(100, 599);
    return e;
  }

  /**
   * combined, combined plus fields (gzip ratio, forwarded-for, junk), ingress-nginx; empty and
   * binary requests.
   */
  @TestFactory
  Stream<DynamicTest> accessLinesParse() {
    return RealWorld.perLine("nginx_access.log", this::parsed);
  }

  @Test
  void ingressNginxLinesKeepTheirTimes() {
    var lines = RealWorld.lines("nginx_access.log");
    NginxAccessEntry two = parsed(lines.get(24)); // two upstreams
    assertThat(two.requestLength()).isEqualTo(348);
    assertThat(two.requestTime()).isEqualTo(0.001);
    assertThat(two.upstreamResponseTime()).isEqualTo("0.100, 0.004");
    NginxAccessEntry none =
        parsed(lines.get(16)); // a 400 answered by nginx: "- - - -" upstream fields
    assertThat(none.requestLength()).isZero();
    assertThat(none.upstreamResponseTime()).isNull();
    NginxAccessEntry empty = parsed(lines.get(0)); // "" as request
    assertThat(empty.request()).isEmpty();
    assertThat(empty.method()).isNull();
  }

  /**
   * The prefix before {@code [$time_local]} varies: the {@code $remote_addr} each line's layout
   * puts last but two.
   */
  @TestFactory
  Stream<DynamicTest> accessVariantsParse() {
    Map<Integer, String> remoteAddr =
        Map.of(
            1, "10.0.0.2, 10.0.0.1, 85.181.35.98", // an X-Forwarded-For list in place of
            // $remote_addr
            2, "10.2.1.185", // a quoted X-Forwarded-For list first
            3, "10.2.2.121", // an unquoted one first
            4, "127.0.0.1", // an address in the ident slot (fluentd's $remote $host $user)
            5, "127.0.0.1",
            6, "127.0.0.1", // $request_time before the referer: skipped
            7, "23.94.26.138", // $host first
            8, "192.168.1.1",
            9, "192.168.1.1");
    return RealWorld.perLine(
        "nginx_access_variants.log",
        l -> assertThat(parsed(l).remoteAddr()).as("%s", l).isEqualTo(remoteAddr.get(l.number())));
  }

  @TestFactory
  Stream<DynamicTest> errorLinesParse() {
    return RealWorld.perLine(
        "nginx_error.log",
        l -> {
          ParseResult<NginxErrorEntry> r = error.parse(l.text());
          assertThat(r.isOk()).as("%s for %s", r, l).isTrue();
        });
  }

  @Test
  void realWorldFilesAreDetectedAsNginx() throws IOException {
    for (var f :
        Map.of(
                "nginx_access.log",
                LogFormat.NGINX_ACCESS,
                "nginx_access_variants.log",
                LogFormat.NGINX_ACCESS,
                "nginx_error.log",
                LogFormat.NGINX_ERROR)
            .entrySet()) {
      assertThat(
              new FormatDetector()
                  .detect(
                      FileSystem.getLocal(new Configuration()),
                      new org.apache.hadoop.fs.Path(
                          RealWorld.dir().resolve(f.getKey()).toAbsolutePath().toUri())))
          .as(f.getKey())
          .contains(f.getValue());
    }
  }
}
