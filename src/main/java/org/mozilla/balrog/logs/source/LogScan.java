package org.mozilla.balrog.logs.source;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.PrunedScan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.parse.Parsers;
import org.mozilla.balrog.logs.parse.RecordEmitter;
import org.mozilla.balrog.logs.parse.RecordParser;
import org.mozilla.balrog.logs.parse.RejectReason;
import org.mozilla.balrog.logs.privacy.Redactor;

/**
 * The Spark edge of parsing: reads files of one format in parallel (files packed into a few tasks
 * per core) and turns every line into exactly one of: part of an event row ({@code _kind = 'e'}), a
 * rejection row ({@code 'r'}, with the reason and, for the first few per reason and file, a
 * redacted sample), and one summary row per file ({@code 'f'}: lines, parsed lines, rejected,
 * events, bytes, and what stopped the reading: damaged data, or a failed read whose {@code _damage}
 * starts with {@link ScanRow#UNREADABLE}). Event columns follow {@link EventColumns}; bookkeeping
 * columns start with {@code _}.
 *
 * <p>A scan is a Spark relation with column pruning ({@link PrunedScan}): a query that uses a few
 * columns gets rows of only those, built directly in Spark's internal format, so the other columns
 * of the wide ELB schema cost nothing.
 */
public final class LogScan {

  /** Rejected-line samples kept per reason and file. */
  static final int SAMPLES_PER_REASON = 3;

  static final int SAMPLE_CHARS = 300;

  private static final StructType META =
      DataTypes.createStructType(
          List.of(
              field(ScanRow.KIND, DataTypes.StringType),
              field("_file", DataTypes.StringType),
              field("_source", DataTypes.StringType),
              field("_line", DataTypes.LongType),
              field("_reason", DataTypes.StringType),
              field("_sample", DataTypes.StringType),
              field("_lines", DataTypes.LongType),
              field("_parsed_lines", DataTypes.LongType),
              field("_rejected", DataTypes.LongType),
              field("_events", DataTypes.LongType),
              field("_bytes", DataTypes.LongType),
              field("_damage", DataTypes.StringType)));

  /**
   * Tasks per core a scan aims for: enough to balance uneven files, few enough to keep task
   * overhead small.
   */
  static final int TASKS_PER_CORE = 3;

  private LogScan() {}

