package org.mozilla.balrog.logs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.model.LatencySketch;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.RateBucket;
import org.mozilla.balrog.logs.model.VersionHour;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.testing.LocalSpark;

/** {@link ReleaseActivity} on hand-written admin lines, version hours and request buckets. */
class ReleaseActivitySparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  static final LocalDate DAY = LocalDate.of(2026, 11, 1);
  static final long H10 = Instant.parse("2026-11-01T10:00:00Z").getEpochSecond();

  @TempDir Path dir;

  /**
   * Successful writes per hour and route class with their distinct users; reads, failed writes,
   * Dockerflow probes and lines of other days are left out.
   */
  @Test
  void adminWritesAreSuccessfulWritesPerHourAndRouteClass() throws IOException {
    String[][] requests = {
      // seconds after 10:00, user, request, status
      {"0", "alice", "PUT /api/rules/12", "200"},
      {"60", "bob", "POST /api/rules/13", "201"},
      {"120", "alice", "PUT /api/rules/14", "200"},
      {"180", "-", "GET /api/rules/15", "200"},
      {"240", "carol", "PUT /api/releases/Firefox-147.0-build1", "200"},
      {"300", "carol", "PUT /api/releases/Firefox-147.0-build1/builds/WINNT_x86_64-msvc/de", "201"},
      {"360", "dave", "DELETE /api/rules/12", "403"},
      {"420", "-", "POST /__heartbeat__", "200"},
      {"3600", "-", "POST /api/scheduled_changes/rules/7/enact", "200"},
      {"3660", "erin", "POST /api/scheduled_changes/rules", "200"},
      {"90000", "erin", "POST /api/scheduled_changes/rules", "200"},
    };
    List<String> lines = new ArrayList<>();
    for (String[] r : requests) {
      lines.add(
          String.format(
              Locale.ROOT,
              "admin %d.000 \"10.0.1.12\" \"%s HTTP/1.1\" %s 300 10 %s 0.020 0.010 \"UA\" \"-\"",
              H10 + Long.parseLong(r[0]),
              r[2],
              r[3],
              r[1]));
    }
    Path file = dir.resolve("access.log");
    Files.write(file, lines);
    InputFile in =
        new InputFile(
            file.toString(),
            LogSource.ADMIN_NGINX_ACCESS,
            LogFormat.NGINX_ACCESS,
            DAY,
            Files.size(file));
    List<String> got = new ArrayList<>();
    for (Row r :
        ReleaseActivity.compute(
                SPARK.session(),
                Map.of(
                    LogSource.ADMIN_NGINX_ACCESS,
                    LogScan.scan(SPARK.session(), LogFormat.NGINX_ACCESS, List.of(in))),
                List.of(),
                List.of(),
                DAY)
            .collectAsList()) {
      got.add(
          r.getAs("hour")
              + " "
              + r.getAs("signal")
              + " "
              + r.getAs("route_class")
              + " n="
              + r.getAs("requests")
              + " users="
              + r.getAs("users"));
    }
    assertThat(got)
        .containsExactly(
            "2026-11-01T10:00:00Z admin_write builds n=1 users=1",
            "2026-11-01T10:00:00Z admin_write releases n=1 users=1",
            "2026-11-01T10:00:00Z admin_write rules n=3 users=2",
            "2026-11-01T11:00:00Z admin_write enacted n=1 users=0",
            "2026-11-01T11:00:00Z admin_write scheduled_changes n=1 users=1");
  }

  /** Each version's requests and its share of its product and channel's requests in the hour. */
  @Test
  void versionSharesAreWithinProductAndChannelPerHour() {
    List<Row> rows =
        ReleaseActivity.versionRows(
            List.of(
                new VersionHour(H10, "Firefox", "release", "145.0.2", 75),
                new VersionHour(H10, "Firefox", "release", "146.0", 25),
                new VersionHour(H10, "Firefox", "beta", "146.0b9", 10),
                new VersionHour(H10 + 3600, "Firefox", "release", "146.0", 40)));
    List<String> got = new ArrayList<>();
    for (Row r : rows) {
      got.add(
          v(r, "hour")
              + " "
              + v(r, "product")
              + "/"
              + v(r, "channel")
              + "/"
              + v(r, "version")
              + " n="
              + v(r, "requests")
              + " share="
              + v(r, "share"));
    }
    assertThat(got)
        .containsExactly(
            "2026-11-01T10:00:00Z Firefox/release/145.0.2 n=75 share=0.75",
            "2026-11-01T10:00:00Z Firefox/release/146.0 n=25 share=0.25",
            "2026-11-01T10:00:00Z Firefox/beta/146.0b9 n=10 share=1.0",
            "2026-11-01T11:00:00Z Firefox/release/146.0 n=40 share=1.0");
    assertThat(rows).allSatisfy(r -> assertThat(v(r, "signal")).isEqualTo("update_version"));
  }

  /**
   * Health sums the update domains' update buckets of each hour; other sources and endpoints are
   * left out; the p95 is that of the merged sketches.
   */
  @Test
  void healthSumsTheUpdateDomainsUpdateBucketsPerHour() {
    List<Row> rows =
        ReleaseActivity.healthRows(
            List.of(
                bucket("aus5", "update", H10, 100, 2, 10),
                bucket("aus5", "update", H10 + 300, 50, 1, 30),
                bucket("aus4", "update", H10 + 3300, 10, 0, 20),
                bucket("aus5", "dockerflow", H10, 500, 500, 1),
                bucket("aus_api", "update", H10, 70, 70, 1),
                bucket("aus5", "update", H10 + 3600, 5, 5, 40)));
    assertThat(rows).hasSize(2);
    Row first = rows.get(0);
    assertThat(v(first, "hour")).isEqualTo(Instant.ofEpochSecond(H10));
    assertThat(v(first, "requests")).isEqualTo(160L);
    assertThat(v(first, "status_5xx")).isEqualTo(3L);
    // 160 latencies: 100 of 10 ms, 50 of 30 ms, 10 of 20 ms: the 95th percentile is 30 ms
    assertThat(v(first, "latency_p95_ms")).isEqualTo(30.0);
    assertThat(v(rows.get(1), "requests")).isEqualTo(5L);
    assertThat(SummaryTables.RELEASE_ACTIVITY.columnNames()).contains("latency_p95_ms");
  }

  /** A value of a row built on the table's columns (such rows carry no schema). */
  private static Object v(Row r, String column) {
    return r.get(SummaryTables.RELEASE_ACTIVITY.columnNames().indexOf(column));
  }

  private static RateBucket bucket(
      String source, String endpoint, long start, long requests, long s5xx, double latencyMs) {
    LatencySketch l = new LatencySketch();
    for (long i = 0; i < requests; i++) {
      l.add(latencyMs);
    }
    return new RateBucket(
        source, endpoint, start, requests, requests - s5xx, 0, 0, s5xx, 0, 0, s5xx, 0, l);
  }
}
