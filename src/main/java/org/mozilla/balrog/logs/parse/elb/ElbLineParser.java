package org.mozilla.balrog.logs.parse.elb;

import java.time.Instant;
import org.mozilla.balrog.logs.model.AlbFields;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.parse.LineParser;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RejectReason;

/**
 * Parses one Classic ELB or ALB access-log line (docs/formats.md#classic-elb-entries,
 * docs/formats.md#alb-entries) into an {@link ElbEntry}.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Stateless and thread-safe; one instance may serve every partition.
 *   <li>Never throws: every input, including null, binary garbage and very long lines, yields
 *       either an entry or a {@link RejectReason}.
 *   <li>ALB is recognised by its leading {@code type} token ({@code http https h2 grpcs ws wss}); a
 *       line starting with a digit is read as Classic ELB; anything else is {@link
 *       RejectReason#UNRECOGNIZED_FORMAT}.
 *   <li>Classic ELB needs the 12 fields up to {@code "request"}; user agent, ssl cipher and ssl
 *       protocol are optional (pre-2015 format). ALB needs the same plus {@code type}; every ALB
 *       field after {@code "request"} is optional and unknown trailing fields are ignored.
 *   <li>{@code -} becomes null; a {@code -1} (or {@code -}) processing time stays -1.0; a {@code -}
 *       byte count becomes 0. The request is split on its first and last space, so URLs with raw
 *       spaces survive; the TCP request {@code "- - - "} gives null verb, URL and protocol.
 *   <li>{@link ElbEntry#timestamp()} is the first timestamp field as written (ALB: {@code time}).
 *       {@link ElbEntry#requestTime()} is the receipt time: the Classic timestamp, or ALB {@code
 *       request_creation_time} when present, else ALB {@code time}.
 *   <li>If several fields are wrong, the reason is the first wrong field in line order.
 * </ul>
 */
public final class ElbLineParser implements LineParser<ElbEntry> {
  /** Classic ELB fields up to and including {@code "request"}. */
  static final int CLASSIC_MIN_FIELDS = 12;

  private static final String[] ALB_TYPES = {"http", "https", "h2", "grpcs", "ws", "wss"};

  public ElbLineParser() {}

  @Override
  public ParseResult<ElbEntry> parse(String line) {
    try {
      return parseUnguarded(line);
    } catch (RuntimeException e) {
      // Unreachable by design (the property tests call parseUnguarded directly); kept so that a
      // parser bug costs
      // one rejected line, not a failed Spark task.
      return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
    }
  }

  /** {@link #parse} without the safety net, so tests can prove that no input throws. */
  ParseResult<ElbEntry> parseUnguarded(String line) {
    if (line == null) {
      return ParseResult.rejected(RejectReason.EMPTY_LINE);
    }
    int from = 0;
    int to = line.length();
    // trim whitespace and control characters at both ends (CR of CRLF files, trailing blanks)
    while (from < to && line.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && line.charAt(to - 1) <= ' ') {
      to--;
    }
    if (from == to) {
      return ParseResult.rejected(RejectReason.EMPTY_LINE);
    }
    ElbFields f = ElbFields.split(line, from, to);
    if (f == null) {
      return ParseResult.rejected(RejectReason.UNTERMINATED_QUOTE);
    }
    if (isAlbType(f)) {
      return parseFields(f, 1);
    }
    char first = line.charAt(from);
    if (first >= '0' && first <= '9') {
      return parseFields(f, 0);
    }
    return ParseResult.rejected(RejectReason.UNRECOGNIZED_FORMAT);
  }

