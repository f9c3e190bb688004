package org.mozilla.balrog.logs.deploy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.mozilla.balrog.logs.metrics.AppErrors;
import org.mozilla.balrog.logs.metrics.impact.ImpactRule;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.source.InputDiscovery;
import org.mozilla.balrog.logs.source.InputFile;
import org.mozilla.balrog.logs.source.LogScan;
import org.mozilla.balrog.logs.source.NoInputException;

/**
 * Deploys and their impact, end to end: reads the syslog of the days to look at, detects deploys,
 * merges them with the declared ones, then reads only what the deploys' windows need (ELB files
 * whose time range overlaps a window, nginx and syslog files of the days the windows touch), counts
 * and judges. Driver only; the statistics are pure Java ({@link ImpactCalculator}).
 */
public final class DeployAnalysis {
  /** Days of {@code app_errors} before a deploy's day whose signatures are not new. */
  public static final int KNOWN_SIGNATURE_DAYS = 7;

  private static final List<LogSource> SYSLOGS =
      List.of(LogSource.SYSLOG_WEB, LogSource.SYSLOG_ADMIN, LogSource.SYSLOG_AGENT);

  private static final List<String> SCAN_META =
      List.of(
          LogScan.KIND,
          "_reason",
          "_bytes",
          "_lines",
          "_parsed_lines",
          "_rejected",
          "_events",
          "_damage");

  private static final Map<LogFormat, List<String>> SCAN_COLUMNS =
      Map.of(
          LogFormat.ELB,
          List.of(
              "request_time",
              "elb_response_code",
              "is_lb_generated",
              "request_processing_time",
              "backend_processing_time",
              "client_response_time",
              "endpoint"),
          LogFormat.NGINX_ACCESS,
          List.of("event_time", "uri", "status"),
          LogFormat.NGINX_ERROR,
          AppErrors.NGINX_ERROR_COLUMNS,
          LogFormat.SYSLOG,
          AppErrors.SYSLOG_COLUMNS);

  /**
   * What to judge.
   *
   * @param declared declared deploys (all are judged)
   * @param date the day whose syslog is searched for restarts besides the declared deploys' days;
   *     may be null when deploys are declared
   * @param judgeDetected whether deploys detected on {@code date} that match no declared one are
   *     judged too
   * @param gap largest gap between restarts of one rollout
   * @param rules thresholds per metric kind; kinds not given use {@link ImpactRule#defaults}
   */
  public record Options(
      List<DeclaredDeploy> declared,
      LocalDate date,
      boolean judgeDetected,
      Duration before,
      Duration after,
      Duration gap,
      Map<ImpactRule.Kind, ImpactRule> rules) {
    public Options {
      declared = List.copyOf(declared);
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(gap, "gap");
      rules = Map.copyOf(rules);
      if (date == null && (judgeDetected || declared.isEmpty())) {
        throw new IllegalArgumentException(
            "give --date D, or deploys with --deploy ID@TIME / --deploys-file F");
      }
    }

    /**
     * The declared deploys, or when there are none every deploy detected on {@code date} (what
     * {@code deploy-impact} judges), with the default windows, gap and thresholds.
     */
    public static Options of(List<DeclaredDeploy> declared, LocalDate date) {
      return new Options(
          declared,
          date,
          declared.isEmpty(),
          ImpactWindows.DEFAULT_BEFORE,
          ImpactWindows.DEFAULT_AFTER,
          DeployDetector.DEFAULT_GAP,
          Map.of());
    }
  }

  /**
   * Scans someone already made of one day (the daily job's): used instead of reading those files
   * again when they have the columns this analysis reads.
   *
   * @param scans scan rows (any {@code _kind}) per source
   * @param files the files each scan read
   */
  public record Prescanned(
      LocalDate day, Map<LogSource, Dataset<Row>> scans, Map<LogSource, List<InputFile>> files) {
    public Prescanned {
      Objects.requireNonNull(day, "day");
      scans = Map.copyOf(scans);
      files = Map.copyOf(files);
    }

    /**
     * The scan of {@code source} when it read some of {@code wanted} and has {@code columns}, else
     * null.
     */
    Dataset<Row> usable(LogSource source, Collection<InputFile> wanted, List<String> columns) {
      Dataset<Row> scan = scans.get(source);
      if (scan == null || !List.of(scan.columns()).containsAll(columns)) {
        return null;
      }
      Set<String> read = paths(source);
      return wanted.stream().anyMatch(f -> read.contains(f.path())) ? scan : null;
    }

    Set<String> paths(LogSource source) {
      Set<String> out = new HashSet<>();
      files.getOrDefault(source, List.of()).forEach(f -> out.add(f.path()));
      return out;
    }
  }

