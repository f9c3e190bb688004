package org.mozilla.balrog.logs.parse.nginx;

import java.time.Instant;
import org.mozilla.balrog.logs.model.NginxAccessEntry;
import org.mozilla.balrog.logs.parse.LineParser;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

/**
 * Parses one line of the admin nginx access log, {@code balrog_admin_format} or {@code
 * balrog_agent_format} (docs/formats.md#admin-nginx-access-log):
 *
 * <pre>
 * {@code admin|agent $msec "$remote_addr" "$request" $status $request_length $body_bytes_sent $remote_user
 * $request_time $upstream_response_time "$http_user_agent" "$gzip_ratio"}</pre>
 *
 * <p>A line that does not start with {@code admin} or {@code agent} (or is not that format after
 * all) is read as one of the standard layouts that start like nginx's {@code combined}: {@code
 * main}, extended layouts with times and upstreams, ingress-nginx's; see {@link CombinedLine}.
 * Those lines have a null {@code server} and {@code msec}, and null for every field their layout
 * does not log.
 *
 * <p>Contract: stateless and thread-safe; never throws, every problem is a {@link RejectReason}.
 * Quoted fields are unescaped ({@code \xHH} as UTF-8 bytes, {@code \"}, {@code \\}); {@code -}
 * becomes null. A request field that is not {@code METHOD URI PROTOCOL} (scanner garbage) is kept
 * in {@code request} with null method/uri/protocol rather than rejected, because nginx logged a
 * real request. Fields after {@code "$gzip_ratio"} are ignored so that a later extension of the
 * log_format does not turn every line into a rejection.
 */
public final class NginxAccessParser implements LineParser<NginxAccessEntry> {

  @Override
  public ParseResult<NginxAccessEntry> parse(String line) {
    if (line == null || line.isBlank()) {
      return ParseResult.rejected(RejectReason.EMPTY_LINE);
    }
    if (!line.startsWith("admin") && !line.startsWith("agent")) {
      return CombinedLine.parse(line);
    }
    ParseResult<NginxAccessEntry> balrog = balrogFormat(line);
    if (balrog.isOk()) {
      return balrog;
    }
    ParseResult<NginxAccessEntry> other =
        CombinedLine.parse(line); // a combined line whose $host is "admin"
    return other.isOk() ? other : balrog;
  }

  private static ParseResult<NginxAccessEntry> balrogFormat(String line) {
    FieldScanner f = new FieldScanner(line);

    String server = f.token();
    if (!"admin".equals(server) && !"agent".equals(server)) {
      return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
    }
    int msecEnd = f.tokenEnd();
    if (msecEnd < 0) {
      return ParseResult.rejected(f.error);
    }
    String msec = line.substring(f.pos, msecEnd);
    Instant eventTime = msecToInstant(line, f.pos, msecEnd);
    if (eventTime == null) {
      return ParseResult.rejected(RejectReason.BAD_TIMESTAMP);
    }
    f.pos = msecEnd;

    String remoteAddr = f.quoted();
    String request = remoteAddr == null ? null : f.quoted();
    if (request == null) {
      return ParseResult.rejected(f.error);
    }

    long status = nextLong(f);
    long requestLength = status < 0 ? -1 : nextLong(f);
    long bodyBytes = requestLength < 0 ? -1 : nextLong(f);
    if (bodyBytes < 0) {
      return ParseResult.rejected(f.error);
    }
    if (status > 999) {
      return ParseResult.rejected(RejectReason.BAD_NUMBER);
    }

    String remoteUser = f.token();
    int rtEnd = remoteUser == null ? -1 : f.tokenEnd();
    if (rtEnd < 0) {
      return ParseResult.rejected(f.error);
    }
    Double requestTime = null;
    if (!isDash(line, f.pos, rtEnd)) {
      requestTime = Text.parseDecimal(line, f.pos, rtEnd);
      if (requestTime == null) {
        return ParseResult.rejected(RejectReason.BAD_NUMBER);
      }
    }
    f.pos = rtEnd;

    // $upstream_response_time may contain spaces ("0.012, 0.034", "0.012 : 0.030"): it runs up to
    // the quote that
    // opens the user agent.
    if (f.atEnd()) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    int uaQuote = line.indexOf('"', f.pos);
    if (uaQuote < 0 || uaQuote >= f.end) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    String upstream = line.substring(f.pos, uaQuote).trim();
    if (upstream.isEmpty()) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    double[] total = new double[1];
    int numbers = sumUpstreamTimes(upstream, total);
    if (numbers < 0) {
      return ParseResult.rejected(RejectReason.BAD_NUMBER);
    }
    f.pos = uaQuote;

    String userAgent = f.quoted();
    String gzipRatio = userAgent == null ? null : f.quoted();
    if (gzipRatio == null) {
      return ParseResult.rejected(f.error);
    }

    return ParseResult.ok(
        entry(
            server,
            msec,
            eventTime,
            remoteAddr,
            request,
            (int) status,
            requestLength,
            bodyBytes,
            remoteUser,
            requestTime,
            "-".equals(upstream) ? null : upstream,
            numbers == 0 ? null : total[0],
            userAgent,
            Text.dashToNull(gzipRatio)));
  }

