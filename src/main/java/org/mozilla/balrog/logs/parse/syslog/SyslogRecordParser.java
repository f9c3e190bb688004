package org.mozilla.balrog.logs.parse.syslog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mozilla.balrog.logs.model.SyslogEnvelope;
import org.mozilla.balrog.logs.model.SyslogEvent;
import org.mozilla.balrog.logs.model.SyslogLine;
import org.mozilla.balrog.logs.model.SyslogPayload;
import org.mozilla.balrog.logs.model.SyslogPayload.JsonPayload;
import org.mozilla.balrog.logs.model.SyslogPayload.TextPayload;
import org.mozilla.balrog.logs.model.SyslogPayload.TracebackPayload;
import org.mozilla.balrog.logs.model.SyslogPayload.UwsgiPayload;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RecordEmitter;
import org.mozilla.balrog.logs.parse.RecordParser;

/**
 * Turns the lines of one syslog file into {@link SyslogEvent}s (docs/formats.md#syslog-payloads).
 *
 * <p>Each line is parsed by {@link SyslogLineParser}; a line it cannot parse is emitted as {@code rejected}. The
 * message is classified as JSON (a Balrog JSON log line, fields extracted), TRACEBACK, UWSGI or TEXT. A message that
 * starts with {@code {} but is not a complete Balrog JSON object (a 16 KiB partial chunk) is TEXT, not a rejection.
 *
 * <p><b>Traceback reassembly.</b> Docker sends a Python traceback printed to stderr as one syslog message per line.
 * Per (hostname, tag, PRI), in arrival order, {@code Traceback (most recent call last):} opens a traceback; lines
 * starting with two spaces and the chained-exception headers continue it; the first line of the form {@code
 * module.Class: message} (or a bare class name) ends it and names its {@code exceptionType}. A chained header right
 * after that final line reopens it, so a chained traceback is one event. Lines of other keys may interleave freely.
 * A traceback cut short (another kind of line from the same key, or the end of the file) is still emitted, with a null
 * exceptionType. The event has the first line's time and header, the lines joined by {@code \n}, and {@code
 * lineCount} = the number of physical lines, so every accepted line is counted exactly once. A message with rsyslog's
 * {@code #012} escapes already holds a whole traceback and is one TRACEBACK event as is.
 *
 * <p><b>Continuation lines.</b> A line that starts with a tab has no header of its own: syslog daemons that keep a
 * message's line breaks (macOS syslogd, ASL) write the rest of a multi-line message indented by tabs. It is joined to
 * the record of the line right before it (with {@code \n}, the tabs kept, {@code lineCount} counting it); after a
 * rejected line, a traceback line or at the start of a file it has nothing to join and is rejected. Lines without a
 * header and without the tab stay rejections: Docker and rsyslog give every line its own header, so such a line is
 * damage, not a continuation.
 *
 * <p>Events are emitted when complete, so a traceback is emitted after lines of other keys that arrived while it was
 * open; a finished traceback is held until the next line of its key (which may be a chained header) or
 * {@link #finish}, and a single-line record until the next line (which may continue it). Memory is one open traceback
 * per key and one held record. Contract: stateful per file, not thread-safe; call {@link #finish} at the end of the
 * file.
 */
public final class SyslogRecordParser implements RecordParser<SyslogEvent> {
  /**
   * A traceback longer than this is emitted as it stands and the rest of its lines become events of
   * their own: a runaway stream of indented lines must not hold a whole file in memory.
   */
  static final int MAX_TRACEBACK_CHARS = 1 << 20;

  private final SyslogLineParser lines;

  /**
   * Open tracebacks by key, in the order they were opened (so finish() emits them in that order).
   */
  private final Map<Key, Pending> open = new LinkedHashMap<>();

  /**
   * The single-line record of the previous line, held until a line arrives that does not continue
   * it.
   */
  private Held held;

  /**
   * @param fileDate the file's delivery date, for RFC 3164 years; null means the current UTC year
   */
  public SyslogRecordParser(LocalDate fileDate) {
    this.lines = new SyslogLineParser(fileDate);
  }

  @Override
  public void accept(String line, RecordEmitter<SyslogEvent> out) {
    if (held != null && isContinuation(line) && held.fits(line)) {
      held.add(line);
      return;
    }
    emitHeld(out);
    ParseResult<SyslogLine> r = lines.parse(line);
    if (!r.isOk()) {
      out.rejected(r.reason(), line);
      return;
    }
    SyslogLine l = r.value();
    String m = l.message();
    Key key = new Key(l.hostname(), l.tag(), l.pri());
    Pending p = open.get(key);
    if (p != null) {
      if (p.continueWith(l)) {
        return;
      }
      open.remove(key);
      p.emit(out);
    }
    if (m.startsWith(Payloads.TRACEBACK_START)) {
      if (m.contains(Payloads.RSYSLOG_LF)) {
        out.parsed(Events.of(l, m, 1, new TracebackPayload(Payloads.escapedTracebackClass(m))), 1);
      } else {
        open.put(key, new Pending(l));
      }
      return;
    }
    held = new Held(l);
  }

