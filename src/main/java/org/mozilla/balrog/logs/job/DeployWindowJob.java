package org.mozilla.balrog.logs.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mozilla.balrog.logs.metrics.ReleaseActivity;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.sink.SparkSchemas;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.NoInputException;
import org.mozilla.balrog.logs.window.AdminWrite;
import org.mozilla.balrog.logs.window.Call;
import org.mozilla.balrog.logs.window.DeployStart;
import org.mozilla.balrog.logs.window.ErrorHour;
import org.mozilla.balrog.logs.window.Evidence;
import org.mozilla.balrog.logs.window.JudgedDeploy;
import org.mozilla.balrog.logs.window.Reason;
import org.mozilla.balrog.logs.window.Times;
import org.mozilla.balrog.logs.window.UpdateBucket;
import org.mozilla.balrog.logs.window.VersionCount;
import org.mozilla.balrog.logs.window.WindowInputs;
import org.mozilla.balrog.logs.window.WindowSettings;
import org.mozilla.balrog.logs.window.WindowVerdict;

/**
 * {@code deploy-window}: reads the rows the window rules need from the summary tables under the
 * output root — only the {@code log_date} partitions of the days the rules reach back to from the
 * push ({@link WindowSettings#lookBack}) — and asks the rules ({@link WindowVerdict#judge}).
 *
 * <p>Reads through the embedded DuckDB when it is on the classpath and the root is a local folder
 * ({@link #embeddable}: about a second, no Spark), else through Spark.
 */
public final class DeployWindowJob {
  static final String RATES = SummaryTables.REQUEST_RATES.name();
  static final String RELEASE = SummaryTables.RELEASE_ACTIVITY.name();
  static final String IMPACT = SummaryTables.DEPLOY_IMPACT.name();
  static final String DEPLOYS = SummaryTables.DEPLOYS.name();
  static final String ERRORS = SummaryTables.APP_ERRORS.name();
  static final String AUDIT = SummaryTables.INGEST_AUDIT.name();
  private static final List<SummaryTable> TABLES =
      List.of(
          SummaryTables.REQUEST_RATES,
          SummaryTables.RELEASE_ACTIVITY,
          SummaryTables.DEPLOY_IMPACT,
          SummaryTables.DEPLOYS,
          SummaryTables.APP_ERRORS,
          SummaryTables.INGEST_AUDIT);

  private DeployWindowJob() {}

  /**
   * @param at the push's start; null for the end of the newest {@code request_rates} bucket
   * @param json true for {@code --format json}
   */
  public record Request(Instant at, Duration duration, WindowSettings settings, boolean json) {}

  /** The answer and what it was read with. */
  public record Result(WindowVerdict verdict, String engine, List<LocalDate> days) {
    /** go, caution or no-go. */
    public String label() {
      return verdict.call().label();
    }

    /** How the run ends: {@link ExitKind#OK} for go, {@code CAUTION} or {@code NO_GO}. */
    public ExitKind kind() {
      return switch (verdict.call()) {
        case GO -> ExitKind.OK;
        case CAUTION -> ExitKind.CAUTION;
        case NO_GO -> ExitKind.NO_GO;
      };
    }

    /** The table format's text ({@link WindowVerdict#text}). */
    public String text() {
      return verdict.text();
    }

    /** The JSON format's object, one line. */
    public String jsonLine() {
      return json(this).toString();
    }

    /** The exit reason: the verdict and the rules that made it. */
    public String reason() {
      return DeployWindowJob.reason(verdict);
    }
  }

  /**
   * The checked request (before anything is read).
   *
   * @param at {@code now}, an instant ({@code 2026-11-02T11:30Z}), a time with an offset, or a
   *     local date-time in {@code window.time-zone}; null for the newest data
   * @throws IllegalArgumentException for a bad option or {@code window.*} setting
   */
  public static Request request(JobConfig cfg, String at, String duration, String format) {
    WindowSettings s = WindowSettings.from(cfg.settings());
    boolean json =
        switch (format.toLowerCase(Locale.ROOT)) {
          case "table" -> false;
          case "json" -> true;
          default ->
              throw new IllegalArgumentException(
                  "unknown --format '" + format + "' (use table or json)");
        };
    return new Request(
        at == null ? null : instant(at, s), Times.parseDuration("--duration", duration), s, json);
  }

