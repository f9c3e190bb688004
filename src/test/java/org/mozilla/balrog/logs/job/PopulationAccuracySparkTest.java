package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.parse.url.UpdateValues;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.LocalSpark;
import org.mozilla.balrog.logs.testing.LongTailWeek;
import org.mozilla.balrog.logs.testing.PopulationTruth;

/**
 * Issue 12's acceptance: on a generated week with a long tail (at least 200 versions with 5 to 5
 * 000 clients, several os/arch each, clients updating mid-week; {@link LongTailWeek}), every
 * published {@code clients} of the rolling table at the version, channel and product grains, for
 * the 1, 7 and 28-day windows, is within 3 × the sketch's RSE of the exact number of distinct
 * fingerprints ({@code count(DISTINCT …)} over the raw lines), and no group with at least {@code
 * min-clients} clients is missing. Also: no published value below the threshold except Balrog's own
 * channel names, and the daily table keeps every version's clients at the version grain.
 */
class PopulationAccuracySparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir static Path out;
  static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
  static final LocalDate LAST = FIRST.plusDays(LongTailWeek.DAYS - 1);
  static final long MIN_CLIENTS = 50;

  /** Relative standard error of an lgK 14 HLL sketch. */
  static final double RSE = 1.04 / Math.sqrt(1 << Sketches.DEFAULT_LG_K);

  static final LongTailWeek WEEK = new LongTailWeek(FIRST, 1.0, 7L);

  @BeforeAll
  static void generateAndRun() {
    WEEK.write(logs);
    JobConfig cfg = JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString());
    DailyJob.run(
        SPARK.session(),
        cfg,
        new DailyJob.Options(FIRST, LAST, Sketches.DEFAULT_LG_K, MIN_CLIENTS, 0.01),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    PopulationTruth.register(SPARK.session(), logs.toString(), FIRST, LAST);
  }

  @Test
  void theWeekHasTheLongTailTheIssueAsksFor() {
    List<LongTailWeek.Line> lines = WEEK.lines();
    assertThat(lines.stream().filter(l -> l.clients() >= 5 && l.clients() <= 5000))
        .hasSizeGreaterThanOrEqualTo(200);
    assertThat(lines.stream().mapToInt(LongTailWeek.Line::clients).max().orElseThrow())
        .isEqualTo(5000);
    long osArch =
        SPARK
            .session()
            .sql("SELECT count(DISTINCT os, arch) FROM balrog_elb_logs_aus5")
            .first()
            .getLong(0);
    assertThat(osArch).isGreaterThanOrEqualTo(5);
  }

  @Test
  void everyRollingWindowIsWithinThreeRseOfExactAndNothingBigIsMissing() {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    List<int[]> windows = new ArrayList<>();
    for (int d = 0; d < LongTailWeek.DAYS; d++) {
      windows.add(new int[] {d, 1});
    }
    windows.add(new int[] {3, 7});
    windows.add(new int[] {LongTailWeek.DAYS - 1, 7});
    windows.add(new int[] {LongTailWeek.DAYS - 1, 28});
    for (int[] w : windows) {
      LocalDate day = FIRST.plusDays(w[0]);
      for (PopulationTruth.Group g :
          PopulationTruth.window(SPARK.session(), out.toString(), day, w[1])) {
        String where = day + " " + w[1] + "d " + g.key();
        if (g.published() >= 0 && (g.exact() >= MIN_CLIENTS || g.published() >= MIN_CLIENTS)) {
          checked++;
          if (Math.abs(g.published() - g.exact()) > 3 * RSE * g.exact()) {
            failures.add(
                String.format(
                    Locale.ROOT, "%s: published %d, exact %d", where, g.published(), g.exact()));
          }
        } else if (g.published() < 0 && g.exact() >= MIN_CLIENTS * (1 + 3 * RSE)) {
          failures.add(where + ": missing, exact " + g.exact());
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void noPublishedValueIsBelowTheThresholdButBalrogsChannelNames() {
    PartitionWriter.read(SPARK.session(), SummaryTables.UPDATE_POPULATION_ROLLING, out.toString())
        .createOrReplaceTempView("k_rolling");
    for (Row r :
        SPARK
            .session()
            .sql(
                "SELECT product, channel, version, clients FROM k_rolling"
                    + " WHERE clients < "
                    + MIN_CLIENTS)
            .collectAsList()) {
      String channel = r.getString(1);
      String version = r.getString(2);
      assertThat(version == null || version.equals(UpdateValues.OTHER)).as(r.toString()).isTrue();
      assertThat(
              channel == null
                  || channel.equals(UpdateValues.OTHER)
                  || UpdateValues.isBalrogChannel(channel))
          .as(r.toString())
          .isTrue();
    }
    assertThat(
            SPARK
                .session()
                .sql(
                    "SELECT count(*) FROM k_rolling WHERE channel IN ('my-private-channel',"
                        + " 'nightly-elm')")
                .first()
                .getLong(0))
        .isZero();
    // the tail channels are in 'other', and said so
    assertThat(
            SPARK
                .session()
                .sql("SELECT count(*) FROM k_rolling WHERE channel = 'other' AND version IS NULL")
                .first()
                .getLong(0))
        .isPositive();
    PartitionWriter.read(SPARK.session(), SummaryTables.UPDATE_POPULATION_FOLDS, out.toString())
        .createOrReplaceTempView("k_folds");
    Row channelFolds =
        SPARK
            .session()
            .sql(
                "SELECT clients, requests FROM k_folds WHERE log_date = DATE '"
                    + LAST
                    + "' AND table_name = 'update_population_rolling' AND window_days = 7 AND grain"
                    + " = 'channel'")
            .first();
    assertThat(channelFolds.getLong(0)).isBetween(5L, 20L);
  }

  @Test
  void theDailyTableKeepsEveryVersionsClientsAtTheVersionGrain() {
    PartitionWriter.read(SPARK.session(), SummaryTables.UPDATE_POPULATION, out.toString())
        .createOrReplaceTempView("k_daily");
    List<String> failures = new ArrayList<>();
    for (Row r :
        SPARK
            .session()
            .sql(
                """
                SELECT e.log_date, e.product, e.channel_normalized, e.version, e.exact, p.clients
                FROM (SELECT log_date, product, channel_normalized, version, count(DISTINCT fp) AS exact FROM truth_lines
                      GROUP BY 1, 2, 3, 4) e
                LEFT JOIN (SELECT log_date, product, channel, version, hll_sketch_estimate(hll_union_agg(clients_sketch))
                           AS clients FROM k_daily GROUP BY 1, 2, 3, 4) p
                  ON e.log_date = p.log_date AND e.product = p.product AND e.channel_normalized = p.channel
                     AND e.version = p.version
                WHERE e.exact >= %d\
                """
                    .formatted(MIN_CLIENTS))
            .collectAsList()) {
      long exact = r.getLong(4);
      if (r.isNullAt(5) || Math.abs(r.getLong(5) - exact) > 3 * RSE * exact) {
        if (!r.isNullAt(5) || exact >= MIN_CLIENTS * (1 + 3 * RSE)) {
          failures.add(r.toString());
        }
      }
    }
    assertThat(failures).isEmpty();
  }
}
