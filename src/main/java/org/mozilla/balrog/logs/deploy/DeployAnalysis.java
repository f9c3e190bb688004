package org.mozilla.balrog.logs.deploy;

import static org.apache.spark.sql.functions.col;

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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.deploy.DeployInput.KnownSignature;
import org.mozilla.balrog.logs.impact.ElbMinutes;
import org.mozilla.balrog.logs.impact.ImpactAggregation;
import org.mozilla.balrog.logs.impact.ImpactCalculator;
import org.mozilla.balrog.logs.impact.ImpactMetric;
import org.mozilla.balrog.logs.impact.ImpactRule;
import org.mozilla.balrog.logs.impact.ImpactWindows;
import org.mozilla.balrog.logs.impact.MinuteCount;
import org.mozilla.balrog.logs.metrics.AppErrors;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.model.ElbWindowMinute;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.model.SideBySide;
import org.mozilla.balrog.logs.sink.ImpactRow;

/**
 * Deploys and their impact: asks for the syslog of the days to look at, detects deploys, merges
 * them with the declared ones, then asks only for what the deploys' windows need (ELB files whose
 * time range overlaps a window, nginx and syslog files of the days the windows touch), counts and
 * judges. It never finds or opens files: its {@link DeployInput} does. Driver only; the statistics
 * are pure Java ({@link ImpactCalculator}). While it counts the windows it calls its input from two
 * driver threads at once (the ELB minutes in one, the other sources' scans in the other).
 */
public final class DeployAnalysis {
  /** Days of {@code app_errors} before a deploy's day whose signatures are not new. */
  public static final int KNOWN_SIGNATURE_DAYS = 7;

  private static final List<LogSource> SYSLOGS =
      List.of(LogSource.SYSLOG_WEB, LogSource.SYSLOG_ADMIN, LogSource.SYSLOG_AGENT);

  private static final Map<LogFormat, List<String>> SCAN_COLUMNS =
      Map.of(
          LogFormat.NGINX_ACCESS,
          List.of("event_time", "uri", "status"),
          LogFormat.NGINX_ERROR,
          AppErrors.NGINX_ERROR_COLUMNS,
          LogFormat.SYSLOG,
          AppErrors.SYSLOG_COLUMNS);

  /**
   * The event columns this analysis reads from a scan of {@code format}, an nginx or syslog format
   * (besides the bookkeeping columns and {@code log_date}; the ELB sources are counted by their
   * scan tasks: {@link DeployInput#elbMinutes}).
   */
  public static List<String> columns(LogFormat format) {
    return SCAN_COLUMNS.get(format);
  }

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
  private final DeployInput input;
  private final Consumer<String> log;

  /** Scans of the syslog sources per day, each read once per run (null: no files). */
  private final Map<LogSource, Map<LocalDate, Dataset<Row>>> syslog =
      new EnumMap<>(LogSource.class);

  private DeployAnalysis(SparkSession spark, DeployInput input, Consumer<String> log) {
    this.spark = spark;
    this.input = Objects.requireNonNull(input, "input");
    this.log = log;
  }

