package org.mozilla.balrog.logs.parse.syslog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.mozilla.balrog.logs.model.SyslogLine;
import org.mozilla.balrog.logs.model.SyslogVariant;
import org.mozilla.balrog.logs.parse.LineParser;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

/**
 * Parses one physical syslog line (docs/formats.md#syslog-headers) in any {@link SyslogVariant}:
 *
 * <ul>
 *   <li>{@code <PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG} (RFC 3164), and the same without {@code
 *       <PRI>} as rsyslog writes it to files ({@code RSYSLOG_TraditionalFileFormat}); the seconds
 *       may carry a fraction, and Docker's {@code rfc3164} shape with a space after {@code <PRI>}
 *       is read too;
 *   <li>the same header with an RFC 3339 timestamp instead of the BSD one, with {@code <PRI>}
 *       (rsyslog's {@code RSYSLOG_ForwardFormat}, Docker's {@code <30>2015-06-05T16:13:47Z host
 *       tag[pid]: msg}) or without it (rsyslog's default {@code RSYSLOG_FileFormat}): variant
 *       {@link SyslogVariant#RFC3164} / {@link SyslogVariant#RFC3164_NO_PRI};
 *   <li>{@code <PRI>VERSION TIMESTAMP HOST APP PROCID MSGID SD MSG} (RFC 5424 6, any VERSION 1-999;
 *       {@code -} is NILVALUE; header fields are printable US-ASCII within the RFC's lengths; SD
 *       elements with escaped {@code "}, {@code \} and {@code ]}; MSG may start with a BOM, which
 *       is removed, and must then be UTF-8). Also read without {@code <PRI>} and without {@code
 *       <PRI>VERSION}, as files written by some relays hold them;
 *   <li>{@code <PRI> RFC3339 HOST TAG[PID]: MSG} (srslog DefaultFormatter, old Docker over the
 *       network);
 *   <li>{@code <PRI>Mmm dd hh:mm:ss TAG[PID]: MSG} (srslog UnixFormatter, no hostname). It is told
 *       apart from RFC 3164 by the token after the time: a tag ends with {@code :} ({@code tag:} or
 *       {@code tag[pid]:}), a hostname never does.
 * </ul>
 *
 * <p>RFC 3164 timestamps have neither year nor zone: they are read as UTC, in the year of the
 * file's date with the December/January rollover (a {@code Dec 31} line in a file dated in January
 * is from the previous year, a {@code Jan 1} line in a file dated December 31 from the next).
 * Without a file date the year is the current UTC year, fixed when the parser is built, with no
 * rollover. A well-formed RFC 5424 record with a NILVALUE timestamp is rejected as {@link
 * RejectReason#NO_TIMESTAMP}: an event needs a time.
 *
 * <p>A 3164 message without a {@code TAG:} gets a null tag and keeps the whole rest as message;
 * {@code TAG[PID]:} directly followed by the message ({@code root[8539]:text}) is split too.
 * Contract: stateless after construction and thread-safe; never throws.
 */
public final class SyslogLineParser implements LineParser<SyslogLine> {
  /** RFC 5424 6 maximum lengths of HOSTNAME, APP-NAME, PROCID and MSGID. */
  private static final int[] HEADER_FIELD_MAX = {255, 48, 128, 32};

  /**
   * {@link #structuredDataEnd} results: an element or value not closed, or the grammar broken
   * otherwise.
   */
  static final int SD_UNTERMINATED = -1;

  static final int SD_MALFORMED = -2;

  /**
   * Sentinel date for "no file date": mid-year, so the rollover rule never fires and the year is
   * used as is.
   */
  private final LocalDate referenceDate;

  /**
   * @param fileDate the date of the folder the file was delivered in, used as the year of RFC 3164
   *     timestamps; null means "the current UTC year"
   */
  public SyslogLineParser(LocalDate fileDate) {
    this.referenceDate =
        fileDate != null ? fileDate : LocalDate.of(Year.now(ZoneOffset.UTC).getValue(), 7, 1);
  }