  static Instant instant(String text, WindowSettings s) {
    String t = text.strip();
    if (t.equalsIgnoreCase("now")) {
      return Instant.now();
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException e) {
      // not with an offset: a local time of the team below
    }
    try {
      return LocalDateTime.parse(t).atZone(s.zone()).toInstant();
    } catch (DateTimeException e) { // the message names the option, not the parser's index
      throw new IllegalArgumentException(
          "--at: bad time '"
              + text
              + "' (use now, 2026-11-02T11:30Z, 2026-11-02T12:30+01:00, or a local"
              + " 2026-11-02T12:30 in window.time-zone)");
    }
  }

  /**
   * The {@code --step} of a {@link #grid} ({@code 1h}, {@code 30m}...).
   *
   * @throws IllegalArgumentException when it is not a duration
   */
  public static Duration step(String step) {
    return Times.parseDuration("--step", step);
  }

  /** Whether the embedded DuckDB can read the output root (else Spark reads it). */
  public static boolean embeddable(JobConfig cfg) {
    Path root = DuckDbQuery.localRoot(cfg.output());
    return DuckDbQuery.onClasspath() && root != null && Files.isDirectory(root);
  }

  /** Reads through the embedded DuckDB ({@link #embeddable}) and judges. */
  public static Result runEmbedded(JobConfig cfg, Request req) {
    Path root = DuckDbQuery.localRoot(cfg.output());
    return run(new DuckDbRows(root), req);
  }

  /** {@link #grid} through the embedded DuckDB ({@link #embeddable}). */
  public static List<Result> gridEmbedded(JobConfig cfg, Request req, Instant to, Duration step) {
    return grid(new DuckDbRows(DuckDbQuery.localRoot(cfg.output())), req, to, step);
  }

  /** {@link #grid} through Spark. */
  public static List<Result> grid(
      SparkSession spark, JobConfig cfg, Request req, Instant to, Duration step) {
    if (cfg.output() == null) {
      throw new IllegalArgumentException("deploy-window reads the summary tables: give --output");
    }
    return grid(new SparkRows(spark, cfg.output()), req, to, step);
  }