  private static boolean isAlbType(ElbFields f) {
    if (f.isQuoted(0)) {
      return false;
    }
    for (String type : ALB_TYPES) {
      if (f.equalsText(0, type)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the Classic layout starting at field {@code base} (0 for Classic, 1 for ALB, whose first
   * field is {@code type}), then the ALB-only tail when {@code base == 1}.
   */
  private static ParseResult<ElbEntry> parseFields(ElbFields f, int base) {
    if (f.count < base + CLASSIC_MIN_FIELDS) {
      return ParseResult.rejected(RejectReason.TOO_FEW_FIELDS);
    }
    Instant time = f.instant(base);
    String elbName = f.text(base + 1);
    HostPort client = hostPort(f, base + 2);
    HostPort backend = hostPort(f, base + 3);
    double requestProcessing = f.seconds(base + 4);
    double backendProcessing = f.seconds(base + 5);
    double responseProcessing = f.seconds(base + 6);
    Integer elbStatus = f.status(base + 7);
    Integer backendStatus = f.status(base + 8);
    long received = f.bytes(base + 9);
    long sent = f.bytes(base + 10);
    RequestLine request = requestLine(f, base + 11);
    String userAgent = f.textOrNull(base + 12);
    String sslCipher = f.textOrNull(base + 13);
    String sslProtocol = f.textOrNull(base + 14);
    AlbFields alb = base == 1 ? albTail(f, time) : null;
    if (f.error != null) {
      return ParseResult.rejected(f.error);
    }
    Instant requestTime =
        alb != null && alb.requestCreationTime() != null ? alb.requestCreationTime() : time;
    return ParseResult.ok(
        new ElbEntry(
            f.text(base),
            requestTime,
            elbName,
            client.ip,
            client.port,
            backend.ip,
            backend.port,
            requestProcessing,
            backendProcessing,
            responseProcessing,
            elbStatus,
            backendStatus,
            received,
            sent,
            request.verb,
            request.url,
            request.protocol,
            userAgent,
            sslCipher,
            sslProtocol,
            alb));
  }

  /** The ALB fields after {@code ssl_protocol} (field 16 on): all optional, extra ones ignored. */
  private static AlbFields albTail(ElbFields f, Instant responseTime) {
    return new AlbFields(
        f.text(0),
        responseTime,
        f.textOrNull(16),
        f.textOrNull(17),
        f.textOrNull(18),
        f.textOrNull(19),
        f.textOrNull(20),
        f.instantOrNull(21),
        f.textOrNull(22),
        f.textOrNull(23),
        f.textOrNull(24),
        f.textOrNull(25),
        f.textOrNull(26),
        f.textOrNull(27),
        f.textOrNull(28),
        f.textOrNull(29));
  }

  /** An address and port; both null for {@code -}. */
  static final class HostPort {
    static final HostPort NONE = new HostPort(null, null);
    final String ip;
    final Integer port;

    HostPort(String ip, Integer port) {
      this.ip = ip;
      this.port = port;
    }
  }

  /**
   * Splits {@code ip:port} on the last colon, so bare IPv6 ({@code 2001:db8::1:443}) works;
   * brackets around an IPv6 address ({@code [2001:db8::1]:443}) are removed.
   */
  static HostPort hostPort(ElbFields f, int i) {
    if (f.isDash(i)) {
      return HostPort.NONE;
    }
    String line = f.line;
    int s = f.start(i);
    int e = f.end(i);
    int colon = line.lastIndexOf(':', e - 1);
    long port = colon < s ? -1 : Numbers.parseUnsigned(line, colon + 1, e, 5);
    if (port < 0 || port > 65_535) {
      f.fail(RejectReason.BAD_ADDRESS);
      return HostPort.NONE;
    }
    int ipStart = s;
    int ipEnd = colon;
    if (ipEnd - ipStart >= 2 && line.charAt(ipStart) == '[' && line.charAt(ipEnd - 1) == ']') {
      ipStart++;
      ipEnd--;
    }
    if (ipStart == ipEnd) {
      f.fail(RejectReason.BAD_ADDRESS);
      return HostPort.NONE;
    }
    return new HostPort(line.substring(ipStart, ipEnd), ElbFields.boxed((int) port));
  }

  /** The three parts of {@code "request"}; all null for the TCP form. */
  static final class RequestLine {
    static final RequestLine NONE = new RequestLine(null, null, null);
    final String verb;
    final String url;
    final String protocol;

    RequestLine(String verb, String url, String protocol) {
      this.verb = verb;
      this.url = url;
      this.protocol = protocol;
    }
  }

  /**
   * Splits the quoted request on its first and last space. Trailing spaces are dropped first, which
   * turns the TCP {@code "- - - "} into three dashes (all null). With a single space (HTTP/0.9
   * style {@code "GET /"}) the protocol is null.
   */
  static RequestLine requestLine(ElbFields f, int i) {
    if (!f.isQuoted(i)) {
      f.fail(RejectReason.BAD_REQUEST_LINE);
      return RequestLine.NONE;
    }
    String line = f.line;
    int s = f.start(i);
    int e = f.end(i);
    while (e > s && line.charAt(e - 1) == ' ') {
      e--;
    }
    if (e - s == 1 && line.charAt(s) == '-') {
      return RequestLine.NONE;
    }
    int first = line.indexOf(' ', s);
    if (first < 0 || first >= e) {
      f.fail(RejectReason.BAD_REQUEST_LINE);
      return RequestLine.NONE;
    }
    int last = line.lastIndexOf(' ', e - 1);
    if (last == first) {
      return new RequestLine(part(line, s, first), part(line, first + 1, e), null);
    }
    String protocol = part(line, last + 1, e);
    if (protocol != null && !looksLikeProtocol(protocol) && line.lastIndexOf('"', e - 1) >= s) {
      // a quote inside the request and no protocol at its end: a broken line whose quoted fields
      // ran together
      // (e.g. the request's closing quote is missing and the user agent was swallowed), not a
      // request
      f.fail(RejectReason.UNTERMINATED_QUOTE);
      return RequestLine.NONE;
    }
    return new RequestLine(part(line, s, first), part(line, first + 1, last), protocol);
  }

  /** {@code HTTP/digits}, e.g. {@code HTTP/1.1}, {@code HTTP/2.0} (any case). */
  static boolean looksLikeProtocol(String p) {
    int slash = p.indexOf('/');
    if (slash != 4 || slash == p.length() - 1 || !p.regionMatches(true, 0, "HTTP", 0, 4)) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      boolean ok =
          i < slash ? Character.isLetter(c) : i == slash || Character.isDigit(c) || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A request part, null when empty or {@code -}. */
  private static String part(String line, int s, int e) {
    if (s >= e || (e - s == 1 && line.charAt(s) == '-')) {
      return null;
    }
    return line.substring(s, e);
  }
}
