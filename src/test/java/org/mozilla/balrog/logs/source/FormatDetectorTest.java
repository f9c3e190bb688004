package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.parse.Fixtures;

/** {@link FormatDetector} on real files of each format, through the local Hadoop file system. */
class FormatDetectorTest {
  @TempDir Path dir;

  private Optional<LogFormat> detect(String name, List<String> lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, lines);
    return detect(file);
  }

  private static Optional<LogFormat> detect(Path file) throws IOException {
    return new FormatDetector()
        .detect(
            FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(file.toUri()));
  }

  @Test
  void aFileOfCombinedLinesIsNginxAccess() throws IOException {
    assertThat(detect("access.log", Fixtures.lines("nginx/combined-access.log")))
        .contains(LogFormat.NGINX_ACCESS);
  }

  @Test
  void aFileOfRfc5424LinesIsSyslog() throws IOException {
    assertThat(detect("messages", Fixtures.lines("syslog/rfc5424-shapes.log")))
        .contains(LogFormat.SYSLOG);
  }

  @Test
  void rfc3164ShapesAndContinuationLinesAreSyslog() throws IOException {
    assertThat(detect("a.log", Fixtures.lines("syslog/rfc3164-shapes.log")))
        .contains(LogFormat.SYSLOG);
    assertThat(detect("b.log", Fixtures.lines("syslog/continuation.log")))
        .contains(LogFormat.SYSLOG);
  }

  @Test
  void balrogsOwnFormatsAreStillDetected() throws IOException {
    assertThat(detect("admin.log", Fixtures.lines("nginx/admin-access.log")))
        .contains(LogFormat.NGINX_ACCESS);
    assertThat(detect("error.log", Fixtures.lines("nginx/admin-error.log")))
        .contains(LogFormat.NGINX_ERROR);
    assertThat(detect("syslog.log", Fixtures.lines("syslog/rsyslog-file.log")))
        .contains(LogFormat.SYSLOG);
    assertThat(detect("elb.log", Fixtures.lines("elb/classic-formats-md.log")))
        .contains(LogFormat.ELB);
  }

  @Test
  void syslogCarryingNginxLinesIsSyslogNotNginx() throws IOException {
    // an nginx line as a syslog message must not make the file look like an access log
    assertThat(
            detect(
                "mixed.log",
                List.of(
                    "Dec 28 16:49:07 host nginx: 127.0.0.1 - - [28/Dec/2019:16:49:07 +0000] \"GET /"
                        + " HTTP/1.1\" 304 0 \"-\" \"curl/7.58.0\"",
                    "<190>Dec 28 16:49:08 host nginx: 127.0.0.1 - - [28/Dec/2019:16:49:08 +0000]"
                        + " \"GET /a HTTP/1.1\" 200 10 \"-\" \"curl/7.58.0\"")))
        .contains(LogFormat.SYSLOG);
  }

  @Test
  void textInNoFormatIsNotDetected() throws IOException {
    assertThat(detect("notes.txt", List.of("hello world", "complete and utter gobbledegook")))
        .isEmpty();
  }
}