  /**
   * The pushes of a {@link #grid}, one line each: time, verdict and the rules that were not go (the
   * table format), or one JSON object per line.
   */
  public static String gridText(List<Result> results, boolean json) {
    StringBuilder sb = new StringBuilder();
    if (!json) {
      sb.append(String.format(Locale.ROOT, "%-18s %-8s %s%n", "push", "verdict", "not go"));
    }
    for (Result r : results) {
      if (json) {
        sb.append(r.jsonLine()).append('\n');
        continue;
      }
      List<String> notGo = new ArrayList<>();
      for (Reason reason : r.verdict().reasons()) {
        if (reason.call() != Call.GO) {
          notGo.add(reason.rule() + " (" + reason.call().label() + ")");
        }
      }
      sb.append(
              String.format(
                      Locale.ROOT,
                      "%-18s %-8s %s",
                      Times.utc(r.verdict().at()),
                      r.label(),
                      String.join(", ", notGo))
                  .stripTrailing())
          .append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** Reads through Spark and judges. */
  public static Result run(SparkSession spark, JobConfig cfg, Request req) {
    if (cfg.output() == null) {
      throw new IllegalArgumentException("deploy-window reads the summary tables: give --output");
    }
    return run(new SparkRows(spark, cfg.output()), req);
  }

  /** How rows are read: one table, only the partitions of {@code days}. */
  interface Rows {
    String engine();

    /** The table's partitions (dates), ascending; empty when the table does not exist. */
    List<LocalDate> dates(String table);

    List<List<Object>> select(String table, List<LocalDate> days, String sql);
  }

  /** At most this many pushes in one {@link #grid}. */
  static final int MAX_PUSHES = 5000;

  /**
   * Judges a push every {@code step} from {@code req.at()} (inclusive) to {@code to} (exclusive),
   * each as {@link #run(Rows, Request)} would, reading each table once for all of them (the days
   * the first push looks back to, through the last push's day).
   *
   * @throws IllegalArgumentException when {@code to} is not after the first push, or for more than
   *     {@link #MAX_PUSHES} pushes
   */
  static List<Result> grid(Rows rows, Request req, Instant to, Duration step) {
    if (req.at() == null || !to.isAfter(req.at())) {
      throw new IllegalArgumentException("--to must be after --at");
    }
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("--step must be positive");
    }
    long pushes =
        (Duration.between(req.at(), to).toSeconds() + step.toSeconds() - 1) / step.toSeconds();
    if (pushes > MAX_PUSHES) {
      throw new IllegalArgumentException(
          pushes + " pushes from --at to --to every --step: at most " + MAX_PUSHES);
    }
    List<LocalDate> days = new ArrayList<>();
    LocalDate last = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
    for (LocalDate d =
            req.at().minus(req.settings().lookBack()).atZone(ZoneOffset.UTC).toLocalDate();
        !d.isAfter(last);
        d = d.plusDays(1)) {
      days.add(d);
    }
    Rows once = new ReadOnce(rows, days);
    List<Result> out = new ArrayList<>();
    for (Instant at = req.at(); at.isBefore(to); at = at.plus(step)) {
      out.add(run(once, new Request(at, req.duration(), req.settings(), req.json())));
    }
    return out;
  }

  /**
   * Rows of a fixed set of days, each query read once: the rules look only at the rows of their
   * windows before each push, so one read serves every push of a {@link #grid}.
   */
  static final class ReadOnce implements Rows {
    private final Rows rows;
    private final List<LocalDate> days;
    private final java.util.Map<String, List<List<Object>>> selected = new java.util.HashMap<>();

    ReadOnce(Rows rows, List<LocalDate> days) {
      this.rows = rows;
      this.days = List.copyOf(days);
    }

    @Override
    public String engine() {
      return rows.engine();
    }

    @Override
    public List<LocalDate> dates(String table) {
      return rows.dates(table);
    }

    @Override
    public List<List<Object>> select(String table, List<LocalDate> wanted, String sql) {
      return selected.computeIfAbsent(table + "\u0000" + sql, k -> rows.select(table, days, sql));
    }
  }

  static Result run(Rows rows, Request req) {
    boolean any = false;
    for (SummaryTable t : TABLES) {
      any |= !rows.dates(t.name()).isEmpty();
    }
    if (!any) {
      throw new NoInputException(
          "no summary tables (request_rates, deploy_impact, app_errors, release_activity...) under"
              + " --output: run daily first");
    }
    WindowSettings s = req.settings();
    Instant at = req.at() != null ? req.at() : newest(rows);
    LocalDate last = at.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
    List<LocalDate> days = new ArrayList<>();
    LocalDate first = at.minus(s.lookBack()).atZone(ZoneOffset.UTC).toLocalDate();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      days.add(d);
    }
    List<UpdateBucket> updates = new ArrayList<>();
    Instant newestRates = null;
    for (List<Object> r :
        rows.select(
            RATES,
            days,
            "SELECT bucket_start, requests, status_5xx, latency_p95_ms FROM "
                + RATES
                + " WHERE endpoint = 'update'")) {
      UpdateBucket b =
          new UpdateBucket(instant(r.get(0)), num(r.get(1)), num(r.get(2)), dbl(r.get(3)));
      updates.add(b);
      Instant end = b.start().plus(Duration.ofMinutes(5));
      if (b.start().isBefore(at) && (newestRates == null || end.isAfter(newestRates))) {
        newestRates = end.isAfter(at) ? at : end;
      }
    }
    List<AdminWrite> writes = new ArrayList<>();
    List<VersionCount> versions = new ArrayList<>();
    for (List<Object> r :
        rows.select(
            RELEASE,
            days,
            "SELECT hour, signal, route_class, product, channel, version, requests, users FROM "
                + RELEASE
                + " WHERE signal IN ('"
                + ReleaseActivity.ADMIN_WRITE
                + "', '"
                + ReleaseActivity.UPDATE_VERSION
                + "')")) {
      if (ReleaseActivity.ADMIN_WRITE.equals(r.get(1))) {
        writes.add(
            new AdminWrite(
                instant(r.get(0)),
                (String) r.get(2),
                num(r.get(6)),
                r.get(7) == null ? 0 : num(r.get(7))));
      } else {
        versions.add(
            new VersionCount(
                instant(r.get(0)),
                (String) r.get(3),
                (String) r.get(4),
                (String) r.get(5),
                num(r.get(6))));
      }
    }
    List<JudgedDeploy> judged = new ArrayList<>();
    for (List<Object> r :
        rows.select(
            IMPACT,
            days,
            "SELECT deploy_id, app, deploy_started_at, verdict, reason FROM "
                + IMPACT
                + " WHERE metric = 'overall'")) {
      judged.add(
          new JudgedDeploy(
              (String) r.get(0),
              (String) r.get(1),
              instant(r.get(2)),
              (String) r.get(3),
              (String) r.get(4)));
    }
    List<DeployStart> deploys = new ArrayList<>();
    for (List<Object> r :
        rows.select(DEPLOYS, days, "SELECT deploy_id, app, started_at FROM " + DEPLOYS)) {
      deploys.add(new DeployStart((String) r.get(0), (String) r.get(1), instant(r.get(2))));
    }
    List<ErrorHour> errors = new ArrayList<>();
    for (List<Object> r :
        rows.select(ERRORS, days, "SELECT bucket_start, app, signature, events FROM " + ERRORS)) {
      errors.add(
          new ErrorHour(instant(r.get(0)), (String) r.get(1), (String) r.get(2), num(r.get(3))));
    }
    LocalDate newestAudit = null;
    for (LocalDate d : rows.dates(AUDIT)) {
      if (!d.isAfter(last)) {
        newestAudit = d;
      }
    }
    WindowInputs in =
        new WindowInputs(
            at,
            req.duration(),
            updates,
            writes,
            versions,
            judged,
            deploys,
            errors,
            newestRates,
            newestAudit);
    return new Result(WindowVerdict.judge(in, s), rows.engine(), days);
  }

