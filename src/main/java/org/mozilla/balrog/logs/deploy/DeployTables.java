package org.mozilla.balrog.logs.deploy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.NoInputException;

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
   * @param declared declared deploys (those that did not start on {@code day} are left out)
   * @param output summary-table root (its {@code app_errors} of the previous days tell which
   *     signatures are known)
   * @param prescanned the day's scans the caller already has (may be null): not read again
   */
  public static Tables forDay(
      SparkSession spark,
      String input,
      String output,
      LocalDate day,
      List<DeclaredDeploy> declared,
      ImpactSettings settings,
      DeployAnalysis.Prescanned prescanned,
      Consumer<String> log) {
    // a declared deploy just before midnight may match a rollout seen after it: keep the
    // neighbours, filter below
    List<DeclaredDeploy> near =
        declared.stream()
            .filter(
                d ->
                    !DeployAnalysis.utcDate(d.time()).isBefore(day.minusDays(1))
                        && !DeployAnalysis.utcDate(d.time()).isAfter(day.plusDays(1)))
            .toList();
    DeployAnalysis.Result r;
    try {
      r =
          DeployAnalysis.run(
              spark,
              input,
              output,
              new DeployAnalysis.Options(
                  near,
                  day,
                  true,
                  settings.before(),
                  settings.after(),
                  settings.restartGap(),
                  settings.rules()),
              prescanned,
              log);
    } catch (NoInputException e) {
      log.accept(day + ": no input, no deploys");
      r =
          new DeployAnalysis.Result(
              List.of(), java.util.Map.of(), List.of(), List.of(), List.of(day));
    }
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
