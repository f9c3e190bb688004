package org.mozilla.balrog.logs.parse.nginx;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.mozilla.balrog.logs.model.NginxAccessEntry;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

/**
 * The nginx access layouts that start like {@code log_format combined} (nginx's predefined format):
 *
 * <pre>
 * {@code $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
 * "$http_user_agent" [more fields]}</pre>
 *
 * <p>What the wild adds, and how it maps onto {@link NginxAccessEntry} (whose {@code server},
 * {@code msec} and {@code gzipRatio} stay null):
 *
 * <ul>
 *   <li>Before {@code [$time_local]}: the last three fields are {@code $remote_addr}, the ident
 *       slot and {@code $remote_user}; one more field may come first ({@code $host}, or an
 *       X-Forwarded-For list, quoted or not), and is dropped. A comma-separated list ({@code
 *       10.0.0.2, 10.0.0.1, 85.181.35.98}) is one field; when it stands in the {@code $remote_addr}
 *       slot it is kept as written.
 *   <li>Up to two bare fields between {@code $body_bytes_sent} and the quoted referer (a custom
 *       layout with a time there) are skipped. The referer has no column and is dropped.
 *   <li>After the user agent, fields never make a line rejected. Three layouts are read from them:
 *       <ul>
 *         <li>ingress-nginx {@code upstreaminfo}: {@code $request_length $request_time
 *             [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr
 *             $upstream_response_length $upstream_response_time $upstream_status $req_id} (the
 *             upstream fields may be {@code ", "} / {@code " : "} lists);
 *         <li>{@code key=value} fields as in NGINX's {@code main_ext} ({@code rt=$request_time
 *             ut="$upstream_response_time"}, after {@code "$host"} and {@code ua="$upstream_addr"})
 *             and {@code upstream_time} ({@code rt= urt=}) layouts;
 *         <li>positional times: {@code $request_time} first, then optionally {@code
 *             $upstream_response_time}, then anything ({@code $upstream_addr $host}, {@code $pipe}
 *             in {@code timed_combined}).
 *       </ul>
 *       nginx writes both times with a millisecond fraction, so only a number with a {@code .} is
 *       taken for one. Anything else (nginx {@code main}'s {@code "$http_x_forwarded_for"}, {@code
 *       $upstream_addr}, {@code $host}, unknown fields) is ignored.
 * </ul>
 *
 * <p>Package-private: {@link NginxAccessParser} is the entry point. Stateless; never throws.
 */
final class CombinedLine {
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  /**
   * {@code $host} or an X-Forwarded-For list, then {@code $remote_addr}, the ident slot and {@code
   * $remote_user}.
   */
  private static final int MAX_PREFIX_FIELDS = 4;

  private static final int MAX_SKIPPED_FIELDS = 2;

  private CombinedLine() {}

  static ParseResult<NginxAccessEntry> parse(String line) {
    FieldScanner f = new FieldScanner(line);
    String s = line;
    List<String> prefix = new ArrayList<>(MAX_PREFIX_FIELDS);
    int p = 0;
    while (true) {
      if (p >= f.end) {
        return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
      }
      char c = s.charAt(p);
      if (c == '[') {
        break;
      }
      if (prefix.size() == MAX_PREFIX_FIELDS) {
        return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
      }
      if (c == ' ') {
        return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT); // an empty field: two spaces
      }
      if (c == '"') {
        int close = Text.closingQuote(s, p);
        if (close < 0 || close >= f.end) {
          return ParseResult.rejected(RejectReason.UNTERMINATED_QUOTE);
        }
        prefix.add(Text.unescape(s, p + 1, close));
        p = close + 1;
      } else {
        int e = Math.min(Text.nextSpace(s, p), f.end);
        while (e + 1 < f.end && s.charAt(e - 1) == ',' && s.charAt(e) == ' ') {
          e = Math.min(Text.nextSpace(s, e + 1), f.end); // "a, b, c": one list
        }
        prefix.add(s.substring(p, e));
        p = e;
      }
      if (p >= f.end) {
        return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
      }
      if (s.charAt(p) != ' ') {
        return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
      }
      p++;
    }
    if (prefix.isEmpty()) {
      return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
    }
    if (prefix.size() < 3) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    String remoteAddr = prefix.get(prefix.size() - 3);
    String remoteUser = prefix.get(prefix.size() - 1);

