package org.mozilla.balrog.logs.bench;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.job.DailyJob;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.metrics.UpdatePopulation;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * Bench (1): the population part of {@code daily} alone, for one date: discovery of the update
 * domains' files, {@code daily}'s own population pass ({@link DailyJob#population}: {@code
 * UpdatePopulation.compute} with the default lgK and min-clients, which tallies cells in the scan
 * tasks, then builds and folds them) and {@code daily}'s Parquet write of {@code update_population}
 * (which counts the rows from the files it wrote). The ingest audit of these files is counted by
 * {@code daily}'s shared scan, timed in (2). Usage: {@code PopulationPart --input ROOT --date
 * YYYY-MM-DD --output DIR}.
 */
public final class PopulationPart {
  /** {@code daily}'s default {@code population.min-clients}. */
  private static final long MIN_CLIENTS = 50;

  private PopulationPart() {}

  public static void main(String[] argv) {
    BenchJob.measure("population_part", argv, PopulationPart::run);
  }

  static String[] run(SparkSession spark, BenchJob.Args a, String output) {
    Map<LogSource, List<InputFile>> files = BenchJob.updateFiles(spark, a);
    DailyJob.Options o =
        new DailyJob.Options(a.day(), a.day(), Sketches.DEFAULT_LG_K, MIN_CLIENTS, 0.0);
    try (UpdatePopulation.Day population = DailyJob.population(spark, o, a.day(), files)) {
      long rows =
          PartitionWriter.write(
              spark,
              SummaryTables.UPDATE_POPULATION,
              population.rows(),
              a.requireOutput("PopulationPart"),
              a.day());
      long sketches =
          PartitionWriter.write(
              spark,
              SummaryTables.UPDATE_POPULATION_SKETCHES,
              population.sketches(),
              a.requireOutput("PopulationPart"),
              a.day());
      return new String[] {"rows", Long.toString(rows), "sketch_rows", Long.toString(sketches)};
    }
  }
}
