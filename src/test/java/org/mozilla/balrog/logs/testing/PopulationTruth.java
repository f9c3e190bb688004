package org.mozilla.balrog.logs.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.SparkSessions;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.RawLogViews;

/**
 * Exact distinct client fingerprints per grain of {@code update_population_rolling} (product ×
 * channel × version, product × channel, product over its non-test channels), counted with {@code
 * count(DISTINCT …)} over the raw aus5 lines of a window, and the published {@code clients} of the
 * same groups; for the accuracy test and for a before/after table ({@code main(LOGS, OUTPUT, FIRST,
 * DAY, [min clients])}).
 */
public final class PopulationTruth {
  /** The fields of the client fingerprint (README), joined: exact, no hash. */
  static final String FINGERPRINT =
      "concat_ws('\\u0001', request_ip, user_agent, build_target, locale, os_version,"
          + " distribution, dist_version)";

  /**
   * One group of a window: exact and published clients (published -1 when no row carries the
   * group).
   */
  public record Group(String key, long exact, long published) {
    public double error() {
      return (double) (published - exact) / exact;
    }
  }

  private PopulationTruth() {}

  /**
   * Registers the update requests of the aus5 view over {@code first..last} under {@code logs} as
   * the cached view {@code truth_lines}: log date, product, channel, test flag, version and an MD5
   * of the fingerprint's fields.
   */
  public static void register(SparkSession spark, String logs, LocalDate first, LocalDate last) {
    RawLogViews.register(spark, logs, EnumSet.of(LogSource.AUS5), first, last);
    spark
        .sql(
            "SELECT log_date, product, channel_normalized, coalesce(is_test_channel, false) AS"
                + " is_test_channel, version, md5("
                + FINGERPRINT
                + ") AS fp FROM balrog_elb_logs_aus5 WHERE endpoint IN ('update', 'json')")
        .persist()
        .createOrReplaceTempView("truth_lines");
  }

  /**
   * Groups of the window of {@code days} ending on {@code day} (days before the logs' first day
   * simply have no lines), keyed {@code product|channel|version} with {@code *} for a roll-up;
   * published from the rolling table under {@code output} (as a view named {@code rolling}).
   */
  public static List<Group> window(SparkSession spark, String output, LocalDate day, int days) {
    LocalDate start = day.minusDays(days - 1L);
    String where = "log_date BETWEEN DATE '" + start + "' AND DATE '" + day + "'";
    String fp = "fp";
    Map<String, Long> exact = new TreeMap<>();
    String sql =
        "SELECT concat_ws('|', product, channel_normalized, version), count(DISTINCT "
            + fp
            + ")"
            + " FROM truth_lines WHERE "
            + where
            + " GROUP BY product, channel_normalized, version"
            + " UNION ALL SELECT concat_ws('|', product, channel_normalized, '*'), count(DISTINCT "
            + fp
            + ")"
            + " FROM truth_lines WHERE "
            + where
            + " GROUP BY product, channel_normalized"
            + " UNION ALL SELECT concat_ws('|', product, '*', '*'), count(DISTINCT "
            + fp
            + ")"
            + " FROM truth_lines WHERE "
            + where
            + " AND NOT is_test_channel GROUP BY product";
    for (Row r : spark.sql(sql).collectAsList()) {
      exact.put(r.getString(0), r.getLong(1));
    }
    spark.read().parquet(output + "/update_population_rolling").createOrReplaceTempView("rolling");
    Map<String, Long> published = new TreeMap<>();
    for (Row r :
        spark
            .sql(
                "SELECT concat_ws('|', product, coalesce(channel, '*'), coalesce(version, '*')),"
                    + " clients FROM rolling WHERE log_date = DATE '"
                    + day
                    + "' AND window_days = "
                    + days)
            .collectAsList()) {
      published.merge(r.getString(0), r.getLong(1), Long::sum);
    }
    List<Group> out = new ArrayList<>();
    exact.forEach((k, n) -> out.add(new Group(k, n, published.getOrDefault(k, -1L))));
    return out;
  }

  /** version, channel or product: the finest grain the group's key names. */
  static String grain(Group g) {
    return g.key().endsWith("|*|*") ? "product" : g.key().endsWith("|*") ? "channel" : "version";
  }

  public static void main(String[] args) {
    String logs = args[0];
    String output = args[1];
    LocalDate first = LocalDate.parse(args[2]);
    LocalDate day = LocalDate.parse(args[3]);
    long min = args.length > 4 ? Long.parseLong(args[4]) : 50;
    SparkSession spark = SparkSessions.create(JobConfig.defaults(), "population-truth");
    register(spark, logs, first, day);
    double rse = 1.04 / Math.sqrt(1 << 14);
    for (int w : List.of(1, 7)) {
      List<Group> groups = window(spark, output, day, w);
      for (String grain : List.of("version", "channel", "product")) {
        List<Group> big =
            groups.stream().filter(g -> g.exact() >= min && grain(g).equals(grain)).toList();
        long missing = big.stream().filter(g -> g.published() < 0).count();
        long off =
            big.stream().filter(g -> g.published() >= 0 && Math.abs(g.error()) > 3 * rse).count();
        double worst =
            big.stream()
                .filter(g -> g.published() >= 0)
                .mapToDouble(g -> Math.abs(g.error()))
                .max()
                .orElse(0);
        System.out.printf(
            Locale.ROOT,
            "window %dd, %s grain: %d groups with >= %d clients, %d missing, %d off by"
                + " more than 3 RSE, worst published error %.1f %%%n",
            w,
            grain,
            big.size(),
            min,
            missing,
            off,
            100 * worst);
      }
      groups.stream()
          .filter(g -> g.exact() >= min)
          .sorted(
              (a, b) ->
                  Double.compare(
                      Math.abs(b.published() < 0 ? 1.0 : b.error()),
                      Math.abs(a.published() < 0 ? 1.0 : a.error())))
          .limit(8)
          .forEach(
              g ->
                  System.out.printf(
                      Locale.ROOT,
                      "  %-45s published %6s exact %6d error %s%n",
                      g.key(),
                      g.published() < 0 ? "-" : Long.toString(g.published()),
                      g.exact(),
                      g.published() < 0
                          ? "missing"
                          : String.format(Locale.ROOT, "%+.1f %%", 100 * g.error())));
    }
    spark.stop();
  }
}
