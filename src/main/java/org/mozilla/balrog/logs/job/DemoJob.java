package org.mozilla.balrog.logs.job;

import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.CHANNEL;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.CLIENTS;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.CLIENTS_SKETCH;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.DOMAIN;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.IS_TEST_CHANNEL;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.PRODUCT;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.REQUESTS;
import static org.mozilla.balrog.logs.sink.UpdatePopulationTable.VERSION;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.sink.UpdatePopulationRollingTable;

/**
 * {@code demo}: the embedded default. Generates two days of sample logs with a clean deploy and a
 * regression deploy into a folder, then prints, through the raw-log views, requests per product and
 * channel and the update 5xx per hour around the bad deploy.
 */
public final class DemoJob {
  public static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 1);
  public static final List<DeploySpec> DEPLOYS =
      List.of(
          DeploySpec.parse("v3.121@2026-11-01T15:00:00Z:migration"),
          DeploySpec.parse("v3.122@2026-11-02T14:00:00Z:regression"));
  private static final String MANIFEST = "manifest.json";

  /** Where the demo writes the summary tables, under its folder. */
  public static final String SUMMARY = "summary";

  /** The demo's HTML report (of its last day), under its folder. */
  public static final String REPORT = "report.html";

  private DemoJob() {}

  /**
   * Generates the demo data into {@code dir}, replacing an earlier demo there; refuses other
   * non-empty folders.
   */
  public static void generate(Path dir, int clients, PrintStream progress) {
    try {
      if (Files.isDirectory(dir)) {
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
          empty = s.findAny().isEmpty();
        }
        if (!empty && !Files.exists(dir.resolve(MANIFEST))) {
          throw new IllegalArgumentException(
              dir
                  + " is not empty and holds no earlier demo ("
                  + MANIFEST
                  + "); choose another --out");
        }
        for (String sub : List.of("elb", "nginx", "syslog", SUMMARY, MANIFEST, REPORT)) {
          deleteRecursively(dir.resolve(sub));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GeneratorConfig cfg =
        new GeneratorConfig(dir, FIRST_DAY, 2, clients, 42L, false, false, DEPLOYS, 1.0);
    new SampleGenerator().run(cfg, progress::println);
  }

  /** Runs {@code daily} over the demo days (input and output roots from {@code cfg}). */
  public static List<DailyJob.DayResult> daily(
      SparkSession spark, JobConfig cfg, PrintStream progress) {
    return DailyJob.run(
        spark,
        cfg,
        new DailyJob.Options(FIRST_DAY, FIRST_DAY.plusDays(1), Sketches.DEFAULT_LG_K, 50, 0.01),
        progress);
  }

  /**
   * Writes the HTML report of the demo's last day (the one with the regression deploy) from the
   * summary tables to {@code dir/report.html} and prints where it is.
   */
  public static ReportJob.Result htmlReport(
      SparkSession spark, JobConfig cfg, Path dir, PrintStream out) {
    ReportJob.Result r = ReportJob.run(spark, cfg, FIRST_DAY.plusDays(1), dir.resolve(REPORT));
    out.println();
    out.println("== HTML report: " + r.file().toAbsolutePath());
    out.println(r.data().summaryLine());
    return r;
  }

  /**
   * Runs {@code deploy-impact} for each demo day (the deploys detected in the logs, default
   * windows) and prints the verdict tables: the clean deploy with its migration on the first day,
   * the regression on the second.
   */
  public static void deployImpact(SparkSession spark, JobConfig cfg, PrintStream out) {
    for (LocalDate day = FIRST_DAY; !day.isAfter(FIRST_DAY.plusDays(1)); day = day.plusDays(1)) {
      out.println();
      out.println(
          "== deploy-impact --date "
              + day
              + " (deploys detected from restart bursts in the app logs)");
      java.io.PrintWriter w = new java.io.PrintWriter(out, true);
      DeployImpactJob.run(
          spark,
          cfg,
          new DeployImpactJob.Request(
              org.mozilla.balrog.logs.deploy.DeployAnalysis.Options.of(List.of(), day),
              ResultFormat.TABLE),
          w,
          out);
      w.flush();
    }
  }

  /** Prints the demo results from the summary tables and the views over {@code dir}. */
  public static void report(SparkSession spark, JobConfig cfg, PrintStream out) {
    LocalDate last = FIRST_DAY.plusDays(1);
    section(
        out,
        "Top versions per channel on "
            + last
            + " ("
            + SummaryTables.UPDATE_POPULATION.name()
            + ": estimated distinct clients, aus5, no test channels)",
        spark,
        cfg,
        topVersionsSql(last));
    section(
        out,
        "Firefox release clients over 1, 7 and 28 days ending "
            + last
            + " ("
            + SummaryTables.UPDATE_POPULATION_ROLLING.name()
            + ": the channel's own union over versions, and Firefox over its channels)",
        spark,
        cfg,
        rollingSql(last));
    DeploySpec bad = DEPLOYS.get(1);
    section(
        out,
        "Update requests per product and channel (aus5, " + FIRST_DAY + " to " + last + ")",
        spark,
        cfg,
        """
        SELECT product, channel_normalized AS channel, count(*) AS requests,
               count(DISTINCT concat_ws('|', user_agent, build_target, locale, os_version)) AS distinct_setups
        FROM balrog_elb_logs_aus5
        WHERE endpoint = 'update'
        GROUP BY product, channel_normalized
        ORDER BY requests DESC
        """);
    Instant t = bad.time();
    section(
        out,
        "Update 5xx per hour around deploy "
            + bad.id()
            + " at "
            + t
            + " (aus5; LB-generated vs backend)",
        spark,
        cfg,
        """
        SELECT date_trunc('HOUR', request_time) AS hour,
               count(*) AS requests,
               sum(CASE WHEN elb_response_code LIKE '5%%' THEN 1 ELSE 0 END) AS status_5xx,
               sum(CASE WHEN elb_response_code LIKE '5%%' AND is_lb_generated THEN 1 ELSE 0 END) AS lb_5xx,
               sum(CASE WHEN backend_response_code LIKE '5%%' THEN 1 ELSE 0 END) AS backend_5xx,
               round(100.0 * sum(CASE WHEN elb_response_code LIKE '5%%' THEN 1 ELSE 0 END) / count(*), 3) AS pct_5xx
        FROM balrog_elb_logs_aus5
        WHERE endpoint IN ('update', 'json')
          AND request_time >= TIMESTAMP '%s' - INTERVAL 4 HOURS
          AND request_time <  TIMESTAMP '%s' + INTERVAL 4 HOURS
        GROUP BY 1 ORDER BY 1
        """
            .formatted(sqlTime(t), sqlTime(t)));
  }

  /** The top three versions per channel and product on {@code day} (aus5, no test channels). */
  static String topVersionsSql(LocalDate day) {
    String keys = String.join(", ", CHANNEL, PRODUCT, VERSION);
    String clients = "hll_sketch_estimate(hll_union_agg(" + CLIENTS_SKETCH + "))";
    return String.join(
        "\n",
        "SELECT " + String.join(", ", keys, CLIENTS, REQUESTS) + " FROM (",
        "  SELECT " + keys + ",",
        "         " + clients + " AS " + CLIENTS + ", sum(" + REQUESTS + ") AS " + REQUESTS + ",",
        "         row_number() OVER (PARTITION BY " + CHANNEL + ", " + PRODUCT,
        "                            ORDER BY " + clients + " DESC) AS rank",
        "  FROM " + SummaryTables.UPDATE_POPULATION.name(),
        "  WHERE "
            + String.join(
                " AND ",
                LogDate.COLUMN + " = DATE '" + day + "'",
                DOMAIN + " = 'aus5'",
                "NOT " + IS_TEST_CHANNEL,
                VERSION + " <> 'other'"),
        "    AND " + PRODUCT + " IN ('Firefox', 'Thunderbird')",
        "  GROUP BY " + keys + ")",
        "WHERE rank <= 3",
        "ORDER BY " + String.join(", ", CHANNEL, PRODUCT, CLIENTS) + " DESC",
        "");
  }

  /** Firefox release clients per window ending on {@code day}: the channel's and Firefox's. */
  static String rollingSql(LocalDate day) {
    String channel = UpdatePopulationRollingTable.CHANNEL;
    String windowDays = UpdatePopulationRollingTable.WINDOW_DAYS;
    return String.join(
        "\n",
        "SELECT "
            + String.join(
                ", ",
                windowDays,
                "coalesce(" + channel + ", '(all channels)') AS " + channel,
                UpdatePopulationRollingTable.CLIENTS,
                UpdatePopulationRollingTable.REQUESTS,
                UpdatePopulationRollingTable.DAYS_PRESENT)
            + ",",
        "       " + UpdatePopulationRollingTable.DAYS_MISSING,
        "FROM " + SummaryTables.UPDATE_POPULATION_ROLLING.name(),
        "WHERE "
            + String.join(
                " AND ",
                LogDate.COLUMN + " = DATE '" + day + "'",
                UpdatePopulationRollingTable.PRODUCT + " = 'Firefox'",
                UpdatePopulationRollingTable.VERSION + " IS NULL"),
        "  AND (" + channel + " = 'release' OR " + channel + " IS NULL)",
        "ORDER BY " + windowDays + ", " + channel + " NULLS LAST",
        "");
  }

  private static String sqlTime(Instant t) {
    return t.toString().replace('T', ' ').replace("Z", "");
  }

  private static void section(
      PrintStream out, String title, SparkSession spark, JobConfig cfg, String sql) {
    out.println();
    out.println("== " + title);
    PrintWriter w =
        new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    QueryJob.Request req =
        new QueryJob.Request(
            sql, Map.of(), FIRST_DAY, FIRST_DAY.plusDays(1), ResultFormat.TABLE, 100);
    QueryJob.run(spark, cfg, req, sql, w);
    w.flush();
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
