package org.mozilla.balrog.logs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.metrics.RequestRates;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.RateBucket;
import org.mozilla.balrog.logs.source.ElbPass;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;

/**
 * How far {@code request_rates}' latency percentiles from the scan tasks' sketches ({@link
 * RateBucket#latency()}) are from the exact ones: for every ELB bucket of one day and p50, p95 and
 * p99, the rank error of the sketch's value among the bucket's latencies (0 when the value sits at
 * the wanted rank, else the distance to it as a share of the bucket's requests), and its difference
 * to {@code percentile_approx} (the Spark reference, {@link RequestRates#compute(SparkSession, Map,
 * LocalDate)}). Usage: {@code LatencySketchAccuracy INPUT_ROOT YYYY-MM-DD}.
 */
public final class LatencySketchAccuracy {
  private LatencySketchAccuracy() {}

  private static final double[] QUANTILES = {0.5, 0.95, 0.99};

  /**
   * @param buckets buckets with latencies compared
   * @param maxRankError largest rank error (a share of the bucket's latencies)
   * @param maxReferenceRankError the same of {@code percentile_approx}'s values
   * @param maxRelativeDifference largest |sketch - percentile_approx| / percentile_approx
   * @param maxAbsoluteDifferenceMs largest |sketch - percentile_approx| in ms
   */
  public record Stats(
      long buckets,
      double maxRankError,
      double maxReferenceRankError,
      double maxRelativeDifference,
      double maxAbsoluteDifferenceMs) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d buckets: largest rank error %.5f %% (percentile_approx's: %.5f %%), largest"
              + " difference to percentile_approx %.5f %% (%.4f ms)",
          buckets,
          maxRankError * 100,
          maxReferenceRankError * 100,
          maxRelativeDifference * 100,
          maxAbsoluteDifferenceMs);
    }
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: LatencySketchAccuracy INPUT_ROOT YYYY-MM-DD");
    }
    SparkSession spark = BenchJob.session("latency-sketch-accuracy");
    System.out.println(measure(spark, args[0], LocalDate.parse(args[1])));
    spark.stop();
  }

  public static Stats measure(SparkSession spark, String input, LocalDate day) {
    List<LogSource> elb = new ArrayList<>();
    for (LogSource s : LogSource.values()) {
      if (s.format() == LogFormat.ELB) {
        elb.add(s);
      }
    }
    Map<LogSource, List<InputFile>> files =
        new InputDiscovery(spark.sparkContext().hadoopConfiguration())
            .discover(input, elb, day, day);
    files.values().removeIf(List::isEmpty);
    Map<String, RateBucket> sketched = new HashMap<>();
    try (ElbPass.Result pass = ElbPass.run(spark, files, day, List.of(), null)) {
      for (RateBucket b : pass.buckets()) {
        sketched.put(key(b.bucketStart(), b.source(), b.endpoint()), b);
      }
    }
    Map<LogSource, Dataset<Row>> scans = new EnumMap<>(LogSource.class);
    Dataset<Row> requests = null;
    for (Map.Entry<LogSource, List<InputFile>> e : files.entrySet()) {
      Dataset<Row> scan = LogScan.scan(spark, LogFormat.ELB, e.getValue());
      scans.put(e.getKey(), scan);
      Dataset<Row> r = RequestRates.requests(scan, e.getKey(), day);
      requests = requests == null ? r : requests.unionByName(r);
    }
    if (requests == null) {
      return new Stats(0, 0, 0, 0, 0);
    }
    Map<String, double[]> exact = new HashMap<>();
    for (Row r :
        requests
            .where(col("latency_ms").isNotNull())
            .groupBy(
                expr("floor(unix_seconds(event_time) / 300) * 300").as("b"),
                col("source"),
                col("endpoint"))
            .agg(collect_list(col("latency_ms")))
            .collectAsList()) {
      List<Double> l = r.getList(3);
      double[] v = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      exact.put(key(r.getLong(0), r.getString(1), r.getString(2)), v);
    }
    Map<String, Row> approx = new HashMap<>();
    for (Row r :
        RequestRates.compute(spark, scans, day)
            .selectExpr(
                "unix_seconds(bucket_start)",
                "source",
                "endpoint",
                "latency_p50_ms",
                "latency_p95_ms",
                "latency_p99_ms")
            .collectAsList()) {
      approx.put(key(r.getLong(0), r.getString(1), r.getString(2)), r);
    }
    double rankError = 0;
    double referenceRankError = 0;
    double relative = 0;
    double absolute = 0;
    long n = 0;
    for (Map.Entry<String, double[]> e : exact.entrySet()) {
      RateBucket b = sketched.get(e.getKey());
      Row a = approx.get(e.getKey());
      if (b == null || a == null) {
        throw new IllegalStateException("bucket missing: " + e.getKey());
      }
      n++;
      double[] v = e.getValue();
      for (int i = 0; i < QUANTILES.length; i++) {
        double got = b.latency().quantile(QUANTILES[i]);
        rankError = Math.max(rankError, rankError(v, QUANTILES[i], got));
        double want = a.getDouble(3 + i);
        referenceRankError = Math.max(referenceRankError, rankError(v, QUANTILES[i], want));
        absolute = Math.max(absolute, Math.abs(got - want));
        if (want > 0) {
          relative = Math.max(relative, Math.abs(got - want) / want);
        }
      }
    }
    return new Stats(n, rankError, referenceRankError, relative, absolute);
  }

  /**
   * 0 when {@code value} has a rank of the nearest-rank {@code q} quantile of {@code sorted}
   * ({@code ceil(q n)}, 1-based), else the distance of its nearest rank to it over {@code n}.
   */
  static double rankError(double[] sorted, double q, double value) {
    int n = sorted.length;
    long want = Math.min(n, Math.max(1, (long) Math.ceil(q * n)));
    int below = 0;
    int upTo = 0;
    for (double x : sorted) {
      if (x < value) {
        below++;
      }
      if (x <= value) {
        upTo++;
      }
    }
    // value's ranks (1-based) are below+1 .. upTo; between two latencies it has rank below + 0.5
    long low = below + 1L;
    long high = Math.max(upTo, below + 1L);
    if (want >= low && want <= high) {
      return upTo > below ? 0 : 0.5 / n;
    }
    return Math.min(Math.abs(want - low), Math.abs(want - high)) / (double) n;
  }

  private static String key(long bucket, String source, String endpoint) {
    return bucket + "/" + source + "/" + endpoint;
  }
}