  /**
   * What a run found.
   *
   * @param deploys the judged deploys, by start
   * @param windows each deploy's windows, by deploy id
   * @param impact every deploy's metric rows followed by its overall row, deploys by start
   * @param inputs files considered and read per source
   * @param detectionDays the days whose syslog was searched for restarts
   */
  public record Result(
      List<Deploy> deploys,
      Map<String, ImpactWindows> windows,
      List<ImpactRow> impact,
      List<SourceInput> inputs,
      List<LocalDate> detectionDays) {
    public Result {
      deploys = List.copyOf(deploys);
      windows = Map.copyOf(windows);
      impact = List.copyOf(impact);
      inputs = List.copyOf(inputs);
      detectionDays = List.copyOf(detectionDays);
    }

    /**
     * The deploys whose after window had no input: no request counted after the rollout for any
     * request metric of the app (web, admin), or no logged minute for the agent. Their logs have
     * not been delivered yet (or are missing): their verdicts say nothing.
     */
    public List<String> withoutAfterInput() {
      List<String> out = new ArrayList<>();
      for (Deploy d : deploys) {
        List<ImpactRow> rows =
            impact.stream().filter(r -> r.deployId().equals(d.id()) && !r.isOverall()).toList();
        boolean requests = rows.stream().anyMatch(DeployAnalysis::countsRequests);
        if (rows.stream()
            .filter(r -> !requests || countsRequests(r))
            .noneMatch(r -> r.afterTotal() > 0)) {
          out.add(d.id());
        }
      }
      return out;
    }

    /** The deploys whose overall verdict is {@code regression}. */
    public List<String> regressions() {
      return impact.stream()
          .filter(r -> r.isOverall() && r.verdict().equals("regression"))
          .map(ImpactRow::deployId)
          .toList();
    }
  }

  private final SparkSession spark;
  private final String input;
  private final String output;
  private final Consumer<String> log;
  private final InputDiscovery discovery;
  private final InputLedger ledger = new InputLedger();
  private final List<Dataset<Row>> persisted = new ArrayList<>();

  /** Narrow syslog scans per source and day. */
  private final Map<LogSource, Map<LocalDate, Dataset<Row>>> syslog =
      new EnumMap<>(LogSource.class);

  private final Prescanned prescanned;