    int close = s.indexOf(']', p);
    if (close < 0 || close >= f.end) {
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    Instant eventTime = timeLocal(s, p + 1, close);
    if (eventTime == null) {
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    f.pos = close + 1;

    String request = f.quoted();
    if (request == null) {
      return ParseResult.rejected(f.error);
    }
    long status = NginxAccessParser.nextLong(f);
    long bodyBytes = status < 0 ? -1 : NginxAccessParser.nextLong(f);
    if (bodyBytes < 0) {
      return ParseResult.rejected(f.error);
    }
    if (status > 999) {
      return ParseResult.rejected(RejectReason.BAD_NUMBER);
    }
    for (int skipped = 0; f.pos + 1 < f.end && s.charAt(f.pos + 1) != '"'; skipped++) {
      if (skipped == MAX_SKIPPED_FIELDS) {
        return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
      }
      f.pos = f.tokenEnd();
    }
    String referer = f.quoted();
    String userAgent = referer == null ? null : f.quoted();
    if (userAgent == null) {
      return ParseResult.rejected(f.error);
    }

    Extras x = Extras.read(s, f.pos, f.end);
    double[] total = new double[1];
    int numbers =
        x.upstreamResponseTime == null
            ? 0
            : NginxAccessParser.sumUpstreamTimes(x.upstreamResponseTime, total);
    return ParseResult.ok(
        NginxAccessParser.entry(
            null,
            null,
            eventTime,
            remoteAddr,
            request,
            (int) status,
            x.requestLength,
            bodyBytes,
            remoteUser,
            x.requestTime,
            x.upstreamResponseTime,
            numbers == 0 ? null : total[0],
            userAgent,
            null));
  }

  /**
   * The fields after the user agent that map onto columns; each null when absent or not recognised.
   */
  private static final class Extras {
    Long requestLength;
    Double requestTime;

    /**
     * A valid {@code $upstream_response_time} value (a list of times or {@code -} placeholders),
     * never {@code -}.
     */
    String upstreamResponseTime;

    static Extras read(String s, int from, int to) {
      Extras x = new Extras();
      List<Token> t = Token.split(s, from, to);
      if (t.size() >= 4
          && t.get(0).isNumber()
          && t.get(1).isTime()
          && t.get(2).isBracketed()
          && t.get(3).isBracketed()) {
        // ingress-nginx upstreaminfo
        x.requestLength = Text.parseLong(t.get(0).text, 0, t.get(0).text.length());
        x.requestTime = t.get(1).time();
        List<String> upstream = lists(t.subList(4, t.size()));
        if (upstream.size() >= 3) {
          x.upstreamTime(upstream.get(2));
        }
        return x;
      }
      boolean keyed = false;
      for (Token k : t) {
        String key = k.key();
        if (key == null) {
          continue;
        }
        String value = k.value();
        switch (key) {
          case "rt", "request_time" -> {
            keyed = true;
            x.requestTime = isTime(value) ? Text.parseDecimal(value, 0, value.length()) : null;
          }
          case "urt", "ut", "upstream_response_time" -> {
            keyed = true;
            x.upstreamTime(value);
          }
          default -> {}
        }
      }
      if (!keyed && !t.isEmpty() && t.get(0).isTime()) {
        x.requestTime = t.get(0).time();
        List<String> rest = lists(t.subList(1, t.size()));
        if (!rest.isEmpty()) {
          x.upstreamTime(rest.get(0));
        }
      }
      return x;
    }

    /** Keeps {@code v} when it is an upstream time list with at least one time. */
    private void upstreamTime(String v) {
      if (v != null
          && !v.isEmpty()
          && !"-".equals(v)
          && v.indexOf('.') >= 0
          && NginxAccessParser.sumUpstreamTimes(v, new double[1]) > 0) {
        upstreamResponseTime = v;
      }
    }

    /**
     * Bare tokens grouped into nginx upstream lists: {@code a, b} and {@code a : b} are one value.
     * Stops at the first quoted token.
     */
    private static List<String> lists(List<Token> tokens) {
      List<String> out = new ArrayList<>();
      StringBuilder cur = null;
      boolean join = false;
      for (Token k : tokens) {
        if (k.quoted) {
          break;
        }
        if (cur != null && (join || k.text.equals(":"))) {
          cur.append(' ').append(k.text);
        } else {
          if (cur != null) {
            out.add(cur.toString());
          }
          cur = new StringBuilder(k.text);
        }
        join = k.text.endsWith(",") || k.text.equals(":");
      }
      if (cur != null) {
        out.add(cur.toString());
      }
      return out;
    }
  }

  /** One field after the user agent: bare ({@code key="quoted value"} counts as bare) or quoted. */
  private record Token(String text, boolean quoted) {
    /**
     * Splits {@code s[from, to)}; stops before an unterminated quote (a cut line's tail is not
     * read).
     */
    static List<Token> split(String s, int from, int to) {
      List<Token> out = new ArrayList<>();
      int p = from;
      while (p < to) {
        if (s.charAt(p) == ' ') {
          p++;
          continue;
        }
        if (s.charAt(p) == '"') {
          int close = Text.closingQuote(s, p);
          if (close < 0 || close >= to) {
            break;
          }
          out.add(new Token(Text.unescape(s, p + 1, close), true));
          p = close + 1;
          continue;
        }
        int start = p;
        while (p < to && s.charAt(p) != ' ') {
          if (s.charAt(p) == '"' && p > start && s.charAt(p - 1) == '=') {
            int close = Text.closingQuote(s, p);
            if (close < 0 || close >= to) {
              return out;
            }
            p = close;
          }
          p++;
        }
        out.add(new Token(s.substring(start, p), false));
      }
      return out;
    }

    boolean isNumber() {
      return !quoted && Text.parseLong(text, 0, text.length()) != Text.NOT_A_NUMBER;
    }

    boolean isTime() {
      return !quoted && CombinedLine.isTime(text);
    }

    Double time() {
      return Text.parseDecimal(text, 0, text.length());
    }

    boolean isBracketed() {
      return !quoted
          && text.length() >= 2
          && text.charAt(0) == '['
          && text.charAt(text.length() - 1) == ']';
    }

    /** The key of a bare {@code key=value} token, else null. */
    String key() {
      int eq = quoted ? -1 : text.indexOf('=');
      return eq <= 0 ? null : text.substring(0, eq);
    }

    /** The value of a {@code key=value} token, unquoted and unescaped. */
    String value() {
      String v = text.substring(text.indexOf('=') + 1);
      return v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"'
          ? Text.unescape(v, 1, v.length() - 1)
          : v;
    }
  }

  /** A time as nginx writes {@code $request_time}: seconds with a millisecond fraction. */
  private static boolean isTime(String v) {
    return v.indexOf('.') > 0 && Text.isDecimal(v, 0, v.length());
  }

  /**
   * {@code $time_local}, {@code dd/Mon/yyyy:hh:mm:ss +hhmm}, in {@code s[from, to)} as a UTC
   * instant, else null.
   */
  static Instant timeLocal(String s, int from, int to) {
    if (to - from != 26
        || s.charAt(from + 2) != '/'
        || s.charAt(from + 6) != '/'
        || s.charAt(from + 11) != ':'
        || s.charAt(from + 14) != ':'
        || s.charAt(from + 17) != ':'
        || s.charAt(from + 20) != ' ') {
      return null;
    }
    int month = -1;
    for (int m = 0; m < 12; m++) {
      if (s.regionMatches(from + 3, MONTHS, m * 3, 3)) {
        month = m + 1;
      }
    }
    long day = Text.parseLong(s, from, from + 2);
    long year = Text.parseLong(s, from + 7, from + 11);
    long hour = Text.parseLong(s, from + 12, from + 14);
    long minute = Text.parseLong(s, from + 15, from + 17);
    long second = Text.parseLong(s, from + 18, from + 20);
    long oh = Text.parseLong(s, from + 22, from + 24);
    long om = Text.parseLong(s, from + 24, from + 26);
    char sign = s.charAt(from + 21);
    if (month < 0
        || (sign != '+' && sign != '-')
        || (day | year | hour | minute | second | oh | om) < 0
        || oh > 23
        || om > 59) {
      return null; // NOT_A_NUMBER is negative
    }
    try {
      long offset = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
      return LocalDateTime.of((int) year, month, (int) day, (int) hour, (int) minute, (int) second)
          .toInstant(ZoneOffset.UTC)
          .minusSeconds(offset);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
