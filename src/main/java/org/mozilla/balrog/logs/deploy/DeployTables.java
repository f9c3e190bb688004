package org.mozilla.balrog.logs.deploy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * The {@code deploys} and {@code deploy_impact} partitions of one day for the daily job: the
 * deploys that started that day (detected in its syslog, and declared ones) and their impact.
 * Driver only.
 */
public final class DeployTables {
  private DeployTables() {}

  /** The two tables' rows for one day (small, built on the driver). */
  public record Tables(Dataset<Row> deploys, Dataset<Row> impact, DeployAnalysis.Result result) {}

  /**
   * The declared deploys that may belong to {@code day}: a declared deploy just before midnight may
   * match a rollout seen after it, so the neighbouring days' are kept ({@link #of} keeps only the
   * deploys that started on {@code day}).
   */
  public static List<DeclaredDeploy> near(List<DeclaredDeploy> declared, LocalDate day) {
    return declared.stream()
        .filter(
            d ->
                !DeployAnalysis.utcDate(d.time()).isBefore(day.minusDays(1))
                    && !DeployAnalysis.utcDate(d.time()).isAfter(day.plusDays(1)))
        .toList();
  }

  /** What the analysis of {@code day} is asked: every deploy of the day, with {@code settings}. */
  public static DeployAnalysis.Options options(
      List<DeclaredDeploy> declared, LocalDate day, ImpactSettings settings) {
    return new DeployAnalysis.Options(
        near(declared, day),
        day,
        true,
        settings.before(),
        settings.after(),
        settings.restartGap(),
        settings.rules());
  }

  /** A day without input: no deploys. */
  public static DeployAnalysis.Result none(LocalDate day) {
    return new DeployAnalysis.Result(
        List.of(), java.util.Map.of(), List.of(), List.of(), List.of(day));
  }

  /** The rows of the deploys of {@code r} that started on {@code day}, and their impact. */
  public static Tables of(SparkSession spark, LocalDate day, DeployAnalysis.Result r) {
    List<Row> deploys = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Deploy d : r.deploys()) {
      if (DeployAnalysis.utcDate(d.startedAt()).equals(day)) {
        deploys.add(row(d));
        ids.add(d.id());
      }
    }
    List<Row> impact = new ArrayList<>();
    for (ImpactRow i : r.impact()) {
      if (ids.contains(i.deployId())) {
        impact.add(RowFactory.create(i.values()));
      }
    }
    return new Tables(
        spark.createDataFrame(deploys, SparkSchemas.structType(SummaryTables.DEPLOYS)),
        spark.createDataFrame(impact, SparkSchemas.structType(SummaryTables.DEPLOY_IMPACT)),
        r);
  }

  /** A {@code deploys} row, in the table's column order. */
  static Row row(Deploy d) {
    return RowFactory.create(d.row().values());
  }
}