  private DeployAnalysis(
      SparkSession spark,
      String input,
      String output,
      Prescanned prescanned,
      Consumer<String> log) {
    this.spark = spark;
    this.prescanned = prescanned;
    this.input = input;
    this.output = output;
    this.log = log;
    this.discovery = new InputDiscovery(spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Runs the analysis.
   *
   * @param output the summary-table root whose {@code app_errors} tells which signatures are not
   *     new; may be null
   * @param log receives progress lines
   * @throws NoInputException when {@code o.date()} is given and no source has a file for it
   */
  public static Result run(
      SparkSession spark, String input, String output, Options o, Consumer<String> log) {
    return run(spark, input, output, o, null, log);
  }

  /**
   * As {@link #run(SparkSession, String, String, Options, Consumer)}, reading the files of {@code
   * prescanned} (may be null) from its scans.
   */
  public static Result run(
      SparkSession spark,
      String input,
      String output,
      Options o,
      Prescanned prescanned,
      Consumer<String> log) {
    DeployAnalysis a =
        new DeployAnalysis(spark, Objects.requireNonNull(input, "input"), output, prescanned, log);
    try {
      return a.analyse(o);
    } finally {
      a.persisted.forEach(Dataset::unpersist);
    }
  }

  private Result analyse(Options o) {
    long t0 = System.nanoTime();
    TreeSet<LocalDate> days = new TreeSet<>();
    if (o.date() != null) {
      days.add(o.date());
    }
    o.declared().forEach(d -> days.add(utcDate(d.time())));
    SyslogMarkers.Markers markers = SyslogMarkers.Markers.none();
    for (LocalDate day : days) {
      Map<BalrogApp, Dataset<Row>> events = new EnumMap<>(BalrogApp.class);
      for (LogSource s : SYSLOGS) {
        Dataset<Row> scan = syslogScan(s, day);
        if (scan != null) {
          events.put(
              SyslogMarkers.appOf(s),
              scan.where(
                  col(LogScan.KIND)
                      .equalTo(LogScan.KIND_EVENT)
                      .and(col(LogDate.COLUMN).equalTo(java.sql.Date.valueOf(day)))));
        }
      }
      if (day.equals(o.date()) && events.isEmpty()) {
        requireSomeInput(day);
      }
      markers = markers.plus(SyslogMarkers.collect(events));
    }
    List<DetectedDeploy> detected =
        new DeployDetector(o.gap())
            .detectAll(markers.restarts(), markers.hostsTotal(), markers.migrations());
    List<Deploy> deploys = new ArrayList<>();
    for (Deploy d :
        DeployResolver.resolve(
            o.declared(), detected, markers.hostsTotal(), markers.migrations())) {
      if (d.source() != Deploy.Source.DETECTED
          || (o.judgeDetected() && utcDate(d.startedAt()).equals(o.date()))) {
        deploys.add(d);
      }
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "%d restart markers, %d migration lines, %d restart bursts in the syslog of"
                + " %s; %d deploys to judge (%.1f s)",
            markers.restarts().size(),
            markers.migrations().size(),
            detected.size(),
            days,
            deploys.size(),
            seconds(t0)));
    if (deploys.isEmpty()) {
      return new Result(List.of(), Map.of(), List.of(), ledger.summary(), List.copyOf(days));
    }
    Map<Deploy, ImpactWindows> windows = new LinkedHashMap<>();
    for (Deploy d : deploys) {
      windows.put(d, ImpactWindows.of(d, o.before(), o.after()));
    }
    ImpactAggregation.Counts counts =
        ImpactAggregation.countInWindows(spark, observations(windows), windows);
    log.accept(
        String.format(
            Locale.ROOT,
            "counted the windows of %d deploys: %d files read, %d taken from the day's"
                + " scans (%.1f s)",
            deploys.size(),
            filesScanned,
            filesPrescanned,
            seconds(t0)));
    List<KnownSignature> known = knownSignatures(deploys);
    ImpactCalculator calc = new ImpactCalculator(o.rules());
    ImpactCalculator.Coverage coverage = coverage();
    List<ImpactRow> rows = new ArrayList<>();
    Map<String, ImpactWindows> byId = new LinkedHashMap<>();
    for (Map.Entry<Deploy, ImpactWindows> e : windows.entrySet()) {
      Deploy d = e.getKey();
      byId.put(d.id(), e.getValue());
      rows.addAll(
          calc.rows(
              d,
              e.getValue(),
              counts.minutes(),
              counts.signatures(),
              counts.firstSeen(),
              KnownSignature.before(known, utcDate(d.startedAt()), KNOWN_SIGNATURE_DAYS),
              coverage));
    }
    countScans();
    return new Result(deploys, byId, rows, ledger.summary(), List.copyOf(days));
  }

  /**
   * The observations of every source the deploys' windows need, read only where the windows are.
   */
  private Dataset<Row> observations(Map<Deploy, ImpactWindows> windows) {
    Set<BalrogApp> apps = EnumSet.noneOf(BalrogApp.class);
    LocalDate from = null;
    LocalDate to = null;
    List<ImpactWindows> web = new ArrayList<>();
    for (Map.Entry<Deploy, ImpactWindows> e : windows.entrySet()) {
      apps.add(e.getKey().app());
      LocalDate a = utcDate(e.getValue().beforeStart());
      LocalDate b = utcDate(e.getValue().afterEnd().minusNanos(1));
      from = from == null || a.isBefore(from) ? a : from;
      to = to == null || b.isAfter(to) ? b : to;
      if (e.getKey().app() == BalrogApp.WEB) {
        web.add(e.getValue());
      }
    }
    List<Dataset<Row>> obs = new ArrayList<>();
    if (apps.contains(BalrogApp.WEB)) {
      for (LogSource s :
          List.of(LogSource.AUS3, LogSource.AUS4, LogSource.AUS5, LogSource.AUS_API)) {
        List<InputFile> found = discovery.discover(input, List.of(s), from, to).get(s);
        ledger.consider(s, found);
        List<InputFile> selected = ElbFileSelection.select(found, web);
        Dataset<Row> scan = scan(s, selected);
        if (scan != null) {
          obs.add(ImpactAggregation.elb(events(scan), s));
        }
      }
    }
    if (apps.contains(BalrogApp.ADMIN)) {
      Dataset<Row> access =
          scan(LogSource.ADMIN_NGINX_ACCESS, found(LogSource.ADMIN_NGINX_ACCESS, from, to));
      if (access != null) {
        obs.add(ImpactAggregation.adminAccess(events(access)));
      }
      Dataset<Row> errors =
          scan(LogSource.ADMIN_NGINX_ERROR, found(LogSource.ADMIN_NGINX_ERROR, from, to));
      if (errors != null) {
        obs.add(
            ImpactAggregation.errors(
                AppErrors.errorEvents(errors, AppErrors.ADMIN_NGINX), AppErrors.ADMIN_NGINX));
      }
    }
    for (LogSource s : SYSLOGS) {
      BalrogApp app = SyslogMarkers.appOf(s);
      if (!apps.contains(app)) {
        continue;
      }
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        syslogScan(s, day);
      }
      for (Dataset<Row> scan : syslog.getOrDefault(s, Map.of()).values()) {
        if (scan != null) {
          String errorApp = AppErrors.appOf(s);
          obs.add(ImpactAggregation.errors(AppErrors.errorEvents(scan, errorApp), errorApp));
        }
      }
    }
    if (obs.isEmpty()) {
      return spark.createDataFrame(List.of(), ImpactAggregation.OBSERVATION);
    }
    return obs.stream().reduce(Dataset::unionByName).orElseThrow();
  }

