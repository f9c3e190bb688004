package org.mozilla.balrog.logs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * What the S3 integration tests share: a small generated day, {@code daily} runs, and comparing the
 * tables.
 */
public final class S3DailyRuns {
  /** The generated day. */
  public static final LocalDate DAY = LocalDate.of(2026, 11, 1);

  /**
   * Columns of a run, not of the data: they differ between any two runs, and {@code job_version}
   * between a run from the classes ({@code dev}) and one from the packaged jar.
   */
  static final List<String> RUN_COLUMNS =
      List.of("run_id", "started_at", "finished_at", "job_version");

  private static Local local;

  private S3DailyRuns() {}

  /**
   * The generated logs and the tables of a fault-free local {@code daily} run over them.
   *
   * @param out what that run printed
   */
  public record Local(Path logs, String summary, String out) {}

  /**
   * Generates the day and runs {@code daily} on it locally once per JVM (the S3 ITs share it: it is
   * the same for all and costs a Spark run). The folder is deleted when the JVM exits.
   */
  public static synchronized Local local() throws IOException {
    if (local == null) {
      Path dir = Files.createTempDirectory("balrog-s3-its-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      Path logs = generate(dir.resolve("logs"));
      String summary = dir.resolve("local-summary").toString();
      CliRun run = daily(logs.toString(), summary, List.of());
      if (run.exitCode() != 0) {
        throw new IllegalStateException("local daily failed: " + run.describe());
      }
      local = new Local(logs, summary, run.out());
    }
    return local;
  }

  /** Deletes {@code dir} and everything under it, as far as it can. */
  static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }

  /** 300 installs, one day, gzip, malformed lines included (so small sources reject several %). */
  static Path generate(Path dir) {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                dir,
                DAY,
                1,
                300,
                17L,
                true,
                false,
                // a deploy, so that deploys and deploy_impact have rows to compare too
                List.of(org.mozilla.balrog.logs.gen.DeploySpec.parse("v9@" + DAY + "T12:00Z")),
                1.0),
            null);
    return dir;
  }

  /**
   * {@code daily --date DAY --input in --output out --max-reject-ratio 1} plus {@code extra}
   * arguments; the reject ratio is lifted because the small generated day rejects several % of some
   * sources on purpose.
   */
  public static CliRun daily(String in, String out, List<String> extra) {
    return run(in, out, List.of("--date", DAY.toString()), extra);
  }

  /** {@code daily --date day} with the same options as {@link #daily}. */
  public static CliRun rerun(LocalDate day, String in, String out, List<String> extra) {
    return run(in, out, List.of("--date", day.toString()), extra);
  }

  private static CliRun run(String in, String out, List<String> dates, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("daily"));
    args.addAll(dates);
    args.addAll(List.of("--input", in, "--output", out, "--max-reject-ratio", "1"));
    args.addAll(extra);
    return CliRun.of(args);
  }

  /**
   * A local[2] session that reads through S3A with {@code s3a} settings (fs.s3a.* keys). Start it
   * only after the CLI runs of the class: the CLI would pick up an active session and stop it.
   */
  public static SparkSession reader(Map<String, String> s3a) {
    SparkSession.Builder b =
        SparkSession.builder()
            .master("local[2]")
            .appName("s3-reader")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1");
    s3a.forEach((k, v) -> b.config("spark.hadoop." + k, v));
    return b.getOrCreate();
  }

  /**
   * Every summary table under {@code actualRoot} has the rows of the one under {@code
   * expectedRoot}.
   */
  public static void assertSameTables(SparkSession spark, String expectedRoot, String actualRoot) {
    for (SummaryTable t : SummaryTables.all()) {
      Dataset<Row> expected = comparable(spark, t, expectedRoot);
      Dataset<Row> actual = comparable(spark, t, actualRoot);
      if (expected.isEmpty()) {
        throw new AssertionError(
            t.name() + " under " + expectedRoot + " is empty: nothing to compare");
      }
      DatasetAssertions.assertDatasetEquals(expected, actual);
    }
  }

  /** The table without run columns, sketches as hex strings (rows are compared by their text). */
  private static Dataset<Row> comparable(SparkSession spark, SummaryTable t, String root) {
    Dataset<Row> d = PartitionWriter.read(spark, t, root);
    if (t == SummaryTables.INGEST_AUDIT) {
      d = d.drop(RUN_COLUMNS.toArray(String[]::new));
    }
    for (StructField f : d.schema().fields()) {
      if (f.dataType().equals(DataTypes.BinaryType)) {
        d = d.withColumn(f.name(), functions.hex(functions.col(f.name())));
      }
    }
    return d;
  }
}
