package org.mozilla.balrog.logs.gen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.SyslogLine;
import org.mozilla.balrog.logs.model.SyslogVariant;

/**
 * The syslog records of one app for one day, collected out of order and written sorted by time. A
 * record is one or more physical lines with the number of rows a correct parser makes of them (a
 * stderr traceback is several lines and one row). Not thread-safe.
 */
final class SyslogBook {
  static final int PRI_STDOUT = 30;
  static final int PRI_STDERR = 27;

  record Rec(long micros, long seq, List<SyslogLine> lines, int rows) {}

  private final List<Rec> recs = new ArrayList<>();
  private long seq;
  final SyslogVariant variant;
  final LogSource source;

  SyslogBook(LogSource source, SyslogVariant variant) {
    this.source = source;
    this.variant = variant;
  }

  /**
   * One physical line in this book's header variant; the Docker daemon pid is the {@code TAG[PID]}.
   */
  SyslogLine line(long micros, String host, String tag, int pri, int daemonPid, String msg) {
    // RFC 5424 keeps microseconds and names the message by its tag; the others log whole seconds
    boolean rfc5424 = variant == SyslogVariant.RFC5424;
    return new SyslogLine(
        variant,
        variant == SyslogVariant.RFC3164_NO_PRI ? null : pri,
        Fmt.instant(rfc5424 ? micros : micros - Math.floorMod(micros, 1_000_000L)),
        variant == SyslogVariant.SRSLOG_UNIX ? null : host,
        tag,
        Integer.toString(daemonPid),
        rfc5424 ? tag : null,
        null,
        msg);
  }

  /** A single-line record (one row). */
  void single(long micros, String host, String tag, int pri, int daemonPid, String msg) {
    add(micros, List.of(line(micros, host, tag, pri, daemonPid, msg)), 1);
  }

  void add(long micros, List<SyslogLine> lines, int rows) {
    recs.add(new Rec(micros, seq++, lines, rows));
  }

  /** A multi-line stderr traceback: all lines in one second, one row. */
  List<SyslogLine> traceback(
      long micros, String host, String tag, int daemonPid, List<String> lines) {
    List<SyslogLine> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      out.add(line(micros + i, host, tag, PRI_STDERR, daemonPid, lines.get(i)));
    }
    return out;
  }

  /**
   * Writes the records sorted by time into {@code sink}; malformed lines go between records. Counts
   * rows under {@code date}.
   */
  void write(
      LineSink sink, Tally tally, LocalDate date, List<String> malformedKinds, SplittableRandom r) {
    recs.sort(Comparator.comparingLong(Rec::micros).thenComparingLong(Rec::seq));
    SyslogFormatter fmt = new SyslogFormatter();
    StringBuilder sb = new StringBuilder(512);
    long rows = 0;
    int[] at = new int[malformedKinds.size()];
    for (int k = 0; k < at.length; k++) {
      at[k] = (int) ((long) recs.size() * (k + 1) / (at.length + 1));
    }
    int next = 0;
    String sample = null;
    for (int i = 0; i <= recs.size(); i++) {
      while (next < at.length && at[next] == i) {
        malformed(sink, tally, malformedKinds.get(next), sample, r);
        next++;
      }
      if (i == recs.size()) {
        break;
      }
      Rec rec = recs.get(i);
      for (SyslogLine l : rec.lines()) {
        sb.setLength(0);
        fmt.append(sb, l);
        sink.line(sb);
        sample = sb.toString();
      }
      rows += rec.rows();
    }
    tally.rows(source, date, rows);
  }

  private static void malformed(
      LineSink sink, Tally tally, String kind, String sample, SplittableRandom r) {
    switch (kind) {
      // the header cut inside its timestamp
      case "truncated" ->
          sink.line(
              sample == null ? "Jan  1 00:0" : sample.substring(0, Math.min(11, sample.length())));
      case "binary" -> sink.rawLine(ElbGenerator.garbage(r));
      // no syslog header at all, and a quote that never closes
      case "unclosed_quote" ->
          sink.line("\"message\": \"Caught ISE 500 error: OperationalError(2013, 'Lost connec");
      case "blank" -> sink.line("");
      default -> throw new IllegalArgumentException(kind);
    }
    tally.malformed(sink, kind);
  }
}