  private List<InputFile> found(LogSource s, LocalDate from, LocalDate to) {
    List<InputFile> files = discovery.discover(input, List.of(s), from, to).get(s);
    ledger.consider(s, files);
    return files;
  }

  /**
   * The narrow scan of one syslog source's files of one day, read once per run; null when there are
   * none.
   */
  private Dataset<Row> syslogScan(LogSource s, LocalDate day) {
    Map<LocalDate, Dataset<Row>> perDay = syslog.computeIfAbsent(s, k -> new HashMap<>());
    if (!perDay.containsKey(day)) {
      List<InputFile> files = discovery.discover(input, List.of(s), day, day).get(s);
      ledger.consider(s, files);
      perDay.put(day, scan(s, files));
    }
    return perDay.get(day);
  }

  private int filesScanned;
  private int filesPrescanned;

  /** Every scan with its source, for the input counts. */
  private final List<Map.Entry<LogSource, Dataset<Row>>> scans = new ArrayList<>();

  /** Delivery days of the files read per source. */
  private final Map<LogSource, Set<LocalDate>> readDays = new EnumMap<>(LogSource.class);

  /**
   * The scan rows of {@code files}: the prescanned ones from their scan, the others read here
   * (narrow, persisted); null for no files.
   */
  private Dataset<Row> scan(LogSource s, List<InputFile> files) {
    if (files.isEmpty()) {
      return null;
    }
    ledger.read(s, files);
    files.stream()
        .filter(f -> f.folderDate() != null)
        .forEach(f -> readDays.computeIfAbsent(s, k -> new HashSet<>()).add(f.folderDate()));
    List<String> needed = new ArrayList<>(SCAN_META);
    needed.addAll(SCAN_COLUMNS.get(s.format()));
    needed.add(LogDate.COLUMN);
    Dataset<Row> given = prescanned == null ? null : prescanned.usable(s, files, needed);
    List<InputFile> rest = files;
    if (given != null) {
      Set<String> done = prescanned.paths(s);
      rest = files.stream().filter(f -> !done.contains(f.path())).toList();
      filesPrescanned += files.size() - rest.size();
      given = given.select(needed.stream().map(c -> col(c)).toArray(Column[]::new));
      if (rest.isEmpty()) {
        return given;
      }
    }
    filesScanned += rest.size();
    Dataset<Row> scan =
        LogScan.scan(spark, s.format(), rest)
            .select(needed.stream().map(c -> col(c)).toArray(Column[]::new))
            .persist(StorageLevel.MEMORY_AND_DISK_SER());
    persisted.add(scan);
    scans.add(Map.entry(s, scan));
    return given == null ? scan : given.unionByName(scan);
  }

  private static Dataset<Row> events(Dataset<Row> scan) {
    return scan.where(col(LogScan.KIND).equalTo(LogScan.KIND_EVENT));
  }

