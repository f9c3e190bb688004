package org.mozilla.balrog.logs.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.TableScan;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.model.ElbWindowMinute;
import org.mozilla.balrog.logs.model.LatencySketch;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.RateBucket;
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.model.TimeWindow;
import org.mozilla.balrog.logs.model.VersionHour;

/**
 * One pass over a set of ELB files that feeds everything read from them: each scan task reads its
 * files once and tallies, inside the task, the ingest audit of every file (lines, parsed and
 * rejected lines by reason, damage), the population's partial cells of one log date ({@link
 * PopulationScan#SCHEMA}), the 5-minute request buckets of that date ({@link RateBucket}, with
 * latency sketches) and the per-minute counts of requests inside given time windows ({@link
 * ElbWindowMinute}, for deploy impact). Only these tallies leave the tasks; they are kept (not the
 * lines) until {@link Result#close}.
 *
 * <p>Lines are read straight from their bytes by {@link PopulationLines} where it decides (nearly
 * every update request of the day); every other line goes through the string parser ({@code
 * ElbLineParser}), the reference the fast path is tested against ({@code ElbPassTest}). Driver
 * side; the tally itself ({@link ElbTally}) runs on executors.
 */
public final class ElbPass {
  private ElbPass() {}

  /**
   * Starts the pass over {@code files} (ELB files of their sources). Lazy: the files are read on
   * the first call of a {@link Result} method.
   *
   * @param day the log date whose population and request buckets are tallied; null for none (a pass
   *     for deploy windows only)
   * @param windows the time windows whose per-minute counts are wanted; may be empty
   * @param progress receives each finished file; may be null
   */
  public static Result run(
      SparkSession spark,
      Map<LogSource, List<InputFile>> files,
      LocalDate day,
      List<TimeWindow> windows,
      ScanProgress progress) {
    List<InputFile> all = new ArrayList<>();
    files.forEach(
        (source, fs) -> {
          for (InputFile f : fs) {
            if (f.format() != LogFormat.ELB || f.source() != source) {
              throw new IllegalArgumentException(
                  f.path() + " is not an ELB file of " + source.id());
            }
            all.add(f);
          }
        });
    List<TimeWindow> w = List.copyOf(windows);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<FilePacks> packs =
        FilePacks.broadcast(
            jsc,
            LogScan.packs(spark.sparkContext(), all),
            spark.sparkContext().hadoopConfiguration());
    JavaRDD<ElbTally> tallies =
        FilePacks.tasks(jsc, packs)
            .mapPartitions(
                it -> {
                  FilePacks fp = packs.value();
                  ElbTally t = new ElbTally(day, w);
                  for (Iterator<InputFile> fs = fp.files(it); fs.hasNext(); ) {
                    t.file(fs.next(), fp.conf(), progress);
                  }
                  return List.of(t.finish()).iterator();
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    return new Result(spark, tallies, packs);
  }

  /** What a pass tallied, merged over its tasks. Driver only; close to drop the tallies. */
  public static final class Result implements AutoCloseable {
    private final SparkSession spark;
    private final JavaRDD<ElbTally> tallies;
    private final Broadcast<FilePacks> packs;
    private boolean closed;
    private List<ElbTally.Small> smalls;
    private List<RateBucket> buckets;
    private List<ElbWindowMinute> minutes;

    Result(SparkSession spark, JavaRDD<ElbTally> tallies, Broadcast<FilePacks> packs) {
      this.spark = spark;
      this.tallies = tallies;
      this.packs = packs;
    }

    /** Reads the files now, if they have not been read yet (one Spark job). */
    public Result read() {
      small();
      return this;
    }

    private List<ElbTally.Small> small() {
      if (smalls == null) {
        smalls = tallies.map(ElbTally::small).collect();
      }
      return smalls;
    }

    /** The audit counts of each source that had files, by source. */
    public Map<LogSource, SourceCounts> audit() {
      Map<LogSource, ElbTally.Audit> merged = new TreeMap<>();
      for (ElbTally.Small s : small()) {
        s.audit()
            .forEach((src, a) -> merged.computeIfAbsent(src, k -> new ElbTally.Audit()).add(a));
      }
      Map<LogSource, SourceCounts> out = new TreeMap<>();
      merged.forEach((src, a) -> out.put(src, a.of(src)));
      return out;
    }

    /** The request buckets of the pass's day, merged (once), by source, endpoint and bucket. */
    public List<RateBucket> buckets() {
      if (buckets != null) {
        return buckets;
      }
      Map<String, RateBucket> merged = new TreeMap<>();
      for (ElbTally.Small s : small()) {
        for (RateBucket b : s.buckets()) {
          merged.merge(
              b.source() + "\u0000" + b.endpoint() + "\u0000" + b.bucketStart(), b, ElbPass::plus);
        }
      }
      List<RateBucket> out = new ArrayList<>(merged.values());
      out.sort(
          Comparator.comparing(RateBucket::source)
              .thenComparing(RateBucket::endpoint)
              .thenComparingLong(RateBucket::bucketStart));
      buckets = List.copyOf(out);
      return buckets;
    }

    /**
     * The update requests per hour, product, channel and version of the pass's day, merged over
     * tasks, in that order.
     */
    public List<VersionHour> versionHours() {
      Map<List<Object>, Long> merged = new TreeMap<>(VERSION_HOUR_KEY);
      for (ElbTally.Small s : small()) {
        for (VersionHour v : s.versionHours()) {
          merged.merge(
              List.of(v.hourStart(), v.product(), v.channel(), v.version()),
              v.requests(),
              Long::sum);
        }
      }
      List<VersionHour> out = new ArrayList<>();
      merged.forEach(
          (k, n) ->
              out.add(
                  new VersionHour(
                      (Long) k.get(0),
                      (String) k.get(1),
                      (String) k.get(2),
                      (String) k.get(3),
                      n)));
      return out;
    }

    /**
     * The per-minute window counts, merged (once) by window, source and minute (latencies of a
     * minute in task order, then file order).
     */
    public List<ElbWindowMinute> windowMinutes() {
      if (minutes != null) {
        return minutes;
      }
      Map<String, ElbWindowMinute> merged = new HashMap<>();
      for (ElbTally.Small s : small()) {
        for (ElbWindowMinute m : s.minutes()) {
          merged.merge(
              m.window() + "\u0000" + m.source() + "\u0000" + m.minute(), m, ElbPass::plus);
        }
      }
      List<ElbWindowMinute> out = new ArrayList<>(merged.values());
      out.sort(
          Comparator.comparingInt(ElbWindowMinute::window)
              .thenComparing(ElbWindowMinute::source)
              .thenComparingLong(ElbWindowMinute::minute));
      minutes = List.copyOf(out);
      return minutes;
    }

    /**
     * The population's partial cells of the pass's day ({@link PopulationScan#SCHEMA}), from the
     * kept tallies: no file is read again.
     */
    public Dataset<Row> partialCells() {
      read();
      return spark.baseRelationToDataFrame(new CellRelation(spark.sqlContext(), tallies));
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        tallies.unpersist(false);
        packs.destroy();
      }
    }
  }

  /** Hour, then product, channel and version. */
  private static final Comparator<List<Object>> VERSION_HOUR_KEY =
      Comparator.<List<Object>>comparingLong(k -> (Long) k.get(0))
          .thenComparing(k -> (String) k.get(1))
          .thenComparing(k -> (String) k.get(2))
          .thenComparing(k -> (String) k.get(3));

  static RateBucket plus(RateBucket a, RateBucket b) {
    LatencySketch latency = new LatencySketch();
    latency.merge(a.latency());
    latency.merge(b.latency());
    return new RateBucket(
        a.source(),
        a.endpoint(),
        a.bucketStart(),
        a.requests() + b.requests(),
        a.status2xx() + b.status2xx(),
        a.status3xx() + b.status3xx(),
        a.status4xx() + b.status4xx(),
        a.status5xx() + b.status5xx(),
        a.statusOther() + b.statusOther(),
        a.lb5xx() + b.lb5xx(),
        a.backend5xx() + b.backend5xx(),
        a.bytesSent() + b.bytesSent(),
        latency);
  }

  static ElbWindowMinute plus(ElbWindowMinute a, ElbWindowMinute b) {
    double[] l = Arrays.copyOf(a.latenciesMs(), a.latenciesMs().length + b.latenciesMs().length);
    System.arraycopy(b.latenciesMs(), 0, l, a.latenciesMs().length, b.latenciesMs().length);
    return new ElbWindowMinute(
        a.window(),
        a.source(),
        a.minute(),
        a.requests() + b.requests(),
        a.lb5xx() + b.lb5xx(),
        a.updateRequests() + b.updateRequests(),
        a.update5xx() + b.update5xx(),
        l);
  }

  /** The partial cells of kept tallies as a relation (rows built in Spark's internal format). */
  private static final class CellRelation extends BaseRelation implements TableScan {
    private final SQLContext sqlContext;
    private final JavaRDD<ElbTally> tallies;

    CellRelation(SQLContext sqlContext, JavaRDD<ElbTally> tallies) {
      this.sqlContext = sqlContext;
      this.tallies = Objects.requireNonNull(tallies);
    }

    @Override
    public SQLContext sqlContext() {
      return sqlContext;
    }

    @Override
    public StructType schema() {
      return PopulationScan.SCHEMA;
    }

    @Override
    public boolean needConversion() {
      return false;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public RDD<Row> buildScan() {
      JavaRDD<InternalRow> rows =
          tallies.flatMap(t -> (Iterator<InternalRow>) PopulationScan.rows(t.cells()));
      // needConversion() is false: Spark reads these as InternalRows
      return (RDD) rows.rdd();
    }
  }
}