  /**
   * Runs the analysis on what {@code input} gives.
   *
   * @param log receives progress lines
   * @throws RuntimeException what {@link DeployInput#requireSomeInput} throws when {@code o.date()}
   *     is given and no source has a file for it
   */
  public static Result run(SparkSession spark, DeployInput input, Options o, Consumer<String> log) {
    return new DeployAnalysis(spark, input, log).analyse(o);
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
                  col(ScanRow.KIND)
                      .equalTo(ScanRow.KIND_EVENT)
                      .and(col(LogDate.COLUMN).equalTo(java.sql.Date.valueOf(day)))));
        }
      }
      if (day.equals(o.date()) && events.isEmpty()) {
        input.requireSomeInput(day);
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
      return new Result(List.of(), Map.of(), List.of(), input.summary(), List.copyOf(days));
    }
    Map<Deploy, ImpactWindows> windows = new LinkedHashMap<>();
    for (Deploy d : deploys) {
      windows.put(d, ImpactWindows.of(d, o.before(), o.after()));
    }
    ImpactAggregation.Counts counts = countWindows(windows);
    log.accept(
        String.format(
            Locale.ROOT,
            "counted the windows of %d deploys: %s (%.1f s)",
            deploys.size(),
            input.filesLine(),
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
              knownBefore(known, utcDate(d.startedAt()), KNOWN_SIGNATURE_DAYS),
              coverage));
    }
    input.countLines();
    return new Result(deploys, byId, rows, input.summary(), List.copyOf(days));
  }

  /**
   * The counts of every source in the deploys' windows: the ELB sources' minutes ({@link
   * #elbMinutes}: in {@code daily}, the day's one pass over its ELB files) are counted in a driver
   * thread of their own while this thread counts the other sources', so the small sources' Spark
   * jobs run beside the pass's tasks rather than before them ({@link SideBySide}: waits for both;
   * the first failure is rethrown as it was, the ELB side's attached as suppressed when both fail).
   */
  private ImpactAggregation.Counts countWindows(Map<Deploy, ImpactWindows> windows) {
    SideBySide.Both<ImpactAggregation.Counts, List<MinuteCount>> counted =
        SideBySide.both(
            "deploy-windows",
            () -> ImpactAggregation.countInWindows(spark, observations(windows), windows),
            () -> elbMinutes(windows));
    return counted.first().plus(counted.second());
  }

  /**
   * The minute counts of the web deploys' windows from the ELB sources, counted by the scan tasks
   * ({@link ElbMinutes}); only the files whose time range meets a window are read.
   */
  private List<MinuteCount> elbMinutes(Map<Deploy, ImpactWindows> windows) {
    Map<Deploy, ImpactWindows> web = new LinkedHashMap<>();
    windows.forEach(
        (d, w) -> {
          if (d.app() == BalrogApp.WEB) {
            web.put(d, w);
          }
        });
    if (web.isEmpty()) {
      return List.of();
    }
    List<LocalDate> days = days(web.values());
    List<ElbMinutes.Window> w = ElbMinutes.windows(web);
    List<ElbWindowMinute> minutes = new ArrayList<>();
    for (LogSource s : List.of(LogSource.AUS3, LogSource.AUS4, LogSource.AUS5, LogSource.AUS_API)) {
      minutes.addAll(input.elbMinutes(s, days.get(0), days.get(1), ElbMinutes.times(w)));
    }
    return ElbMinutes.counts(minutes, w);
  }

  /**
   * The observations of the admin app's and the error logs' sources the deploys' windows need (the
   * ELB sources' are counted apart: {@link #elbMinutes}), read only for the windows' days.
   */
  private Dataset<Row> observations(Map<Deploy, ImpactWindows> windows) {
    Set<BalrogApp> apps = EnumSet.noneOf(BalrogApp.class);
    windows.keySet().forEach(d -> apps.add(d.app()));
    List<LocalDate> days = days(windows.values());
    LocalDate from = days.get(0);
    LocalDate to = days.get(1);
    List<Dataset<Row>> obs = new ArrayList<>();
    if (apps.contains(BalrogApp.ADMIN)) {
      Dataset<Row> access = input.scan(LogSource.ADMIN_NGINX_ACCESS, from, to);
      if (access != null) {
        obs.add(ImpactAggregation.adminAccess(events(access)));
      }
      Dataset<Row> errors = input.scan(LogSource.ADMIN_NGINX_ERROR, from, to);
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

  /** The first and the last UTC day that some of {@code windows} (not empty) cover. */
  private static List<LocalDate> days(Collection<ImpactWindows> windows) {
    LocalDate from = null;
    LocalDate to = null;
    for (ImpactWindows w : windows) {
      LocalDate a = utcDate(w.beforeStart());
      LocalDate b = utcDate(w.afterEnd().minusNanos(1));
      from = from == null || a.isBefore(from) ? a : from;
      to = to == null || b.isAfter(to) ? b : to;
    }
    return List.of(from, to);
  }

  /**
   * The narrow scan of one syslog source's files of one day, read once per run; null when there are
   * none.
   */
  private Dataset<Row> syslogScan(LogSource s, LocalDate day) {
    Map<LocalDate, Dataset<Row>> perDay = syslog.computeIfAbsent(s, k -> new HashMap<>());
    if (!perDay.containsKey(day)) {
      perDay.put(day, input.scan(s, day, day));
    }
    return perDay.get(day);
  }

  private static Dataset<Row> events(Dataset<Row> scan) {
    return scan.where(col(ScanRow.KIND).equalTo(ScanRow.KIND_EVENT));
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
      days.put(ImpactMetric.appErrorRate(errorApp), input.daysRead(s));
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
    LocalDate first = null;
    LocalDate last = null;
    for (Deploy d : deploys) {
      LocalDate day = utcDate(d.startedAt());
      first = first == null || day.isBefore(first) ? day : first;
      last = last == null || day.isAfter(last) ? day : last;
    }
    return input.knownSignatures(first.minusDays(KNOWN_SIGNATURE_DAYS), last.minusDays(1));
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

  /** Per app, the signatures of {@code known} of the {@code days} days before {@code day}. */
  static Map<String, Set<String>> knownBefore(
      Collection<KnownSignature> known, LocalDate day, int days) {
    Map<String, Set<String>> out = new HashMap<>();
    for (KnownSignature k : known) {
      if (k.day().isBefore(day) && !k.day().isBefore(day.minusDays(days))) {
        out.computeIfAbsent(k.app(), x -> new HashSet<>()).add(k.signature());
      }
    }
    return out;
  }
}