  /** Lines and rejected lines of every scan, for the input report (one Spark action). */
  private void countScans() {
    if (scans.isEmpty()) {
      return;
    }
    Dataset<Row> all = null;
    for (Map.Entry<LogSource, Dataset<Row>> e : scans) {
      Dataset<Row> files =
          e.getValue()
              .where(col(LogScan.KIND).equalTo(LogScan.KIND_FILE))
              .select(lit(e.getKey().name()).as("source"), col("_lines"), col("_rejected"));
      all = all == null ? files : all.unionByName(files);
    }
    for (Row r :
        all.groupBy(col("source")).agg(sum(col("_lines")), sum(col("_rejected"))).collectAsList()) {
      ledger.counted(LogSource.valueOf(r.getString(0)), r.getLong(1), r.getLong(2));
    }
  }

  /**
   * Event rates need the minutes that have logs: a day counts as covered when its source's files of
   * that day were read (a quiet error log has few lines, so its last line says little), and never
   * beyond now.
   */
  private ImpactCalculator.Coverage coverage() {
    Map<String, Set<LocalDate>> days = new HashMap<>();
    for (LogSource s : LogSource.values()) {
      String errorApp = AppErrors.appOf(s);
      if (errorApp == null) {
        continue;
      }
      days.put(ImpactMetric.appErrorRate(errorApp), readDays.getOrDefault(s, Set.of()));
    }
    Instant now = Instant.now();
    return (metric, from, to) -> {
      Duration total = Duration.ZERO;
      Instant end = to.isAfter(now) ? now : to;
      for (LocalDate day : days.getOrDefault(metric, Set.of())) {
        Instant a = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant b = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant lo = a.isAfter(from) ? a : from;
        Instant hi = b.isBefore(end) ? b : end;
        if (lo.isBefore(hi)) {
          total = total.plus(Duration.between(lo, hi));
        }
      }
      return total;
    };
  }

  /**
   * Signatures of {@code app_errors} in the {@value #KNOWN_SIGNATURE_DAYS} days before each
   * deploy's day.
   */
  private List<KnownSignature> knownSignatures(List<Deploy> deploys) {
    if (output == null) {
      return List.of();
    }
    LocalDate first = null;
    LocalDate last = null;
    for (Deploy d : deploys) {
      LocalDate day = utcDate(d.startedAt());
      first = first == null || day.isBefore(first) ? day : first;
      last = last == null || day.isAfter(last) ? day : last;
    }
    List<KnownSignature> out = new ArrayList<>();
    for (Row r :
        PartitionWriter.read(spark, SummaryTables.APP_ERRORS, output)
            .where(
                col(LogDate.COLUMN)
                    .between(
                        java.sql.Date.valueOf(first.minusDays(KNOWN_SIGNATURE_DAYS)),
                        java.sql.Date.valueOf(last.minusDays(1))))
            .select(col("app"), col("signature"), col(LogDate.COLUMN))
            .distinct()
            .collectAsList()) {
      out.add(new KnownSignature(r.getString(0), r.getString(1), r.getAs(2)));
    }
    return out;
  }

  /** No syslog for the day: fail with exit 4 unless another source has files for it. */
  private void requireSomeInput(LocalDate day) {
    Map<LogSource, List<InputFile>> all =
        discovery.discover(input, EnumSet.allOf(LogSource.class), day, day);
    boolean any =
        all.entrySet().stream()
            .anyMatch(e -> e.getValue().stream().anyMatch(f -> !f.folderDate().isAfter(day)));
    if (!any) {
      throw new NoInputException("no log files for " + day + " under " + input);
    }
  }

  private static boolean countsRequests(ImpactRow r) {
    return ImpactMetric.kindOf(r.metric()) != ImpactRule.Kind.EVENT_RATE;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static LocalDate utcDate(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  /** A signature of a previous day's {@code app_errors}. */
  record KnownSignature(String app, String signature, LocalDate day) {
    /** Per app, the signatures of the {@code days} days before {@code day}. */
    static Map<String, Set<String>> before(
        Collection<KnownSignature> all, LocalDate day, int days) {
      Map<String, Set<String>> out = new HashMap<>();
      for (KnownSignature k : all) {
        if (k.day.isBefore(day) && !k.day.isBefore(day.minusDays(days))) {
          out.computeIfAbsent(k.app, x -> new HashSet<>()).add(k.signature);
        }
      }
      return out;
    }
  }
}
