package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.RawLogViews;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * A week of daily runs: rolling 7-day clients from stored sketches against an exact distinct count
 * over the raw week, missing days reported, a day without input writing nothing, and a rerun of one
 * date leaving every other date's files byte-for-byte untouched.
 */
class DailyRollingSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path out;
  static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
  static final LocalDate LAST = FIRST.plusDays(6);

  @BeforeAll
  static void generateAndRun() {
    new SampleGenerator()
        .run(new GeneratorConfig(logs, FIRST, 7, 1500, 5L, false, true, List.of(), 1.0), null);
    daily(FIRST, LAST);
  }

  static List<DailyJob.DayResult> daily(LocalDate from, LocalDate to) {
    JobConfig cfg = JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString());
    return DailyJob.run(
        SPARK.session(),
        cfg,
        new DailyJob.Options(from, to, Sketches.DEFAULT_LG_K, 1, 0.01),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void sevenDayClientsFromSketchesMatchAnExactCountOverTheRawWeek() {
    RawLogViews.register(SPARK.session(), logs.toString(), EnumSet.of(LogSource.AUS5), FIRST, LAST);
    Map<String, Long> exact = new HashMap<>();
    for (Row r :
        SPARK
            .session()
            .sql(
                "SELECT concat_ws('|', product, channel_normalized, version), count(DISTINCT"
                    + " concat_ws('\u0001', request_ip, user_agent, build_target, locale,"
                    + " os_version, distribution, dist_version)) FROM balrog_elb_logs_aus5 WHERE"
                    + " endpoint IN ('update', 'json') GROUP BY 1 HAVING count(*) >= 500")
            .collectAsList()) {
      exact.put(r.getString(0), r.getLong(1));
    }
    PartitionWriter.read(SPARK.session(), SummaryTables.UPDATE_POPULATION_ROLLING, out.toString())
        .createOrReplaceTempView("rolling");
    Map<String, Long> rolled = new TreeMap<>();
    for (Row r :
        SPARK
            .session()
            .sql(
                "SELECT concat_ws('|', product, channel, version), clients, days_present,"
                    + " days_missing FROM rolling WHERE log_date = DATE '"
                    + LAST
                    + "' AND window_days = 7")
            .collectAsList()) {
      rolled.put(r.getString(0), r.getLong(1));
      assertThat(r.getInt(2)).isEqualTo(7);
      assertThat(r.getInt(3)).isZero();
    }
    assertThat(exact).hasSizeGreaterThanOrEqualTo(3);
    exact.forEach(
        (k, n) -> {
          // aus5 only here, the rolling table spans every domain: legacy domains carry other
          // versions
          double err = (double) (rolled.getOrDefault(k, 0L) - n) / n;
          System.out.printf(
              "rolling 7d %-40s exact=%6d sketch=%6d err=%+.2f%%%n",
              k, n, rolled.get(k), 100 * err);
          assertThat(Math.abs(err)).as(k).isLessThanOrEqualTo(0.03);
        });
  }

  @Test
  void missingDaysAreReportedNotHidden() {
    PartitionWriter.read(SPARK.session(), SummaryTables.UPDATE_POPULATION_ROLLING, out.toString())
        .createOrReplaceTempView("rolling2");
    Row first =
        SPARK
            .session()
            .sql(
                "SELECT min(days_present), max(days_present), min(days_missing) FROM rolling2 WHERE"
                    + " log_date = DATE '"
                    + FIRST.plusDays(2)
                    + "' AND window_days = 28")
            .first();
    assertThat(first.getInt(0)).isEqualTo(3);
    assertThat(first.getInt(1)).isEqualTo(3);
    assertThat(first.getInt(2)).isEqualTo(25);
  }

  @Test
  void aDayWithoutInputWritesNothingAndARerunTouchesNothingElse() throws IOException {
    Map<String, String> before = listing(out);
    LocalDate empty = LocalDate.of(2026, 10, 20);
    List<DailyJob.DayResult> r = daily(empty, empty);
    assertThat(r)
        .singleElement()
        .satisfies(d -> assertThat(d.noInput()).startsWith("no input file for " + empty));
    // no partition is created or touched: a good partition is never replaced by an empty one
    assertThat(listing(out)).isEqualTo(before);

    daily(LAST, LAST);
    Map<String, String> afterRerun = listing(out);
    afterRerun.keySet().removeIf(k -> k.contains("log_date=" + LAST));
    before.keySet().removeIf(k -> k.contains("log_date=" + LAST));
    assertThat(afterRerun).isEqualTo(before);
  }

  /** Relative path → content hash of every file under {@code root}. */
  private static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(
            root.relativize(p).toString(),
            Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))));
      }
    }
    return m;
  }
}
