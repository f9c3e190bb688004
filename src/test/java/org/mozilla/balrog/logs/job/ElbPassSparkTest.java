package org.mozilla.balrog.logs.job;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.bench.LatencySketchAccuracy;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.impact.ElbMinutes;
import org.mozilla.balrog.logs.impact.ImpactAggregation;
import org.mozilla.balrog.logs.impact.ImpactMetric;
import org.mozilla.balrog.logs.impact.ImpactSubject;
import org.mozilla.balrog.logs.impact.ImpactWindows;
import org.mozilla.balrog.logs.impact.MinuteCount;
import org.mozilla.balrog.logs.metrics.RequestRates;
import org.mozilla.balrog.logs.metrics.Sketches;
import org.mozilla.balrog.logs.metrics.UpdateRequests;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.model.TimeWindow;
import org.mozilla.balrog.logs.model.VersionHour;
import org.mozilla.balrog.logs.source.ElbPass;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.source.OpenCounts;
import org.mozilla.balrog.logs.source.ScanProgress;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * The single pass over the ELB files ({@link ElbPass}) against the Spark reference over the string
 * parsers' rows, on two generated days with web deploys (one whose before window starts on the day
 * before): the request buckets have the reference's counts and latency percentiles within 1 % rank
 * of the exact ones; the deploy windows' minutes are exactly what {@link
 * ImpactAggregation#countInWindows} counts from the requests; and a {@code daily} run opens every
 * input file once.
 */
class ElbPassSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  @TempDir static Path logs;
  @TempDir Path out;
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);

  @BeforeAll
  static void generate() throws IOException {
    new SampleGenerator()
        .run(
            new GeneratorConfig(
                logs,
                DAY.minusDays(1),
                2,
                3000,
                13L,
                false,
                false,
                List.of(
                    DeploySpec.parse("w0@2026-11-01T00:20:00Z:minor"),
                    DeploySpec.parse("w1@2026-11-01T12:00:00Z:regression")),
                1.0),
            null);
  }

  static Map<LogSource, List<InputFile>> elbFiles(LocalDate from, LocalDate to) {
    List<LogSource> elb = new ArrayList<>();
    for (LogSource s : LogSource.values()) {
      if (s.format() == LogFormat.ELB) {
        elb.add(s);
      }
    }
    Map<LogSource, List<InputFile>> files =
        new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
            .discover(logs.toString(), elb, from, to);
    files.values().removeIf(List::isEmpty);
    return files;
  }

  @Test
  void bucketsHaveTheReferencesCountsAndPercentilesWithinOnePercentRank() {
    Map<LogSource, List<InputFile>> files = elbFiles(DAY, DAY);
    Map<LogSource, Dataset<Row>> scans = new LinkedHashMap<>();
    files.forEach((s, fs) -> scans.put(s, LogScan.scan(SPARK.session(), LogFormat.ELB, fs)));
    String[] counts = {
      "bucket_start",
      "source",
      "endpoint",
      "requests",
      "status_2xx",
      "status_3xx",
      "status_4xx",
      "status_5xx",
      "status_other",
      "lb_5xx",
      "backend_5xx",
      "bytes_sent"
    };
    Dataset<Row> reference = RequestRates.compute(SPARK.session(), scans, DAY).selectExpr(counts);
    Dataset<Row> passed;
    try (ElbPass.Result pass = ElbPass.run(SPARK.session(), files, DAY, List.of(), null)) {
      passed =
          RequestRates.compute(SPARK.session(), Map.of(), pass.buckets(), DAY)
              .selectExpr(counts)
              .cache();
    }
    assertThat(reference.count()).isGreaterThan(500);
    assertThat(passed.exceptAll(reference).count()).isZero();
    assertThat(reference.exceptAll(passed).count()).isZero();
    LatencySketchAccuracy.Stats stats =
        LatencySketchAccuracy.measure(SPARK.session(), logs.toString(), DAY);
    assertThat(stats.buckets()).isGreaterThan(500);
    assertThat(stats.maxRankError()).as(stats.toString()).isLessThan(0.01);
    // every bucket of so small a day has at most LatencySketch.EXACT latencies: the sketch's
    // values are the exact ones (beyond that, LatencySketchTest bounds them)
    assertThat(stats.maxRankError()).as(stats.toString()).isLessThanOrEqualTo(0.0);
  }

  /**
   * The pass's version hours are what Spark counts from the string parser's rows of the update
   * domains: update and json requests of the day per hour, product, normalized channel and version,
   * test channels left out.
   */
  @Test
  void versionHoursAreWhatTheSparkReferenceCounts() {
    Map<LogSource, List<InputFile>> files = elbFiles(DAY, DAY);
    files.keySet().retainAll(UpdateRequests.DOMAINS);
    Dataset<Row> all = null;
    for (List<InputFile> fs : files.values()) {
      Dataset<Row> scan = LogScan.scan(SPARK.session(), LogFormat.ELB, fs);
      all = all == null ? scan : all.unionByName(scan);
    }
    List<String> want = new ArrayList<>();
    for (Row r :
        all.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_EVENT))
            .where(col("endpoint").isin("update", "json"))
            .where(col("is_test_channel").equalTo(false))
            .where(expr("to_date(request_time) = DATE '" + DAY + "'"))
            .groupBy(
                expr("unix_seconds(date_trunc('HOUR', request_time))"),
                coalesce(col("product"), lit("unknown")),
                coalesce(col("channel_normalized"), lit("unknown")),
                coalesce(col("version"), lit("unknown")))
            .count()
            .collectAsList()) {
      want.add(
          r.getLong(0)
              + " "
              + r.getString(1)
              + "/"
              + r.getString(2)
              + "/"
              + r.getString(3)
              + " "
              + r.getLong(4));
    }
    List<String> got = new ArrayList<>();
    try (ElbPass.Result pass = ElbPass.run(SPARK.session(), files, DAY, List.of(), null)) {
      for (VersionHour v : pass.versionHours()) {
        got.add(
            v.hourStart()
                + " "
                + v.product()
                + "/"
                + v.channel()
                + "/"
                + v.version()
                + " "
                + v.requests());
      }
    }
    assertThat(want).hasSizeGreaterThan(200);
    assertThat(got).containsExactlyInAnyOrderElementsOf(want);
  }

  /** A deploy of the web app for windows. */
  record Subject(String id, Instant startedAt) implements ImpactSubject {
    @Override
    public BalrogApp app() {
      return BalrogApp.WEB;
    }

    @Override
    public Instant finishedAt() {
      return startedAt.plus(Duration.ofMinutes(4));
    }

    @Override
    public Instant rolloutEnd() {
      return finishedAt();
    }
  }

  @Test
  void windowMinutesAreExactlyWhatTheSparkReferenceCounts() {
    Map<Subject, ImpactWindows> deploys = new LinkedHashMap<>();
    for (Subject d :
        List.of(
            new Subject("w0", Instant.parse("2026-11-01T00:20:00.250Z")),
            new Subject("w1", Instant.parse("2026-11-01T12:00:07Z")))) {
      deploys.put(d, ImpactWindows.of(d, Duration.ofMinutes(60), Duration.ofMinutes(60)));
    }
    Map<LogSource, List<InputFile>> files = elbFiles(DAY.minusDays(1), DAY);
    List<ElbMinutes.Window> windows = ElbMinutes.windows(deploys);
    List<MinuteCount> got;
    try (ElbPass.Result pass =
        ElbPass.run(SPARK.session(), files, null, ElbMinutes.times(windows), null)) {
      got = new ArrayList<>(ElbMinutes.counts(pass.windowMinutes(), windows));
    }
    Dataset<Row> observations = null;
    for (Map.Entry<LogSource, List<InputFile>> e : files.entrySet()) {
      Dataset<Row> events =
          LogScan.scan(SPARK.session(), LogFormat.ELB, e.getValue())
              .where(col(ScanRow.KIND).equalTo(ScanRow.KIND_EVENT));
      Dataset<Row> o = referenceObservations(events, e.getKey());
      observations = observations == null ? o : observations.unionByName(o);
    }
    List<MinuteCount> want =
        new ArrayList<>(
            ImpactAggregation.countInWindows(SPARK.session(), observations, deploys).minutes());
    Comparator<MinuteCount> order =
        Comparator.comparing(MinuteCount::deployId)
            .thenComparing(MinuteCount::side)
            .thenComparing(MinuteCount::metric)
            .thenComparingLong(MinuteCount::minute);
    got.sort(order);
    want.sort(order);
    assertThat(want).hasSizeGreaterThan(500);
    // both windows of w0 and the before window spanning midnight have minutes of both days
    assertThat(want).anyMatch(m -> m.deployId().equals("w0") && m.minute() == 0);
    assertThat(got).containsExactlyElementsOf(want);
  }

  /**
   * What deploy impact counted from an ELB source's events before the scan tasks did: every
   * non-Dockerflow request for {@code lb_5xx_rate}, and for the update domains every update request
   * for {@code update_5xx_rate:<domain>} and, when it reached a backend, {@code
   * latency_p95:<domain>}.
   */
  static Dataset<Row> referenceObservations(Dataset<Row> events, LogSource source) {
    Column t = col("request_time");
    Column is5xx = coalesce(col("elb_response_code").startsWith("5"), lit(false));
    Column lbBad = coalesce(col("is_lb_generated"), lit(false)).and(is5xx);
    Column latency =
        when(
            col("request_processing_time")
                .geq(0)
                .and(col("backend_processing_time").geq(0))
                .and(col("client_response_time").geq(0)),
            col("request_processing_time")
                .plus(col("backend_processing_time"))
                .plus(col("client_response_time"))
                .multiply(1000.0));
    Column none = lit(null).cast(DataTypes.DoubleType);
    List<Column> parts = new ArrayList<>();
    parts.add(obs(lit(ImpactMetric.LB_5XX_RATE), lbBad, none));
    if (ImpactMetric.UPDATE_DOMAINS.contains(source.id())) {
      Column update = col("endpoint").isin("update", "json");
      parts.add(when(update, obs(lit(ImpactMetric.update5xxRate(source.id())), is5xx, none)));
      parts.add(
          when(
              update.and(latency.isNotNull()),
              obs(lit(ImpactMetric.latencyP95(source.id())), lit(false), latency)));
    }
    return events
        .where(t.isNotNull().and(coalesce(col("endpoint"), lit("other")).notEqual("dockerflow")))
        .select(t.as("t"), explode(array(parts.toArray(Column[]::new))).as("o"))
        .where(col("o").isNotNull())
        .select(
            col("t"),
            lit(BalrogApp.WEB.code()).as("app"),
            col("o.metric").as("metric"),
            col("o.bad").as("bad"),
            col("o.latency_ms").as("latency_ms"),
            lit(null).cast(DataTypes.StringType).as("signature"));
  }

  private static Column obs(Column metric, Column bad, Column latency) {
    return struct(
        metric.as("metric"), when(bad, 1).otherwise(0).as("bad"), latency.as("latency_ms"));
  }

  @Test
  void aDailyRunOpensEveryInputFileOnce() {
    Map<LogSource, List<InputFile>> day =
        new InputDiscovery(SPARK.session().sparkContext().hadoopConfiguration())
            .discover(logs.toString(), EnumSet.allOf(LogSource.class), DAY, DAY);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    OpenCounts.start();
    Map<String, Integer> opens;
    try {
      DailyJob.run(
          SPARK.session(),
          JobConfig.defaults().withInput(logs.toString()).withOutput(out.toString()),
          new DailyJob.Options(DAY, DAY, Sketches.DEFAULT_LG_K, 1, 1.0),
          new PrintStream(progress, true, StandardCharsets.UTF_8));
    } finally {
      opens = OpenCounts.stop();
    }
    String shown = progress.toString(StandardCharsets.UTF_8);
    List<String> dayFiles = new ArrayList<>();
    day.values().forEach(fs -> fs.forEach(f -> dayFiles.add(f.path())));
    assertThat(dayFiles).hasSizeGreaterThan(100);
    assertThat(opens.keySet()).as(shown).containsAll(dayFiles);
    // the day's files once each; the day before's ELB files of w0's before window once each too
    assertThat(opens).as(shown).allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
    assertThat(opens.size()).as(shown).isGreaterThan(dayFiles.size());
    assertThat(shown).contains("taken from the day's scans");
  }

  /** The day's ELB files as {@code daily} gives them to its {@link ElbDay}. */
  private static ElbDay elbDay() {
    Map<LogSource, List<InputFile>> files = elbFiles(DAY, DAY);
    return new ElbDay(
        SPARK.session(),
        DAY,
        files,
        new ScanProgress(SPARK.session().sparkContext()),
        files.values().stream().mapToLong(List::size).sum(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  /**
   * The writes' thread ({@link ElbDay#afterWindows}) waits for the deploy analysis: once it reads
   * the pass with its windows, the writes get that same pass, and no second one is read.
   */
  @Test
  void theWritesWaitForThePassTheDeployAnalysisReadsWithItsWindows() throws Exception {
    List<TimeWindow> windows =
        List.of(
            new TimeWindow(
                Instant.parse("2026-11-01T11:00:00Z"), Instant.parse("2026-11-01T13:00:00Z")));
    try (ElbDay elb = elbDay()) {
      AtomicReference<ElbPass.Result> seen = new AtomicReference<>();
      Thread writes = new Thread(() -> seen.set(elb.afterWindows()), "writes");
      OpenCounts.start();
      Map<String, Integer> opens;
      ElbPass.Result read;
      try {
        writes.start();
        waitUntilWaiting(writes);
        assertThat(seen.get()).isNull();
        read = elb.result(windows);
        writes.join(60_000);
      } finally {
        opens = OpenCounts.stop();
      }
      assertThat(writes.isAlive()).isFalse();
      assertThat(seen.get()).isSameAs(read);
      assertThat(read.windowMinutes()).isNotEmpty();
      assertThat(opens).isNotEmpty().allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
    }
  }

  /**
   * An analysis that ended without asking for windows (no web deploy) lets the writes read the pass
   * without them; one that failed leaves the pass unread.
   */
  @Test
  void theWritesReadThePassAloneOnlyWhenTheAnalysisEndedWell() {
    try (ElbDay elb = elbDay()) {
      elb.windowsSettled(false);
      ElbPass.Result pass = elb.afterWindows();
      assertThat(pass).isNotNull();
      assertThat(pass.windowMinutes()).isEmpty();
      assertThat(pass.audit()).isNotEmpty();
    }
    try (ElbDay elb = elbDay()) {
      elb.windowsSettled(true);
      OpenCounts.start();
      ElbPass.Result pass;
      Map<String, Integer> opens;
      try {
        pass = elb.afterWindows();
      } finally {
        opens = OpenCounts.stop();
      }
      assertThat(pass).isNull();
      assertThat(opens).isEmpty();
    }
  }

  /** Waits (at most a minute) until {@code t} waits. */
  private static void waitUntilWaiting(Thread t) throws InterruptedException {
    for (int i = 0; i < 6000 && t.getState() != Thread.State.WAITING; i++) {
      Thread.sleep(10);
    }
    assertThat(t.getState()).isEqualTo(Thread.State.WAITING);
  }
}