  /**
   * An entry of both access formats from its fields as logged: {@code -} in the address, request,
   * user and user agent becomes null, and the request line is split into method, URI and protocol.
   */
  static NginxAccessEntry entry(
      String server,
      String msec,
      Instant eventTime,
      String remoteAddr,
      String request,
      int status,
      Long requestLength,
      long bodyBytes,
      String remoteUser,
      Double requestTime,
      String upstreamResponseTime,
      Double upstreamResponseTimeTotal,
      String userAgent,
      String gzipRatio) {
    RequestLine rl = RequestLine.split(request);
    return new NginxAccessEntry(
        server,
        msec,
        eventTime,
        Text.dashToNull(remoteAddr),
        Text.dashToNull(request),
        rl == null ? null : rl.method(),
        rl == null ? null : rl.uri(),
        rl == null ? null : rl.protocol(),
        status,
        requestLength,
        bodyBytes,
        Text.dashToNull(remoteUser),
        requestTime,
        upstreamResponseTime,
        upstreamResponseTimeTotal,
        Text.dashToNull(userAgent),
        gzipRatio);
  }

  private static boolean isDash(String s, int from, int to) {
    return to - from == 1 && s.charAt(from) == '-';
  }

  /** Next bare token as a non-negative long; -1 with {@code f.error} set otherwise. */
  static long nextLong(FieldScanner f) {
    int e = f.tokenEnd();
    if (e < 0) {
      return -1;
    }
    long v = Text.parseLong(f.s, f.pos, e);
    f.pos = e;
    if (v == Text.NOT_A_NUMBER) {
      f.error = RejectReason.BAD_NUMBER;
      return -1;
    }
    return v;
  }

  /** {@code $msec} ({@code seconds.millis}) as an instant, or null when it is not that shape. */
  static Instant msecToInstant(String s, int from, int to) {
    int dot = s.indexOf('.', from);
    int secEnd = dot < 0 || dot >= to ? to : dot;
    long seconds = Text.parseLong(s, from, secEnd);
    if (seconds == Text.NOT_A_NUMBER
        || seconds > 253_402_300_799L) { // beyond 9999-12-31 is not a log time
      return null;
    }
    long millis = 0;
    if (secEnd < to) {
      int fracLen = to - secEnd - 1;
      if (fracLen < 1 || fracLen > 9) {
        return null;
      }
      long frac = Text.parseLong(s, secEnd + 1, to);
      if (frac == Text.NOT_A_NUMBER) {
        return null;
      }
      // nginx writes exactly 3 digits; scale anything else to milliseconds (truncating)
      for (int i = fracLen; i < 3; i++) {
        frac *= 10;
      }
      for (int i = fracLen; i > 3; i--) {
        frac /= 10;
      }
      millis = frac;
    }
    return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
  }

  /**
   * Sums an {@code $upstream_response_time} value: numbers separated by {@code ,} (several
   * upstreams) or {@code :} (internal redirect), each possibly {@code -}. Returns how many numbers
   * were summed into {@code total[0]}, or -1 when a part is neither a number nor {@code -}.
   */
  static int sumUpstreamTimes(String v, double[] total) {
    int count = 0;
    int i = 0;
    int n = v.length();
    while (i < n) {
      while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == ',' || v.charAt(i) == ':')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int j = i;
      while (j < n && v.charAt(j) != ' ' && v.charAt(j) != ',' && v.charAt(j) != ':') {
        j++;
      }
      if (!isDash(v, i, j)) {
        Double d = Text.parseDecimal(v, i, j);
        if (d == null) {
          return -1;
        }
        total[0] += d;
        count++;
      }
      i = j;
    }
    return count;
  }
}
