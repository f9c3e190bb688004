package org.mozilla.balrog.logs.parse.syslog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import org.mozilla.balrog.logs.model.SyslogLine;
import org.mozilla.balrog.logs.model.SyslogVariant;
import org.mozilla.balrog.logs.parse.LineParser;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

/**
 * Parses one physical syslog line (FORMATS.md 7) in any {@link SyslogVariant}:
 *
 * <ul>
 *   <li>{@code <PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG} (RFC 3164), and the same without {@code <PRI>} as rsyslog
 *       writes it to files;
 *   <li>{@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG} (RFC 5424; {@code -} is NILVALUE, SD elements with
 *       escaped {@code "}, {@code \} and {@code ]}, MSG may start with a BOM, which is removed);
 *   <li>{@code <PRI> RFC3339 HOST TAG[PID]: MSG} (srslog DefaultFormatter, old Docker over the network);
 *   <li>{@code <PRI>Mmm dd hh:mm:ss TAG[PID]: MSG} (srslog UnixFormatter, no hostname). It is told apart from RFC 3164
 *       by the token after the time: a tag ends with {@code :} ({@code tag:} or {@code tag[pid]:}), a hostname never
 *       does.
 * </ul>
 *
 * <p>RFC 3164 timestamps have neither year nor zone: they are read as UTC, in the year of the file's date with the
 * December/January rollover (a {@code Dec 31} line in a file dated in January is from the previous year, a {@code Jan
 * 1} line in a file dated December 31 from the next). Without a file date the year is the current UTC year, fixed
 * when the parser is built, with no rollover.
 *
 * <p>A 3164 message without a {@code TAG:} gets a null tag and keeps the whole rest as message. Contract: stateless
 * after construction and thread-safe; never throws.
 */
public final class SyslogLineParser implements LineParser<SyslogLine> {
  /** Sentinel date for "no file date": mid-year, so the rollover rule never fires and the year is used as is. */
  private final LocalDate referenceDate;

  /**
   * @param fileDate the date of the folder the file was delivered in, used as the year of RFC 3164 timestamps; null
   *     means "the current UTC year"
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
      return SyslogTime.month(s, 0) > 0
          ? rfc3164(s, null, 0, SyslogVariant.RFC3164_NO_PRI)
          : ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
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
    if (p + 1 < s.length() && s.charAt(p) == '1' && s.charAt(p + 1) == ' ') {
      return rfc5424(s, pri, p + 2);
    }
    if (p < s.length() && s.charAt(p) == ' ') {
      return srslogDefault(s, pri, p + 1);
    }
    if (SyslogTime.month(s, p) > 0) {
      return rfc3164(s, pri, p, null);
    }
    return ParseResult.rejected(p >= s.length() ? RejectReason.TOO_FEW_FIELDS : RejectReason.UNRECOGNIZED_FORMAT);
  }

  /**
   * {@code Mmm dd hh:mm:ss [HOST] TAG[PID]: MSG} from {@code p}. With a null {@code variant} it decides between RFC
   * 3164 and srslog Unix by the token after the time; files without PRI always carry a hostname.
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
    Instant time = clock.rfc3339(s, p);
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
   * {@code TAG[PID]: MSG} / {@code TAG: MSG} from {@code p}. Without a token ending in {@code :} there is no tag and
   * the whole rest is the message.
   */
  private static SyslogLine tagAndMessage(
      String s, int p, SyslogVariant variant, Integer pri, Instant time, String hostname) {
    int tokenEnd = spaceOrEnd(s, p);
    String tag = null;
    String procId = null;
    int msgStart = p;
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

  /** RFC 5424 after {@code <PRI>1 }: {@code TIMESTAMP HOST APP PROCID MSGID SD [MSG]}. */
  private static ParseResult<SyslogLine> rfc5424(String s, int pri, int p) {
    Instant time;
    if (p < s.length() && s.charAt(p) == '-') {
      // NILVALUE time: the record model needs a time and we have no better one than none
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    SyslogTime clock = new SyslogTime();
    time = clock.rfc3339(s, p);
    if (time == null) {
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    p = clock.end;
    String[] header = new String[3]; // HOSTNAME, APP-NAME, PROCID, then MSGID read separately below
    for (int i = 0; i < header.length; i++) {
      if (p >= s.length() || s.charAt(p) != ' ') {
        return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
      }
      int e = spaceOrEnd(s, p + 1);
      header[i] = nil(s.substring(p + 1, e));
      p = e;
    }
    if (p >= s.length() || s.charAt(p) != ' ') {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    int msgIdEnd = spaceOrEnd(s, p + 1);
    String msgId = nil(s.substring(p + 1, msgIdEnd));
    p = msgIdEnd;
    if (p + 1 >= s.length() || s.charAt(p) != ' ') {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    p++;
    String sd = null;
    if (s.charAt(p) == '-') {
      p++;
    } else if (s.charAt(p) == '[') {
      int sdEnd = structuredDataEnd(s, p);
      if (sdEnd < 0) {
        return ParseResult.rejected(RejectReason.UNTERMINATED_QUOTE);
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
        m++; // RFC 5424 6.4: a UTF-8 MSG may start with a BOM; it is not content
      }
      msg = s.substring(m);
    } else {
      return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
    }
    return ParseResult.ok(
        new SyslogLine(
            SyslogVariant.RFC5424, pri, time, header[0], header[1], header[2], msgId, sd, msg));
  }

  /**
   * End (exclusive) of one or more {@code [id k="v" ...]} elements starting at {@code p}; inside a quoted value
   * {@code \} escapes the next character ({@code \"}, {@code \\}, {@code \]}). -1 when an element is not closed.
   */
  static int structuredDataEnd(String s, int p) {
    int n = s.length();
    while (p < n && s.charAt(p) == '[') {
      boolean quoted = false;
      int i = p + 1;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (quoted) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            quoted = false;
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ']') {
          break;
        }
      }
      if (i >= n) {
        return -1;
      }
      p = i + 1;
    }
    return p;
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