  /** The end of the newest {@code request_rates} bucket (the default push time). */
  private static Instant newest(Rows rows) {
    List<LocalDate> dates = rows.dates(RATES);
    for (int i = dates.size() - 1; i >= 0; i--) {
      List<List<Object>> r =
          rows.select(RATES, List.of(dates.get(i)), "SELECT max(bucket_start) FROM " + RATES);
      if (!r.isEmpty() && r.get(0).get(0) != null) {
        return instant(r.get(0).get(0)).plus(Duration.ofMinutes(5));
      }
    }
    throw new NoInputException(
        "no request_rates rows under --output to take the push time from: give --at");
  }

  /** The answer as one JSON object (the {@code --format json} output). */
  public static ObjectNode json(Result result) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    put(root, result);
    return root;
  }

  private static void put(ObjectNode root, Result result) {
    WindowVerdict v = result.verdict();
    root.put("at", v.at().toString());
    root.put("duration", Times.duration(v.duration()));
    root.put("verdict", v.call().label());
    ArrayNode reasons = root.putArray("reasons");
    for (Reason r : v.reasons()) {
      ObjectNode n = reasons.addObject();
      n.put("rule", r.rule());
      n.put("verdict", r.call().label());
      n.put("explanation", r.explanation());
      ArrayNode ev = n.putArray("evidence");
      for (Evidence e : r.evidence()) {
        ObjectNode o = ev.addObject();
        o.put("table", e.table());
        o.put("from", e.from().toString());
        o.put("to", e.to().toString());
        o.put("rows", e.rows());
        if (!e.note().isEmpty()) {
          o.put("note", e.note());
        }
      }
    }
    root.put("engine", result.engine());
    if (!result.days().isEmpty()) {
      root.put("first_date_read", result.days().get(0).toString());
      root.put("last_date_read", result.days().get(result.days().size() - 1).toString());
    }
  }

  /**
   * Writes the {@code --summary-json} file: the run envelope ({@link RunSummary}) and the answer.
   *
   * @param result null when the run failed before it had one
   */
  public static void writeSummary(
      Path file,
      JobConfig cfg,
      Request req,
      Instant started,
      Result result,
      int exitCode,
      String exitReason) {
    ObjectNode root = RunSummary.start("deploy-window", cfg);
    if (req != null) {
      root.put("requested_at", req.at() == null ? null : req.at().toString());
      root.put("requested_duration", Times.duration(req.duration()));
    }
    RunSummary.finish(root, started, exitCode, exitReason);
    if (result != null) {
      put(root, result);
    }
    RunSummary.write(file, root);
  }

  /** The exit reason of an answer: its verdict and the rules that made it. */
  public static String reason(WindowVerdict v) {
    List<String> rules = new ArrayList<>();
    for (Reason r : v.reasons()) {
      if (r.call() == v.call() && v.call() != Call.GO) {
        rules.add(r.rule());
      }
    }
    return v.call().label() + (rules.isEmpty() ? "" : ": " + String.join(", ", rules));
  }

  static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    throw new IllegalStateException("not a timestamp: " + v);
  }

  static LocalDate date(Object v) {
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return LocalDate.parse(String.valueOf(v));
  }

  static long num(Object v) {
    return v == null ? 0 : ((Number) v).longValue();
  }

  static Double dbl(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }

  /** Dates of the {@code log_date=D} folders of a table folder's names. */
  static List<LocalDate> partitionDates(Stream<String> names) {
    TreeSet<LocalDate> out = new TreeSet<>();
    String prefix = LogDate.COLUMN + "=";
    names
        .filter(n -> n.startsWith(prefix))
        .forEach(
            n -> {
              try {
                out.add(LocalDate.parse(n.substring(prefix.length())));
              } catch (DateTimeException e) {
                // not a partition folder
              }
            });
    return List.copyOf(out);
  }

  /** Rows through the embedded DuckDB, from a local output root. */
  static final class DuckDbRows implements Rows {
    private final Path root;

    DuckDbRows(Path root) {
      this.root = root;
    }

    @Override
    public String engine() {
      return "duckdb";
    }

    @Override
    public List<LocalDate> dates(String table) {
      Path dir = root.resolve(table);
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> s = Files.list(dir)) {
        return partitionDates(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }

    @Override
    public List<List<Object>> select(String table, List<LocalDate> days, String sql) {
      return DuckDbQuery.select(root, table, days, sql);
    }
  }

  /** Rows through Spark, from any output root (the cluster jar has no DuckDB). */
  static final class SparkRows implements Rows {
    private final SparkSession spark;
    private final String root;

    SparkRows(SparkSession spark, String root) {
      this.spark = spark;
      this.root = root;
    }

    @Override
    public String engine() {
      return "spark";
    }

    private org.apache.hadoop.fs.Path dir(String table) {
      return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root), table);
    }

    @Override
    public List<LocalDate> dates(String table) {
      org.apache.hadoop.fs.Path dir = dir(table);
      try {
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(dir)) {
          return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FileStatus st : fs.listStatus(dir)) {
          if (st.isDirectory()) {
            names.add(st.getPath().getName());
          }
        }
        return partitionDates(names.stream());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
      }
    }

    @Override
    public List<List<Object>> select(String table, List<LocalDate> days, String sql) {
      List<LocalDate> present = new ArrayList<>(dates(table));
      present.retainAll(days);
      if (present.isEmpty()) {
        return List.of();
      }
      SummaryTable t =
          TABLES.stream().filter(x -> x.name().equals(table)).findFirst().orElseThrow();
      org.apache.hadoop.fs.Path dir = dir(table);
      String[] paths =
          present.stream()
              .map(d -> new org.apache.hadoop.fs.Path(dir, LogDate.COLUMN + "=" + d).toString())
              .toArray(String[]::new);
      spark
          .read()
          .option("basePath", dir.toString())
          .schema(SparkSchemas.readSchema(t))
          .parquet(paths)
          .createOrReplaceTempView(table);
      Dataset<Row> result = spark.sql(sql);
      StructType schema = result.schema();
      List<List<Object>> out = new ArrayList<>();
      for (Row r : result.collectAsList()) {
        out.add(SparkValues.row(r, schema));
      }
      return out;
    }
  }
}
