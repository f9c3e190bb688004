package org.mozilla.balrog.logs.source;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.ElbWindowMinute;
import org.mozilla.balrog.logs.model.LatencySketch;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.RateBucket;
import org.mozilla.balrog.logs.model.RequestKind;
import org.mozilla.balrog.logs.model.ScanRow;
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.model.TimeWindow;
import org.mozilla.balrog.logs.model.UpdateRequest;
import org.mozilla.balrog.logs.model.VersionHour;
import org.mozilla.balrog.logs.parse.Parsers;
import org.mozilla.balrog.logs.parse.RecordEmitter;
import org.mozilla.balrog.logs.parse.RecordParser;
import org.mozilla.balrog.logs.parse.RejectReason;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;
import org.mozilla.balrog.logs.privacy.Redactor;

/**
 * The tally of one {@link ElbPass} task: every line of its files is counted in the audit as parsed
 * or rejected (with the string parser's reason), and each parsed request is added to the population
 * (update requests of the day), to its 5-minute bucket (requests of the day) and to the minute of
 * each window it falls in. Executors only; not thread-safe. What {@link #finish} leaves is
 * serializable and small: partial cells, audit counts, buckets and window minutes.
 */
final class ElbTally implements RecordEmitter<Object>, Serializable {
  private static final long serialVersionUID = 1L;

  /** Damaged or unreadable files named per source and task (the first by text). */
  static final int PROBLEMS_KEPT = 5;

  private static final long MICROS_PER_MINUTE = 60_000_000L;
  private static final int BUCKET_SECONDS = 300;
  private static final RequestKind[] KINDS = RequestKind.values();
  private static final LogSource[] SOURCES = LogSource.values();
  private static final long MICROS_PER_HOUR = 3_600_000_000L;

  private final LocalDate day;
  private final long[] windowFrom;
  private final long[] windowTo;
  private final long dayStartMicros;

  // results
  private final Map<LogSource, Audit> audits = new EnumMap<>(LogSource.class);
  private List<PopulationCells.Partial> cellsOut;
  private List<RateBucket> bucketsOut;
  private List<ElbWindowMinute> minutesOut;
  private List<VersionHour> versionHoursOut;

  // work state, dropped by finish()
  private transient PopulationCells cells = new PopulationCells();
  private transient Map<Long, Bucket> buckets = new HashMap<>();
  // the bucket of the last request: the next one mostly falls in it (a file is in time order)
  private transient long lastBucketKey;
  private transient Bucket lastBucket;
  private transient Map<Long, Minute> minutes = new HashMap<>();
  private transient Map<LocalDate, PopulationLines> fastByDate = new HashMap<>();
  private transient UpdateUrlParser urls = new UpdateUrlParser();
  private transient PopulationLines fast;
  private transient LogSource source;
  private transient RecordParser<Object> parser;
  private transient Audit audit;
  private transient Map<RejectReason, Long> fileReasons = new EnumMap<>(RejectReason.class);
  private transient long lineNo;
  private transient long parsed;
  private transient long rejected;
  private transient long events;