  /**
   * Splits {@code files} into at most {@code target} groups of similar total size (largest file
   * first, each to the lightest group), keeping path order inside each group. Deterministic.
   */
  static List<List<InputFile>> pack(List<InputFile> files, int target) {
    int n = Math.min(target, files.size());
    List<List<InputFile>> groups = new ArrayList<>();
    long[] load = new long[n];
    for (int i = 0; i < n; i++) {
      groups.add(new ArrayList<>());
    }
    List<InputFile> bySize = new ArrayList<>(files);
    bySize.sort(
        java.util.Comparator.comparingLong(InputFile::size)
            .reversed()
            .thenComparing(InputFile::path));
    for (InputFile f : bySize) {
      int lightest = 0;
      for (int i = 1; i < n; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      groups.get(lightest).add(f);
      load[lightest] += Math.max(1, f.size());
    }
    groups.forEach(g -> g.sort(java.util.Comparator.comparing(InputFile::path)));
    return groups;
  }

  /**
   * Scan rows for {@code files}, which must all have {@code format}. Lazy: nothing is read until an
   * action.
   */
  public static Dataset<Row> scan(SparkSession spark, LogFormat format, List<InputFile> files) {
    return scan(spark, format, files, null);
  }

  /**
   * As {@link #scan(SparkSession, LogFormat, List)}, adding each finished file to {@code progress}
   * (may be null).
   */
  public static Dataset<Row> scan(
      SparkSession spark, LogFormat format, List<InputFile> files, ScanProgress progress) {
    for (InputFile f : files) {
      if (f.format() != format) {
        throw new IllegalArgumentException(f.path() + " is " + f.format() + ", not " + format);
      }
    }
    return spark.baseRelationToDataFrame(relation(spark.sqlContext(), format, files, progress));
  }

  /**
   * The scan of {@code files} (all of {@code format}) as a Spark relation with column pruning: what
   * {@link #scan} reads, and what the {@code balrog-logs} data source ({@link
   * BalrogLogsDataSource}) returns.
   */
  static BaseRelation relation(
      SQLContext sqlContext, LogFormat format, List<InputFile> files, ScanProgress progress) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sqlContext.sparkContext());
    return new ScanRelation(
        sqlContext,
        jsc,
        format,
        schema(format),
        FilePacks.broadcast(
            jsc,
            packs(sqlContext.sparkContext(), files),
            sqlContext.sparkContext().hadoopConfiguration()),
        progress);
  }

  /**
   * {@code files} packed into the scan's tasks: many small files (ELB writes one per node per 5
   * minutes) would make thousands of tiny tasks, so {@link #TASKS_PER_CORE} per core of the session
   * ({@link #pack}).
   */
  static List<List<InputFile>> packs(org.apache.spark.SparkContext sc, List<InputFile> files) {
    return pack(files, Math.max(1, sc.defaultParallelism() * TASKS_PER_CORE));
  }

  /**
   * The scan as a relation: {@link #buildScan} reads the files and yields rows of only the
   * requested columns, as {@link InternalRow}s ({@link #needConversion} false), so no row of the
   * full width is ever converted.
   */
  private static final class ScanRelation extends BaseRelation implements PrunedScan {
    private final SQLContext sqlContext;
    private final JavaSparkContext jsc;
    private final LogFormat format;
    private final StructType schema;
    private final Broadcast<FilePacks> packs;
    private final ScanProgress progress;

    ScanRelation(
        SQLContext sqlContext,
        JavaSparkContext jsc,
        LogFormat format,
        StructType schema,
        Broadcast<FilePacks> packs,
        ScanProgress progress) {
      this.sqlContext = sqlContext;
      this.jsc = jsc;
      this.format = format;
      this.schema = schema;
      this.packs = packs;
      this.progress = progress;
    }

    @Override
    public SQLContext sqlContext() {
      return sqlContext;
    }

    @Override
    public StructType schema() {
      return schema;
    }

    @Override
    public boolean needConversion() {
      return false;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public RDD<Row> buildScan(String[] requiredColumns) {
      Projection projection = new Projection(schema, requiredColumns);
      LogFormat f = format;
      Broadcast<FilePacks> b = packs;
      ScanProgress p = progress;
      JavaRDD<InternalRow> rows =
          FilePacks.tasks(jsc, b)
              .mapPartitions(
                  it -> {
                    FilePacks fp = b.value();
                    return projection.apply(
                        new FileRows(f, fp.files(it), fp.conf(), p, projection.columns()));
                  });
      // needConversion() is false: Spark reads these as InternalRows
      return (RDD) rows.rdd();
    }
  }

  /**
   * Full-width scan rows of {@code files} with external values (String, Instant, LocalDate...), in
   * {@link #schema(LogFormat)} order; what the relation prunes and converts. For tests.
   */
  static Iterator<Object[]> rawRows(
      LogFormat format, List<InputFile> files, org.apache.hadoop.conf.Configuration c) {
    return new FileRows(format, files.iterator(), new HadoopConf(c), null, null);
  }

  /**
   * Picks the requested columns of full-width rows and converts their values to Spark's internal
   * ones.
   */
  static final class Projection implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] columns;
    private final int[] index;
    private final InternalValues.Kind[] kinds;
    // log_date repeats: the same LocalDate instance (see EventColumns.LogDates) converts once
    private transient Object lastDate;
    private transient Object lastDays;

    Projection(StructType schema, String[] columns) {
      this.columns = columns.clone();
      index = new int[columns.length];
      kinds = new InternalValues.Kind[columns.length];
      for (int i = 0; i < columns.length; i++) {
        index[i] = schema.fieldIndex(columns[i]);
        kinds[i] = InternalValues.kind(schema.fields()[index[i]].dataType());
      }
    }

    java.util.Set<String> columns() {
      return java.util.Set.of(columns);
    }

    InternalRow apply(Object[] full) {
      Object[] v = new Object[index.length];
      for (int i = 0; i < index.length; i++) {
        Object value = full[index[i]];
        if (kinds[i] == InternalValues.Kind.DATE && value != null) {
          if (value != lastDate) {
            lastDate = value;
            lastDays = InternalValues.convert(kinds[i], value);
          }
          v[i] = lastDays;
        } else {
          v[i] = InternalValues.convert(kinds[i], value);
        }
      }
      return new GenericInternalRow(v);
    }

    Iterator<InternalRow> apply(Iterator<Object[]> rows) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public InternalRow next() {
          return apply(rows.next());
        }
      };
    }
  }

  /** Scans files of any formats; one dataset per format present. */
  public static Map<LogFormat, Dataset<Row>> scanByFormat(
      SparkSession spark, List<InputFile> files) {
    Map<LogFormat, List<InputFile>> byFormat = new EnumMap<>(LogFormat.class);
    for (InputFile f : files) {
      byFormat.computeIfAbsent(f.format(), k -> new ArrayList<>()).add(f);
    }
    Map<LogFormat, Dataset<Row>> out = new EnumMap<>(LogFormat.class);
    byFormat.forEach((format, fs) -> out.put(format, scan(spark, format, fs)));
    return out;
  }

  /** The event rows of a scan with only the view columns. */
  public static Dataset<Row> events(Dataset<Row> scan, LogFormat format) {
    Column[] cols =
        Arrays.stream(EventColumns.schema(format).fieldNames())
            .map(n -> col("`" + n + "`"))
            .toArray(Column[]::new);
    return scan.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_EVENT)).select(cols);
  }

  /**
   * Bookkeeping columns, the view columns of {@code format}, then its {@link EventColumns#scanOnly}
   * columns.
   */
  public static StructType schema(LogFormat format) {
    List<StructField> fields = new ArrayList<>(Arrays.asList(META.fields()));
    fields.addAll(Arrays.asList(EventColumns.schema(format).fields()));
    fields.addAll(Arrays.asList(EventColumns.scanOnly(format).fields()));
    return DataTypes.createStructType(fields);
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  /**
   * Control characters shown as {@code \xHH}, so a binary sample cannot garble a terminal or a
   * report.
   */
  static String printable(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0);
      if (control && sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (sb != null) {
        if (control) {
          sb.append(String.format("\\x%02x", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Lazily reads one partition's files and yields their rows. Runs on executors. */
  private static final class FileRows
      implements Iterator<Object[]>, RecordEmitter<Object>, Serializable {
    private static final long serialVersionUID = 1L;
    private final LogFormat format;
    private final Iterator<InputFile> files;
    private final HadoopConf conf;
    private final int metaWidth = META.fields().length;
    private final int width;

    /** Index of log_date; source_file follows it, then the scan-only columns. */
    private final int logDateIndex;

    private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
    private final EventColumns.Mapper mapper;
    private final EventColumns.LogDates logDates = new EventColumns.LogDates();

    private InputFile file;
    private String path;
    private String label;
    private LineReader reader;
    private RecordParser<Object> parser;
    private long lineNo;
    private long parsedLines;
    private long rejected;
    private long events;
    private long eventStartLine;
    private final Map<RejectReason, Integer> samples = new EnumMap<>(RejectReason.class);

    private final ScanProgress progress;

    /** {@code wanted}: the columns anyone reads (null: all); the others may be left null. */
    FileRows(
        LogFormat format,
        Iterator<InputFile> files,
        HadoopConf conf,
        ScanProgress progress,
        java.util.Set<String> wanted) {
      this.progress = progress;
      this.format = format;
      this.files = files;
      this.conf = conf;
      // a task that stops early (a LIMIT, a failure) leaves the current file open: close it when
      // the task ends, not when the garbage collector finds it (S3A reports each as a leak)
      org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener(
            (org.apache.spark.util.TaskCompletionListener) t -> closeReaderQuietly());
      }
      int view = EventColumns.schema(format).fields().length;
      this.logDateIndex = metaWidth + view - 2;
      this.width = metaWidth + view + EventColumns.scanOnly(format).fields().length;
      this.mapper = EventColumns.mapper(format, wanted);
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty()) {
        if (reader == null) {
          if (!files.hasNext()) {
            return false;
          }
          open(files.next());
          continue;
        }
        String line = reader.next();
        if (line == null) {
          close();
          continue;
        }
        lineNo++;
        eventStartLine = lineNo;
        if (line == LineReader.TOO_LONG) {
          rejected(RejectReason.LINE_TOO_LONG, null);
        } else {
          parser.accept(line, this);
        }
      }
      return true;
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }

    @SuppressWarnings("unchecked")
    private void open(InputFile f) {
      file = f;
      path = f.path();
      label = f.label();
      lineNo = 0;
      parsedLines = 0;
      rejected = 0;
      events = 0;
      samples.clear();
      parser = (RecordParser<Object>) Parsers.forFile(format, f.folderDate());
      try {
        reader = LineReader.open(f.path(), conf.get());
      } catch (IOException | RuntimeException e) {
        reader = null;
        pending.add(
            fileRow(ScanRow.UNREADABLE + (e.getMessage() == null ? e.toString() : e.getMessage())));
        file = null;
      }
    }

    private void closeReaderQuietly() {
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException e) {
          // the task is over; nothing reads this file any more
        }
        reader = null;
      }
    }

    private void close() {
      parser.finish(this);
      String damage =
          reader.ioError() != null ? ScanRow.UNREADABLE + reader.ioError() : reader.damage();
      try {
        reader.close();
      } catch (IOException e) {
        // all lines were read; a failing close changes no count
      }
      pending.add(fileRow(damage));
      if (progress != null) {
        progress.fileDone(lineNo);
      }
      reader = null;
      file = null;
    }

    private Object[] fileRow(String damage) {
      Object[] v = new Object[width];
      v[0] = ScanRow.KIND_FILE;
      v[1] = path;
      v[2] = label;
      v[6] = lineNo;
      v[7] = parsedLines;
      v[8] = rejected;
      v[9] = events;
      v[10] = file.size();
      v[11] = damage;
      return v;
    }

    @Override
    public void parsed(Object event, int lines) {
      parsedLines += lines;
      events++;
      Object[] ev = mapper.values(event);
      Object[] v = new Object[width];
      v[0] = ScanRow.KIND_EVENT;
      v[1] = path;
      v[2] = label;
      // a multi-line record started lines-1 lines before the line that completed it (or is being
      // flushed)
      v[3] = Math.max(1, eventStartLine - lines + 1);
      v[6] = (long) lines;
      int viewValues = logDateIndex - metaWidth;
      System.arraycopy(ev, 0, v, metaWidth, viewValues);
      v[logDateIndex] = logDates.of(mapper.time(event));
      v[logDateIndex + 1] = path;
      System.arraycopy(ev, viewValues, v, logDateIndex + 2, ev.length - viewValues);
      pending.add(v);
    }

    @Override
    public void rejected(RejectReason reason, String line) {
      rejected++;
      Object[] v = new Object[width];
      v[0] = ScanRow.KIND_REJECT;
      v[1] = path;
      v[2] = label;
      v[3] = lineNo;
      v[4] = reason.code();
      int n = samples.merge(reason, 1, Integer::sum);
      if (n <= SAMPLES_PER_REASON && line != null) {
        String s = line.length() > SAMPLE_CHARS ? line.substring(0, SAMPLE_CHARS) + "…" : line;
        v[5] = printable(Redactor.redact(s));
      }
      v[6] = 1L;
      pending.add(v);
    }
  }
}
