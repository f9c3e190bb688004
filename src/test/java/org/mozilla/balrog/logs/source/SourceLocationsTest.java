package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.LogSource;

class SourceLocationsTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  @Test
  void placeholdersAreFilledAndOnlyStarStaysAGlob() {
    assertThat(
            SourceLocations.fill(
                "s3a://logs/aus5/AWSLogs/*/elasticloadbalancing/*/{yyyy}/{MM}/{dd}/", DAY))
        .isEqualTo("s3a://logs/aus5/AWSLogs/*/elasticloadbalancing/*/2026/11/02");
    assertThat(SourceLocations.fill("s3a://logs/syslog-web/dt={date}/", DAY))
        .isEqualTo("s3a://logs/syslog-web/dt=2026-11-02");
    assertThat(SourceLocations.fill("/data/odd[1]?/{date}", DAY))
        .isEqualTo("/data/odd\\[1\\]\\?/2026-11-02");
  }

  @Test
  void templatesAreCheckedWithTheKeyInTheMessage() {
    assertThat(SourceLocations.parse("source.aus5.location", "/x/{yyyy}/{MM}/{dd}"))
        .isEqualTo(LogSource.AUS5);
    assertThat(SourceLocations.parse("source.syslog_web.location", "/x/dt={date}"))
        .isEqualTo(LogSource.SYSLOG_WEB);
    assertThatThrownBy(() -> SourceLocations.parse("source.aus9.location", "/x/{date}"))
        .hasMessageContaining("unknown source 'aus9'");
    assertThatThrownBy(
            () -> SourceLocations.parse("source.balrog_elb_logs_aus5.location", "/x/{date}"))
        .hasMessageContaining("source.aus5.location");
    assertThatThrownBy(() -> SourceLocations.parse("source.aus5.location", "/x/{yyyy}/{MM}"))
        .hasMessageContaining("no day placeholder");
    assertThatThrownBy(() -> SourceLocations.parse("source.aus5.location", "/x/{d}/{date}"))
        .hasMessageContaining("unknown placeholder {d}");
    assertThatThrownBy(() -> SourceLocations.parse("source.aus5.location", "/x/{date}/}"))
        .hasMessageContaining("unbalanced brace");
  }

  @Test
  void unsetSourcesKeepTheDefaultLayoutUnderTheRoot() {
    Configuration conf = new Configuration(false);
    conf.set("balrog.source.syslog_web.location", "s3a://b/web/{date}");
    SourceLocations l = SourceLocations.from(conf);
    assertThat(l.dayFolderGlob(LogSource.SYSLOG_WEB, "/root", DAY))
        .isEqualTo("s3a://b/web/2026-11-02");
    assertThat(l.dayFolderGlob(LogSource.AUS5, "/root/", DAY))
        .isEqualTo("/root/elb/aus5/AWSLogs/*/elasticloadbalancing/*/2026/11/02");
    assertThat(l.coversAll()).isFalse();
    assertThatThrownBy(() -> l.dayFolderGlob(LogSource.AUS5, null, DAY))
        .isInstanceOf(NoInputException.class)
        .hasMessageContaining("source.aus5.location");
  }
}
