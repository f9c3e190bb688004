package org.mozilla.balrog.logs.parse.nginx;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.mozilla.balrog.logs.model.NginxErrorEntry;
import org.mozilla.balrog.logs.parse.LineParser;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

/**
 * Parses one nginx error-log line (docs/formats.md#admin-nginx-error-log):
 *
 * <pre>
 * {@code YYYY/MM/DD HH:MM:SS [level] pid#tid: *conn message[, client: ..][, server: ..][, request: ".."]
 * [, subrequest: ".."][, upstream: ".."][, host: ".."][, referrer: ".."]}</pre>
 *
 * <p>Contract: stateless and thread-safe; never throws. The timestamp has no zone and is taken as
 * UTC (the admin containers run in UTC). {@code *conn} is optional. The context suffixes are split
 * off the message from the right, in nginx's fixed order, so a message that itself contains a comma
 * is kept whole. An absent suffix gives null; a present but empty one ({@code server: } for the
 * default server) gives the empty string. Values are kept as written (nginx does not escape them in
 * the error log).
 */
public final class NginxErrorParser implements LineParser<NginxErrorEntry> {

  private static final Set<String> LEVELS =
      Set.of("emerg", "alert", "crit", "error", "warn", "notice", "info", "debug");

  /** The suffix keys in the order nginx appends them; parsed from the last one backwards. */
  private static final String[] KEYS = {
    "client", "server", "request", "subrequest", "upstream", "host", "referrer"
  };

  /** Keys whose values nginx writes inside double quotes. */
  private static final boolean[] QUOTED = {false, false, true, true, true, true, true};

  @Override
  public ParseResult<NginxErrorEntry> parse(String line) {
    if (line == null || line.isBlank()) {
      return ParseResult.rejected(RejectReason.EMPTY_LINE);
    }
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
      end--;
    }
    if (end < 5 || line.charAt(4) != '/') {
      return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
    }
    Instant time = end < 19 || line.charAt(10) != ' ' ? null : timestamp(line);
    if (time == null) {
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    if (end < 22 || line.charAt(19) != ' ' || line.charAt(20) != '[') {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    int close = line.indexOf(']', 21);
    if (close < 0 || close >= end) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    String level = line.substring(21, close);
    if (!LEVELS.contains(level)) {
      return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
    }
    // " pid#tid: "
    int p = close + 1;
    if (p >= end || line.charAt(p) != ' ') {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    p++;
    int hash = line.indexOf('#', p);
    int colon = hash < 0 ? -1 : line.indexOf(':', hash);
    if (hash < 0 || colon < 0 || colon >= end) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    long pid = Text.parseLong(line, p, hash);
    long tid = Text.parseLong(line, hash + 1, colon);
    if (pid == Text.NOT_A_NUMBER
        || tid == Text.NOT_A_NUMBER
        || pid > Integer.MAX_VALUE
        || tid > Integer.MAX_VALUE) {
      return ParseResult.rejected(RejectReason.BAD_NUMBER);
    }
    p = colon + 1;
    if (p < end && line.charAt(p) == ' ') {
      p++;
    }
    Long connection = null;
    if (p < end && line.charAt(p) == '*') {
      int sp = Math.min(Text.nextSpace(line, p), end);
      long c = Text.parseLong(line, p + 1, sp);
      if (c == Text.NOT_A_NUMBER) {
        return ParseResult.rejected(RejectReason.BAD_NUMBER);
      }
      connection = c;
      p = Math.min(sp + 1, end);
    }

    String[] values = new String[KEYS.length];
    int msgEnd = splitSuffixes(line, p, end, values);
    if (cutInsideQuotedContext(line, p, msgEnd)) {
      return ParseResult.rejected(RejectReason.UNTERMINATED_QUOTE);
    }
    return ParseResult.ok(
        new NginxErrorEntry(
            time,
            level,
            (int) pid,
            (int) tid,
            connection,
            line.substring(p, msgEnd),
            values[0],
            values[1],
            values[2],
            values[3],
            values[4],
            values[5],
            values[6]));
  }

  /** {@code YYYY/MM/DD HH:MM:SS} at the start of the line, as UTC; null when malformed. */
  static Instant timestamp(String s) {
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || s.charAt(7) != '/'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null; // e.g. 2019/02/30: only reached for corrupt lines
    }
  }

  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * True when the line ends inside a quoted context value ({@code , request: "GET /a}): nginx
   * always closes them, so such a line was cut, and what looks like its message would be wrong.
   */
  static boolean cutInsideQuotedContext(String line, int from, int msgEnd) {
    for (int k = 0; k < KEYS.length; k++) {
      if (!QUOTED[k]) {
        continue;
      }
      String marker = ", " + KEYS[k] + ": \"";
      int at = line.lastIndexOf(marker, msgEnd - 1);
      if (at >= from && line.indexOf('"', at + marker.length()) < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Peels {@code , key: value} suffixes off {@code line[from, end)} from the right, last key first,
   * filling {@code values} by key index. Returns where the message ends.
   */
  static int splitSuffixes(String line, int from, int end, String[] values) {
    int e = end;
    for (int k = KEYS.length - 1; k >= 0; k--) {
      String marker = QUOTED[k] ? ", " + KEYS[k] + ": \"" : ", " + KEYS[k] + ": ";
      if (QUOTED[k]) {
        if (e - from < marker.length() + 1 || line.charAt(e - 1) != '"') {
          continue;
        }
        int at = line.lastIndexOf(marker, e - 2);
        if (at < from || at + marker.length() > e - 1) {
          continue;
        }
        values[k] = line.substring(at + marker.length(), e - 1);
        e = at;
      } else {
        int at = line.lastIndexOf(marker, e - 1);
        if (at < from) {
          // "server: " right at the end: lastIndexOf cannot find a marker that runs into e
          continue;
        }
        int valueStart = at + marker.length();
        if (valueStart > e) {
          // an empty value whose trailing space was the end of the line (", server:" + "" with the
          // space trimmed)
          continue;
        }
        String v = line.substring(valueStart, e);
        if (v.indexOf(' ') >= 0 || v.indexOf(',') >= 0) {
          continue; // not a bare client address or server name: the marker text is part of the
          // message
        }
        values[k] = v;
        e = at;
      }
    }
    return e;
  }
}
