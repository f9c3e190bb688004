package org.mozilla.balrog.logs.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.TableScan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.UpdateRequest;
import org.mozilla.balrog.logs.parse.Parsers;
import org.mozilla.balrog.logs.parse.RecordEmitter;
import org.mozilla.balrog.logs.parse.RecordParser;
import org.mozilla.balrog.logs.parse.RejectReason;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;

/**
 * The population's own pass over ELB files (the update domains'): each scan task parses its files,
 * keeps the update requests ({@link UpdateCell#counts}) of one log date and tallies them by cell in
 * {@link PopulationCells}, hashing the client fingerprint while parsing ({@link ClientHash}). Rows
 * leave the task already folded: one per cell and task, with {@link #SCHEMA}'s sorted distinct
 * {@code fingerprints}. Lines the parser rejects and other requests are skipped here; {@code
 * daily}'s shared scan counts every line of these files in the ingest audit.
 */
public final class PopulationScan {
  /**
   * Partial cells: the cell columns, a fingerprint range, request counts, and the cell's distinct
   * fingerprints in one task that fall in that range, sorted. A cell's fingerprints are split into
   * {@link #RANGES} ranges of their top bits (a range number orders as its fingerprints do), so
   * whoever merges a cell's partial rows ({@code UpdatePopulation}) can take them range by range,
   * in order, holding one range at a time. The requests of a cell and task are on its first row, 0
   * on the others.
   */
  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("domain", DataTypes.StringType, false),
              DataTypes.createStructField("product", DataTypes.StringType, false),
              DataTypes.createStructField("channel", DataTypes.StringType, false),
              DataTypes.createStructField("is_test_channel", DataTypes.BooleanType, false),
              DataTypes.createStructField("version", DataTypes.StringType, false),
              DataTypes.createStructField("os", DataTypes.StringType, false),
              DataTypes.createStructField("arch", DataTypes.StringType, false),
              DataTypes.createStructField("fingerprint_range", DataTypes.IntegerType, false),
              DataTypes.createStructField("requests", DataTypes.LongType, false),
              DataTypes.createStructField("background_requests", DataTypes.LongType, false),
              DataTypes.createStructField(
                  "fingerprints", DataTypes.createArrayType(DataTypes.LongType, false), false)));

  /** Fingerprint ranges per cell: the top {@link #RANGE_BITS} bits. */
  static final int RANGE_BITS = 4;

  public static final int RANGES = 1 << RANGE_BITS;

  private PopulationScan() {}

  /** The range of a fingerprint: its top bits, signed, so ranges order as their fingerprints do. */
  public static int range(long fingerprint) {
    return (int) (fingerprint >> (64 - RANGE_BITS));
  }

  /**
   * Partial cells of the update requests of {@code day} in {@code files} (ELB files; each file's
   * source is its domain). Lazy: nothing is read until an action.
   */
  public static Dataset<Row> partialCells(
      SparkSession spark, Map<LogSource, List<InputFile>> files, LocalDate day) {
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
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    return spark.baseRelationToDataFrame(
        new Relation(spark.sqlContext(), LogScan.packs(spark.sparkContext(), all), conf, day));
  }

  private static final class Relation extends BaseRelation implements TableScan {
    private final SQLContext sqlContext;
    private final List<List<InputFile>> packs;
    private final HadoopConf conf;
    private final LocalDate day;

    Relation(SQLContext sqlContext, List<List<InputFile>> packs, HadoopConf conf, LocalDate day) {
      this.sqlContext = sqlContext;
      this.packs = packs;
      this.conf = conf;
      this.day = day;
    }

    @Override
    public SQLContext sqlContext() {
      return sqlContext;
    }

    @Override
    public StructType schema() {
      return SCHEMA;
    }

    @Override
    public boolean needConversion() {
      return false;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public RDD<Row> buildScan() {
      HadoopConf c = conf;
      LocalDate d = day;
      JavaRDD<InternalRow> rows =
          JavaSparkContext.fromSparkContext(sqlContext.sparkContext())
              .parallelize(packs, Math.max(1, packs.size()))
              .mapPartitions(
                  it -> {
                    Tallier t = new Tallier(d);
                    while (it.hasNext()) {
                      for (InputFile f : it.next()) {
                        t.file(f, c);
                      }
                    }
                    return rows(t.cells.partials());
                  });
      // needConversion() is false: Spark reads these as InternalRows
      return (RDD) rows.rdd();
    }
  }

  private static Iterator<InternalRow> rows(List<PopulationCells.Partial> partials) {
    List<InternalRow> out = new ArrayList<>();
    for (PopulationCells.Partial p : partials) {
      UpdateCell c = p.cell();
      long[] fps = p.fingerprints();
      boolean first = true;
      for (int from = 0; from < fps.length; ) {
        int range = range(fps[from]);
        int to = from + 1;
        while (to < fps.length && range(fps[to]) == range) {
          to++;
        }
        out.add(
            new GenericInternalRow(
                new Object[] {
                  UTF8String.fromString(c.domain()),
                  UTF8String.fromString(c.product()),
                  UTF8String.fromString(c.channel()),
                  c.testChannel(),
                  UTF8String.fromString(c.version()),
                  UTF8String.fromString(c.os()),
                  UTF8String.fromString(c.arch()),
                  range,
                  first ? p.requests() : 0L,
                  first ? p.backgroundRequests() : 0L,
                  UnsafeArrayData.fromPrimitiveArray(Arrays.copyOfRange(fps, from, to))
                }));
        first = false;
        from = to;
      }
    }
    return out.iterator();
  }

  /** Reads files and tallies their update requests of one day. Runs on executors; one per task. */
  static final class Tallier implements RecordEmitter<Object> {
    final PopulationCells cells = new PopulationCells();
    private final LocalDate day;
    private final UpdateUrlParser urls = new UpdateUrlParser();
    private final PopulationLines fast;
    private String domain;
    private RecordParser<Object> parser;

    Tallier(LocalDate day) {
      this.day = day;
      fast = new PopulationLines(day);
    }

    /**
     * Tallies one file. A file that cannot be opened or read fails the task (and so the run): its
     * lines would be missing from the population. Damaged data (a truncated gzip) keeps the lines
     * before the damage, as the audit counts them.
     */
    void file(InputFile f, HadoopConf conf) {
      LineReader reader;
      try {
        reader = LineReader.open(f.path(), conf.get());
      } catch (IOException | RuntimeException e) {
        throw new UncheckedIOException(
            new IOException("cannot read " + f.path() + ": " + e.getMessage(), e));
      }
      domain(f.source().id(), f.folderDate());
      try (reader) {
        for (int len = reader.nextBytes(); len != LineReader.END; len = reader.nextBytes()) {
          if (len != LineReader.LINE_TOO_LONG) {
            line(reader.bytes(), len);
          }
        }
        if (reader.ioError() != null) {
          throw new UncheckedIOException(
              new IOException("cannot read " + f.path() + ": " + reader.ioError()));
        }
        parser.finish(this);
      } catch (IOException e) {
        // every line was read; a failing close changes no count
      }
    }

    /**
     * The lines that follow are of a file of {@code domainId} in the date folder {@code
     * folderDate}.
     */
    @SuppressWarnings("unchecked")
    void domain(String domainId, LocalDate folderDate) {
      domain = domainId;
      parser = (RecordParser<Object>) Parsers.forFile(LogFormat.ELB, folderDate);
    }

    /**
     * Tallies the line {@code b[0, len)}: by {@link PopulationLines} when it decides, else as
     * {@link #reference}.
     */
    void line(byte[] b, int len) {
      switch (fast.scan(b, len, domain)) {
        case PopulationLines.COUNTED ->
            cells.add(fast.cell(), fast.fingerprint(), fast.background());
        case PopulationLines.SKIP -> {}
        default -> reference(new String(b, 0, len, StandardCharsets.UTF_8));
      }
    }

    /** Tallies one line the reference way: the string parsers, then {@link #parsed}. */
    void reference(String line) {
      parser.accept(line, this);
    }

    @Override
    public void parsed(Object event, int lines) {
      ElbEntry e = (ElbEntry) event;
      String url = e.url();
      if (url == null || !EventColumns.logDate(e.requestTime()).equals(day)) {
        return;
      }
      UpdateRequest u = urls.parse(url);
      if (UpdateCell.counts(u)) {
        cells.add(UpdateCell.of(domain, u), ClientHash.fingerprint(e, u), UpdateCell.background(u));
      }
    }

    @Override
    public void rejected(RejectReason reason, String line) {
      // counted by the ingest audit of daily's shared scan
    }
  }
}