  @Override
  public void finish(RecordEmitter<SyslogEvent> out) {
    emitHeld(out);
    List<Pending> rest = new ArrayList<>(open.values());
    open.clear();
    for (Pending p : rest) {
      p.emit(out);
    }
  }

  /** A tab-indented line with text: the rest of the previous line's message. */
  static boolean isContinuation(String line) {
    return line.length() > 1 && line.charAt(0) == '\t' && !line.isBlank();
  }

  private void emitHeld(RecordEmitter<SyslogEvent> out) {
    if (held != null) {
      held.emit(out);
      held = null;
    }
  }

  /** Number of tracebacks still open; for tests. */
  int openCount() {
    return open.size();
  }

  /** The reassembly key of docs/formats.md#tracebacks: one stream of one container on one host. */
  private record Key(String hostname, String tag, Integer pri) {}

  /** A traceback being collected for one key. */
  private static final class Pending {
    private final SyslogLine first;
    private final StringBuilder text;
    private int count = 1;

    /** Saw the final exception line; only a chained header can reopen it. */
    private boolean ended;

    /** Saw a chained header; the next line should be a new {@code Traceback ...} header. */
    private boolean expectTraceback;

    private String exceptionType;

    Pending(SyslogLine first) {
      this.first = first;
      this.text = new StringBuilder(first.message());
    }

    /**
     * Adds {@code l} when it belongs to this traceback; false when the traceback is over before it.
     */
    boolean continueWith(SyslogLine l) {
      String m = l.message();
      if (text.length() + m.length() > MAX_TRACEBACK_CHARS) {
        return false;
      }
      if (ended) {
        if (!Payloads.isChainHeader(m)) {
          return false;
        }
        ended = false;
        exceptionType = null;
        expectTraceback = true;
        add(m);
        return true;
      }
      if (expectTraceback && m.startsWith(Payloads.TRACEBACK_START)) {
        expectTraceback = false;
        add(m);
        return true;
      }
      if (Payloads.isContinuation(m)) {
        expectTraceback = Payloads.isChainHeader(m);
        add(m);
        return true;
      }
      String cls = Payloads.endLineClass(m);
      if (cls != null) {
        ended = true;
        exceptionType = cls;
        add(m);
        return true;
      }
      return false;
    }

    private void add(String m) {
      text.append('\n').append(m);
      count++;
    }

    void emit(RecordEmitter<SyslogEvent> out) {
      out.parsed(
          Events.of(
              first, text.toString(), count, new TracebackPayload(ended ? exceptionType : null)),
          count);
    }
  }

  /** A single-line record and the continuation lines joined to it so far. */
  private static final class Held {
    private final SyslogLine first;
    private StringBuilder text;
    private int count = 1;

    Held(SyslogLine first) {
      this.first = first;
    }

    /**
     * Whether {@code line} still fits under the size cap (a runaway of tab lines must not hold a
     * whole file).
     */
    boolean fits(String line) {
      return (text == null ? first.message().length() : text.length()) + line.length()
          < MAX_TRACEBACK_CHARS;
    }

    void add(String line) {
      if (text == null) {
        text = new StringBuilder(first.message());
      }
      int end = line.length();
      while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
        end--;
      }
      text.append('\n').append(line, 0, end);
      count++;
    }

    void emit(RecordEmitter<SyslogEvent> out) {
      String message = text == null ? first.message() : text.toString();
      out.parsed(Events.single(first, message, count), count);
    }
  }

  /** Builds events from lines. */
  private static final class Events {
    private Events() {}

    /**
     * One record as an event: JSON when {@code message} is a Balrog JSON line, else UWSGI or TEXT.
     * {@code message} is {@code first}'s, with any continuation lines joined to it ({@code
     * lineCount} of them in all).
     */
    static SyslogEvent single(SyslogLine first, String message, int lineCount) {
      return of(first, message, lineCount, payload(message));
    }

    static SyslogEvent of(SyslogLine first, String message, int lineCount, SyslogPayload payload) {
      return new SyslogEvent(SyslogEnvelope.of(first, message, lineCount), payload);
    }

    private static SyslogPayload payload(String m) {
      if (!m.isEmpty() && m.charAt(0) == '{') {
        JsonPayload j = BalrogJson.parse(m);
        return j != null ? j : TextPayload.INSTANCE;
      }
      return Payloads.isUwsgi(m) ? UwsgiPayload.INSTANCE : TextPayload.INSTANCE;
    }
  }
}