  @Override
  public ParseResult<SyslogLine> parse(String line) {
    if (line == null || line.isBlank()) {
      return ParseResult.rejected(RejectReason.EMPTY_LINE);
    }
    int n = line.length();
    while (n > 0 && (line.charAt(n - 1) == '\n' || line.charAt(n - 1) == '\r')) {
      n--;
    }
    String s = n == line.length() ? line : line.substring(0, n);
    if (s.charAt(0) != '<') {
      if (SyslogTime.month(s, 0) > 0) {
        return rfc3164(s, null, 0, SyslogVariant.RFC3164_NO_PRI);
      }
      if (SyslogTime.startsWithDate(s, 0)) {
        return rfc3339Header(s, null, 0);
      }
      int v = versionEnd(s, 0);
      if (v > 0 && SyslogTime.startsWithDate(s, v + 1)) {
        return rfc5424(s, null, v + 1);
      }
      return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
    }
    int close = s.indexOf('>');
    if (close < 2 || close > 4) {
      return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
    }
    int pri = 0;
    for (int i = 1; i < close; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
      }
      pri = pri * 10 + (c - '0');
    }
    if (pri > 191) {
      return ParseResult.rejected(RejectReason.BAD_NUMBER);
    }
    int p = close + 1;
    if (p >= s.length()) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    char c = s.charAt(p);
    if (c == ' ') {
      return SyslogTime.month(s, p + 1) > 0
          ? rfc3164(s, pri, p + 1, null)
          : srslogDefault(s, pri, p + 1);
    }
    if (SyslogTime.isDigit(c)) {
      if (SyslogTime.startsWithDate(s, p)) {
        return rfc3339Header(s, pri, p);
      }
      int v = versionEnd(s, p);
      return v < 0
          ? ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT)
          : rfc5424(s, pri, v + 1);
    }
    if (SyslogTime.month(s, p) > 0) {
      return rfc3164(s, pri, p, null);
    }
    return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
  }

  /**
   * The index of the space after an RFC 5424 VERSION (1-3 digits, no leading zero) at {@code p},
   * else -1.
   */
  private static int versionEnd(String s, int p) {
    if (p >= s.length() || s.charAt(p) < '1' || s.charAt(p) > '9') {
      return -1;
    }
    int i = p + 1;
    while (i < s.length() && i - p < 3 && SyslogTime.isDigit(s.charAt(i))) {
      i++;
    }
    return i < s.length() && s.charAt(i) == ' ' ? i : -1;
  }

  /**
   * {@code Mmm dd hh:mm:ss [HOST] TAG[PID]: MSG} from {@code p}. With a null {@code variant} it
   * decides between RFC 3164 and srslog Unix by the token after the time; files without PRI always
   * carry a hostname.
   */
  private ParseResult<SyslogLine> rfc3164(String s, Integer pri, int p, SyslogVariant variant) {
    SyslogTime clock = new SyslogTime();
    Instant time = clock.rfc3164(s, p, referenceDate);
    if (time == null) {
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    p = clock.end;
    if (p >= s.length() || s.charAt(p) != ' ' || p + 1 >= s.length()) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    p++;
    int tokenEnd = spaceOrEnd(s, p);
    String hostname = null;
    if (variant == null) {
      variant = s.charAt(tokenEnd - 1) == ':' ? SyslogVariant.SRSLOG_UNIX : SyslogVariant.RFC3164;
    }
    if (variant != SyslogVariant.SRSLOG_UNIX) {
      hostname = emptyToNull(s.substring(p, tokenEnd));
      p = Math.min(tokenEnd + 1, s.length());
    }
    return ParseResult.ok(tagAndMessage(s, p, variant, pri, time, hostname));
  }

  /** srslog DefaultFormatter: {@code RFC3339 HOST TAG[PID]: MSG} from {@code p}. */
  private static ParseResult<SyslogLine> srslogDefault(String s, int pri, int p) {
    SyslogTime clock = new SyslogTime();
    Instant time = clock.rfc3339(s, p, false);
    if (time == null) {
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    p = clock.end;
    if (p + 1 >= s.length() || s.charAt(p) != ' ') {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    p++;
    int hostEnd = spaceOrEnd(s, p);
    String hostname = s.substring(p, hostEnd);
    if (hostEnd >= s.length()) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    return ParseResult.ok(
        tagAndMessage(s, hostEnd + 1, SyslogVariant.SRSLOG_DEFAULT, pri, time, hostname));
  }

  /**
   * An RFC 3164 header with an RFC 3339 timestamp at {@code p}: {@code RFC3339 HOST TAG[PID]: MSG}
   * (rsyslog's {@code RSYSLOG_FileFormat} and {@code RSYSLOG_ForwardFormat}, Docker). When the rest
   * after HOST is a valid RFC 5424 {@code APP PROCID MSGID SD [MSG]} and not a {@code TAG:}, it is
   * an RFC 5424 line written without {@code <PRI>VERSION}.
   */
  private static ParseResult<SyslogLine> rfc3339Header(String s, Integer pri, int p) {
    SyslogTime clock = new SyslogTime();
    Instant time = clock.rfc3339(s, p, false);
    if (time == null) {
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    p = clock.end;
    if (p < s.length() && s.charAt(p) != ' ') {
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    if (p + 1 >= s.length()) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    p++;
    SyslogVariant variant = pri == null ? SyslogVariant.RFC3164_NO_PRI : SyslogVariant.RFC3164;
    int tokenEnd = spaceOrEnd(s, p);
    if (tokenEnd > p && s.charAt(tokenEnd - 1) == ':') {
      return ParseResult.ok(
          tagAndMessage(s, p, variant, pri, time, null)); // no hostname, as srslog's Unix format
    }
    String hostname = emptyToNull(s.substring(p, tokenEnd));
    p = Math.min(tokenEnd + 1, s.length());
    if (!startsWithTag(s, p)) {
      ParseResult<SyslogLine> r = rfc5424Fields(s, p - 1, 1, pri, time, hostname);
      if (r.isOk()) {
        return r;
      }
    }
    return ParseResult.ok(tagAndMessage(s, p, variant, pri, time, hostname));
  }

  /** Whether the token at {@code p} is a {@code TAG:} / {@code TAG[PID]:}. */
  private static boolean startsWithTag(String s, int p) {
    int tokenEnd = spaceOrEnd(s, p);
    if (tokenEnd > p && s.charAt(tokenEnd - 1) == ':') {
      return true;
    }
    return pidColon(s, p, tokenEnd) > p;
  }

  /**
   * Index of the first {@code ]:} in {@code s[from, to)}, or -1; bounded so a long message is not
   * scanned.
   */
  private static int pidColon(String s, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (s.charAt(i) == ']' && s.charAt(i + 1) == ':') {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code TAG[PID]: MSG} / {@code TAG: MSG} from {@code p}, or {@code TAG[PID]:MSG} with no space.
   * Without a token ending in {@code :} there is no tag and the whole rest is the message.
   */
  private static SyslogLine tagAndMessage(
      String s, int p, SyslogVariant variant, Integer pri, Instant time, String hostname) {
    int tokenEnd = spaceOrEnd(s, p);
    String tag = null;
    String procId = null;
    int msgStart = p;
    int pidEnd;
    if (tokenEnd > p && s.charAt(tokenEnd - 1) == ':') {
      int inner = tokenEnd - 1;
      int open = s.lastIndexOf('[', inner);
      if (inner - 1 > p && s.charAt(inner - 1) == ']' && open >= p) {
        tag = s.substring(p, open);
        procId = s.substring(open + 1, inner - 1);
      } else {
        tag = s.substring(p, inner);
      }
      msgStart = Math.min(tokenEnd + 1, s.length());
    } else if ((pidEnd = pidColon(s, p, tokenEnd)) > p) {
      int open = s.lastIndexOf('[', pidEnd);
      if (open > p) {
        tag = s.substring(p, open);
        procId = s.substring(open + 1, pidEnd);
        msgStart = pidEnd + 2;
      }
    }
    return new SyslogLine(
        variant,
        pri,
        time,
        hostname,
        emptyToNull(tag),
        emptyToNull(procId),
        null,
        null,
        s.substring(msgStart));
  }

  /** RFC 5424 from the TIMESTAMP at {@code p}: {@code TIMESTAMP HOST APP PROCID MSGID SD [MSG]}. */
  private static ParseResult<SyslogLine> rfc5424(String s, Integer pri, int p) {
    if (p >= s.length()) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    Instant time = null;
    if (s.charAt(p) == '-' && (p + 1 == s.length() || s.charAt(p + 1) == ' ')) {
      p++; // NILVALUE: the record is read to the end, then rejected as no_timestamp if it is
      // otherwise well formed
    } else {
      SyslogTime clock = new SyslogTime();
      time = clock.rfc3339(s, p, true);
      if (time == null || (clock.end < s.length() && s.charAt(clock.end) != ' ')) {
        return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
      }
      p = clock.end;
    }
    ParseResult<SyslogLine> r = rfc5424Fields(s, p, 0, pri, time, null);
    if (r.isOk() && time == null) {
      return ParseResult.rejected(RejectReason.NO_TIMESTAMP);
    }
    return r;
  }

  /**
   * The RFC 5424 header fields from {@code HEADER_FIELD_MAX[first]} on (0: HOSTNAME, 1: APP-NAME
   * after a HOSTNAME already read), then STRUCTURED-DATA and MSG. {@code p} is at the space before
   * the first field. {@code time} may be null (NILVALUE); the caller decides what that means.
   */
  private static ParseResult<SyslogLine> rfc5424Fields(
      String s, int p, int first, Integer pri, Instant time, String hostname) {
    String[] header = new String[HEADER_FIELD_MAX.length];
    header[0] = hostname;
    for (int i = first; i < header.length; i++) {
      if (p + 1 >= s.length() || s.charAt(p) != ' ') {
        return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
      }
      int e = spaceOrEnd(s, p + 1);
      if (e == p + 1 || e - p - 1 > HEADER_FIELD_MAX[i] || !printableUsAscii(s, p + 1, e)) {
        return ParseResult.rejected(
            RejectReason.UNRECOGNIZED_FORMAT); // empty (two spaces), too long, not ASCII
      }
      header[i] = nil(s.substring(p + 1, e));
      p = e;
    }
    if (p + 1 >= s.length() || s.charAt(p) != ' ') {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    p++;
    String sd = null;
    if (s.charAt(p) == '-') {
      p++;
    } else if (s.charAt(p) == ' ') {
      // STRUCTURED-DATA left out (MSGID, two spaces, MSG): read as NILVALUE, as lenient receivers
      // do
    } else if (s.charAt(p) == '[') {
      int sdEnd = structuredDataEnd(s, p);
      if (sdEnd == SD_UNTERMINATED) {
        return ParseResult.rejected(RejectReason.UNTERMINATED_QUOTE);
      }
      if (sdEnd == SD_MALFORMED) {
        return ParseResult.rejected(RejectReason.BAD_STRUCTURED_DATA);
      }
      sd = s.substring(p, sdEnd);
      p = sdEnd;
    } else {
      return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
    }
    String msg;
    if (p >= s.length()) {
      msg = "";
    } else if (s.charAt(p) == ' ') {
      int m = p + 1;
      if (m < s.length() && s.charAt(m) == '\uFEFF') {
        m++; // RFC 5424 6.4: a UTF-8 MSG starts with a BOM; it is not content
        if (s.indexOf('\uFFFD', m) >= 0) {
          return ParseResult.rejected(
              RejectReason.BAD_ENCODING); // the reader decoded invalid UTF-8 as U+FFFD
        }
      }
      msg = s.substring(m);
    } else {
      return ParseResult.rejected(
          sd == null ? RejectReason.UNRECOGNIZED_FORMAT : RejectReason.BAD_STRUCTURED_DATA);
    }
    return ParseResult.ok(
        new SyslogLine(
            SyslogVariant.RFC5424,
            pri,
            time == null ? Instant.EPOCH : time, // never returned: the caller rejects a null time
            header[0],
            header[1],
            header[2],
            header[3],
            sd,
            msg));
  }

  /**
   * End (exclusive) of one or more {@code [SD-ID PARAM="VALUE" ...]} elements starting at {@code p}
   * (RFC 5424 6.3): SD-ID and PARAM-NAME are 1-32 printable US-ASCII characters other than {@code =
   * ] "} and space, an SD-ID appears once; inside a value {@code \} escapes the next character and
   * {@code ]} must be escaped. Spaces after {@code =} are tolerated (seen in the wild, e.g.
   * syslog-loose's test lines). {@link #SD_UNTERMINATED} when an element or a value is not closed,
   * {@link #SD_MALFORMED} when it breaks the grammar otherwise.
   */
  static int structuredDataEnd(String s, int p) {
    int n = s.length();
    List<String> ids = new ArrayList<>(2);
    while (p < n && s.charAt(p) == '[') {
      int idStart = p + 1;
      p = sdNameEnd(s, idStart);
      if (p >= n) {
        return SD_UNTERMINATED;
      }
      if (p == idStart || p - idStart > 32) {
        return SD_MALFORMED;
      }
      String id = s.substring(idStart, p);
      if (ids.contains(id)) {
        return SD_MALFORMED; // 6.3.2: the same SD-ID MUST NOT exist more than once
      }
      ids.add(id);
      while (true) {
        if (p >= n) {
          return SD_UNTERMINATED;
        }
        char c = s.charAt(p);
        if (c == ']') {
          p++;
          break;
        }
        if (c != ' ') {
          return SD_MALFORMED;
        }
        int nameStart = p + 1;
        p = sdNameEnd(s, nameStart);
        if (p >= n) {
          return SD_UNTERMINATED;
        }
        if (p == nameStart || p - nameStart > 32 || s.charAt(p) != '=') {
          return SD_MALFORMED;
        }
        p++;
        while (p < n && s.charAt(p) == ' ') {
          p++;
        }
        if (p >= n) {
          return SD_UNTERMINATED;
        }
        if (s.charAt(p) != '"') {
          return SD_MALFORMED;
        }
        boolean rawBracket = false;
        int i = p + 1;
        for (; i < n; i++) {
          char v = s.charAt(i);
          if (v == '\\') {
            i++;
          } else if (v == '"') {
            break;
          } else if (v == ']') {
            rawBracket = true;
          }
        }
        if (i >= n) {
          return SD_UNTERMINATED;
        }
        if (rawBracket) {
          return SD_MALFORMED;
        }
        p = i + 1;
      }
    }
    return p;
  }

  /**
   * End of an SD-NAME (SD-ID or PARAM-NAME) at {@code p}: PRINTUSASCII characters other than {@code
   * = ] "}.
   */
  private static int sdNameEnd(String s, int p) {
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c <= ' ' || c > '~' || c == '=' || c == ']' || c == '"') {
        break;
      }
      p++;
    }
    return p;
  }

  private static boolean printableUsAscii(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  private static int spaceOrEnd(String s, int from) {
    int i = s.indexOf(' ', from);
    return i < 0 ? s.length() : i;
  }

  private static String nil(String v) {
    return v.isEmpty() || "-".equals(v) ? null : v;
  }

  private static String emptyToNull(String v) {
    return v == null || v.isEmpty() ? null : v;
  }
}