  /**
   * @param day the log date of the population and the buckets; null for none
   * @param windows the windows whose minutes are counted
   */
  ElbTally(LocalDate day, List<TimeWindow> windows) {
    this.day = day;
    dayStartMicros = day == null ? 0 : micros(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    windowFrom = new long[windows.size()];
    windowTo = new long[windows.size()];
    for (int i = 0; i < windows.size(); i++) {
      windowFrom[i] = micros(windows.get(i).from());
      windowTo[i] = micros(windows.get(i).to());
    }
  }

  /** Spark's timestamp of an instant: microseconds since the epoch, truncated. */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  /**
   * Tallies one file. A file that cannot be opened or read is counted as unreadable (the job fails
   * the run on it); damaged data (a truncated gzip) keeps the lines before the damage.
   */
  void file(InputFile f, HadoopConf conf, ScanProgress progress) {
    Audit a = audits.computeIfAbsent(f.source(), k -> new Audit());
    a.files++;
    a.bytes += f.size();
    LineReader reader;
    try {
      reader = LineReader.open(f.path(), conf.get());
    } catch (IOException | RuntimeException e) {
      a.unreadable++;
      a.problem(
          Redactor.redact(f.path())
              + ": "
              + ScanRow.UNREADABLE
              + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return;
    }
    begin(f.source(), f.folderDate());
    try (reader) {
      for (int len = reader.nextBytes(); len != LineReader.END; len = reader.nextBytes()) {
        if (len == LineReader.LINE_TOO_LONG) {
          lineNo++;
          rejected(RejectReason.LINE_TOO_LONG, null);
        } else {
          line(reader.bytes(), len);
        }
      }
      end();
      String damage =
          reader.ioError() != null ? ScanRow.UNREADABLE + reader.ioError() : reader.damage();
      if (damage != null) {
        if (damage.startsWith(ScanRow.UNREADABLE)) {
          a.unreadable++;
        } else {
          a.damaged++;
        }
        a.problem(Redactor.redact(f.path()) + ": " + damage);
      }
    } catch (IOException e) {
      // every line was read; a failing close changes no count
    }
    if (progress != null) {
      progress.fileDone(lineNo);
    }
  }

  /**
   * The lines that follow are of a file of {@code s} in the date folder {@code folderDate} (null
   * outside the default layout).
   */
  @SuppressWarnings("unchecked")
  void begin(LogSource s, LocalDate folderDate) {
    source = s;
    audit = audits.computeIfAbsent(s, k -> new Audit());
    parser = (RecordParser<Object>) Parsers.forFile(LogFormat.ELB, folderDate);
    LocalDate fastDay = day != null ? day : folderDate;
    fast = fastDay == null ? null : fastByDate.computeIfAbsent(fastDay, PopulationLines::new);
    lineNo = 0;
    parsed = 0;
    rejected = 0;
    events = 0;
    fileReasons.clear();
  }

  /** The file begun last has ended: its counts go to its source's audit. */
  void end() {
    parser.finish(this);
    audit.lines += lineNo;
    audit.parsed += parsed;
    audit.rejected += rejected;
    audit.events += events;
    fileReasons.forEach((r, n) -> audit.reasons.merge(r.code(), n, Long::sum));
    fileReasons.clear();
  }

  /**
   * Tallies the line {@code b[0, len)}: from its bytes when {@link PopulationLines} counts it, else
   * through the string parser.
   */
  void line(byte[] b, int len) {
    lineNo++;
    if (fast != null && fast.scan(b, len, source.id()) == PopulationLines.COUNTED) {
      parsed++;
      events++;
      boolean ofDay = day != null; // the fast path counts lines of its date only
      if (ofDay) {
        cells.add(fast.cell(), fast.fingerprint(), fast.background(), hour(fast.timeMicros()));
      }
      request(
          fast.timeMicros(),
          ofDay,
          fast.json() ? RequestKind.JSON : RequestKind.UPDATE,
          fast.elbStatus(),
          fast.backendStatus() < 0 && fast.elbStatus() >= 0,
          fast.requestSeconds(),
          fast.backendSeconds(),
          fast.responseSeconds(),
          fast.sentBytes());
      return;
    }
    parser.accept(new String(b, 0, len, StandardCharsets.UTF_8), this);
  }

  /** Tallies one line the reference way, through the string parser (for tests). */
  void reference(String line) {
    lineNo++;
    parser.accept(line, this);
  }

  @Override
  public void parsed(Object event, int lines) {
    parsed += lines;
    events++;
    ElbEntry e = (ElbEntry) event;
    String url = e.url();
    UpdateRequest u = url == null ? null : urls.parse(url);
    RequestKind kind = u == null ? RequestKind.OTHER : u.kind();
    boolean ofDay = day != null && EventColumns.logDate(e.requestTime()).equals(day);
    if (ofDay && UpdateCell.counts(u)) {
      UpdateCell cell = UpdateCell.of(source.id(), u);
      cells.add(
          cell,
          ClientHash.fingerprint(e, u),
          UpdateCell.background(u),
          hour(micros(e.requestTime())));
    }
    request(
        micros(e.requestTime()),
        ofDay,
        kind,
        e.elbResponseCode() == null ? -1 : e.elbResponseCode(),
        e.isLbGenerated(),
        e.requestProcessingTime(),
        e.backendProcessingTime(),
        e.clientResponseTime(),
        e.sentBytes());
  }

  @Override
  public void rejected(RejectReason reason, String line) {
    rejected++;
    fileReasons.merge(reason, 1L, Long::sum);
  }

  /**
   * Adds one parsed request: to its bucket when it is of the day, and to the minute of every window
   * it falls in unless it is a Dockerflow request.
   *
   * @param status the ELB status, -1 for none
   */
  private void request(
      long micros,
      boolean ofDay,
      RequestKind kind,
      int status,
      boolean lbGenerated,
      double requestSeconds,
      double backendSeconds,
      double responseSeconds,
      long sentBytes) {
    boolean dispatched = requestSeconds >= 0 && backendSeconds >= 0 && responseSeconds >= 0;
    double latencyMs = (requestSeconds + backendSeconds + responseSeconds) * 1000.0;
    if (ofDay) {
      long bucketStart = Math.floorDiv(Math.floorDiv(micros, 1_000_000L), BUCKET_SECONDS);
      long key = bucketStart << 8 | (long) source.ordinal() << 3 | kind.ordinal();
      if (lastBucket == null || key != lastBucketKey) {
        lastBucket = buckets.computeIfAbsent(key, k -> new Bucket());
        lastBucketKey = key;
      }
      lastBucket.add(status, lbGenerated, dispatched, latencyMs, sentBytes);
    }
    if (kind == RequestKind.DOCKERFLOW) {
      return;
    }
    boolean update = kind == RequestKind.UPDATE || kind == RequestKind.JSON;
    boolean fiveXx = status >= 0 && leadingDigit(status) == 5;
    for (int w = 0; w < windowFrom.length; w++) {
      if (micros >= windowFrom[w] && micros < windowTo[w]) {
        long minute = (micros - windowFrom[w]) / MICROS_PER_MINUTE;
        long key = (long) w << 48 | (long) source.ordinal() << 40 | minute;
        Minute m = minutes.computeIfAbsent(key, k -> new Minute());
        m.requests++;
        if (lbGenerated && fiveXx) {
          m.lb5xx++;
        }
        if (update) {
          m.updateRequests++;
          if (fiveXx) {
            m.update5xx++;
          }
          if (dispatched) {
            m.latency(latencyMs);
          }
        }
      }
    }
  }

  /** The UTC hour of the day (0-23) of a request at {@code micros}; outside the day, -1. */
  private int hour(long micros) {
    long hour = Math.floorDiv(micros - dayStartMicros, MICROS_PER_HOUR);
    return hour >= 0 && hour < PopulationCells.HOURS ? (int) hour : -1;
  }

  /**
   * The version hours of the tallied cells: summed over domain, os and arch, test channels left
   * out.
   */
  private List<VersionHour> versionHoursOut() {
    Map<List<Object>, Long> merged = new HashMap<>();
    cells.forEachHours(
        (cell, hours) -> {
          if (cell.testChannel()) {
            return;
          }
          for (int h = 0; h < PopulationCells.HOURS; h++) {
            if (hours[h] > 0) {
              merged.merge(
                  List.of(h, cell.product(), cell.channel(), cell.version()), hours[h], Long::sum);
            }
          }
        });
    long start = Math.floorDiv(dayStartMicros, 1_000_000L);
    List<VersionHour> out = new ArrayList<>();
    merged.forEach(
        (k, n) ->
            out.add(
                new VersionHour(
                    start + 3600L * (Integer) k.get(0),
                    (String) k.get(1),
                    (String) k.get(2),
                    (String) k.get(3),
                    n)));
    return out;
  }

  /** The first decimal digit of a non-negative status (the reference tests the text's first). */
  private static int leadingDigit(int status) {
    int s = status;
    while (s >= 10) {
      s /= 10;
    }
    return s;
  }

  /** Turns the work state into the results; returns this. */
  ElbTally finish() {
    cellsOut = day == null ? List.of() : cells.partials();
    bucketsOut = new ArrayList<>();
    buckets.forEach(
        (key, b) ->
            bucketsOut.add(
                new RateBucket(
                    SOURCES[(int) (key >> 3 & 0x1f)].id(),
                    KINDS[(int) (key & 7)].code(),
                    (key >> 8) * BUCKET_SECONDS,
                    b.requests,
                    b.s2xx,
                    b.s3xx,
                    b.s4xx,
                    b.s5xx,
                    b.other,
                    b.lb5xx,
                    b.backend5xx,
                    b.bytes,
                    b.latency)));
    minutesOut = new ArrayList<>();
    minutes.forEach(
        (key, m) ->
            minutesOut.add(
                new ElbWindowMinute(
                    (int) (key >>> 48),
                    SOURCES[(int) (key >> 40 & 0xff)].id(),
                    key & ((1L << 40) - 1),
                    m.requests,
                    m.lb5xx,
                    m.updateRequests,
                    m.update5xx,
                    Arrays.copyOf(m.latencies, m.n))));
    versionHoursOut = day == null ? List.of() : versionHoursOut();
    cells = null;
    buckets = null;
    lastBucket = null;
    minutes = null;
    fastByDate = null;
    fast = null;
    return this;
  }

  List<PopulationCells.Partial> cells() {
    return cellsOut;
  }

  Small small() {
    return new Small(new EnumMap<>(audits), bucketsOut, minutesOut, versionHoursOut);
  }

  /** What a task sends to the driver: everything but the cells. */
  record Small(
      Map<LogSource, Audit> audit,
      List<RateBucket> buckets,
      List<ElbWindowMinute> minutes,
      List<VersionHour> versionHours)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Audit counts of one source, in one task or merged. */
  static final class Audit implements Serializable {
    private static final long serialVersionUID = 1L;
    long files;
    long bytes;
    long lines;
    long parsed;
    long rejected;
    long events;
    long damaged;
    long unreadable;
    final Map<String, Long> reasons = new TreeMap<>();
    List<String> problems = new ArrayList<>();

    void problem(String p) {
      problems.add(p);
      problems.sort(null);
      if (problems.size() > PROBLEMS_KEPT) {
        problems = new ArrayList<>(problems.subList(0, PROBLEMS_KEPT));
      }
    }

    void add(Audit o) {
      files += o.files;
      bytes += o.bytes;
      lines += o.lines;
      parsed += o.parsed;
      rejected += o.rejected;
      events += o.events;
      damaged += o.damaged;
      unreadable += o.unreadable;
      o.reasons.forEach((r, n) -> reasons.merge(r, n, Long::sum));
      o.problems.forEach(this::problem);
    }

    SourceCounts of(LogSource source) {
      return new SourceCounts(
          source.id(),
          files,
          bytes,
          lines,
          parsed,
          rejected,
          reasons,
          events,
          damaged,
          unreadable,
          problems);
    }
  }

  private static final class Bucket {
    long requests;
    long s2xx;
    long s3xx;
    long s4xx;
    long s5xx;
    long other;
    long lb5xx;
    long backend5xx;
    long bytes;
    final LatencySketch latency = new LatencySketch();

    void add(int status, boolean lb, boolean dispatched, double latencyMs, long sent) {
      requests++;
      if (status >= 200 && status <= 299) {
        s2xx++;
      } else if (status >= 300 && status <= 399) {
        s3xx++;
      } else if (status >= 400 && status <= 499) {
        s4xx++;
      } else if (status >= 500 && status <= 599) {
        s5xx++;
        if (lb) {
          lb5xx++;
        } else {
          backend5xx++;
        }
      } else {
        other++;
      }
      bytes += sent;
      if (dispatched) {
        latency.add(latencyMs);
      }
    }
  }

  private static final class Minute {
    long requests;
    long lb5xx;
    long updateRequests;
    long update5xx;
    double[] latencies = new double[16];
    int n;

    void latency(double ms) {
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = ms;
    }
  }
}
