package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.model.LogSource;

class InputDiscoveryTest {
  @TempDir Path root;

  private static final String ELB = "elb/aus5/AWSLogs/123456789012/elasticloadbalancing/us-west-2/";

  private Path touch(String rel) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "x\n");
    return p;
  }

  private static String elbName(String end) {
    return "123456789012_elasticloadbalancing_us-west-2_aus5-prod_"
        + end
        + "_10.0.1.2_abc123xy.log";
  }

  @Test
  void elbFileNameEndTime() {
    assertThat(ElbFileName.endTime(elbName("20140215T2340Z")))
        .contains(Instant.parse("2014-02-15T23:40:00Z"));
    assertThat(
            ElbFileName.endTime(
                "123456789012_elasticloadbalancing_us-west-2_app.aus-api_prod.50dc6c495c0c9188_20210601T1005Z_10.1.2.3_x9.log.gz"))
        .contains(Instant.parse("2021-06-01T10:05:00Z"));
    assertThat(ElbFileName.endTime("random.log")).isEmpty();
  }

  @Test
  void listsTheRangeAndOnlyTheStartOfTheNextDay() throws IOException {
    touch(ELB + "2026/10/31/" + elbName("20261031T2355Z")); // before the range
    touch(ELB + "2026/11/01/" + elbName("20261101T0005Z"));
    touch(ELB + "2026/11/01/" + elbName("20261101T2355Z"));
    touch(ELB + "2026/11/02/" + elbName("20261102T0000Z")); // closes Nov 1
    touch(ELB + "2026/11/02/" + elbName("20261102T0100Z")); // within the slack
    touch(ELB + "2026/11/02/" + elbName("20261102T0105Z")); // after it
    touch(ELB + "2026/11/02/_SUCCESS");
    touch("syslog/web/2026/11/01/web.log");
    touch("syslog/web/2026/11/02/web.log.gz");
    Map<LogSource, List<InputFile>> found =
        new InputDiscovery(new Configuration())
            .discover(
                root.toString(),
                List.of(LogSource.AUS5, LogSource.SYSLOG_WEB, LogSource.AUS3),
                LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 1));
    assertThat(found.get(LogSource.AUS5))
        .extracting(f -> Path.of(java.net.URI.create(f.path())).getFileName().toString())
        .containsExactly(
            elbName("20261101T0005Z"),
            elbName("20261101T2355Z"),
            elbName("20261102T0000Z"),
            elbName("20261102T0100Z"));
    assertThat(found.get(LogSource.AUS5).get(2).folderDate()).isEqualTo(LocalDate.of(2026, 11, 2));
    // syslog files are rotated per day: the next day's folder is not read for them
    assertThat(found.get(LogSource.SYSLOG_WEB)).hasSize(1);
    assertThat(found.get(LogSource.AUS3)).isEmpty();
  }

  @Test
  void availableDatesAndLayoutDetection() throws IOException {
    touch(ELB + "2026/11/01/" + elbName("20261101T0005Z"));
    touch("nginx/admin-error/2026/11/03/error.log");
    assertThat(
            new InputDiscovery(new Configuration())
                .availableDates(root.toString(), List.of(LogSource.values())))
        .containsExactly(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3));
    assertThat(InputDiscovery.sourceOf("/x/elb/aus-api/AWSLogs/1/y.log.gz"))
        .contains(LogSource.AUS_API);
    assertThat(InputDiscovery.sourceOf("/x/syslog/agent/2026/11/01/a.log"))
        .contains(LogSource.SYSLOG_AGENT);
    assertThat(InputDiscovery.sourceOf("/tmp/random.log")).isEmpty();
    assertThat(InputDiscovery.folderDate("s3a://b/p/syslog/web/2026/11/02/x.log"))
        .contains(LocalDate.of(2026, 11, 2));
  }
}
