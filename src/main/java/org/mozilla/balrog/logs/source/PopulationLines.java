package org.mozilla.balrog.logs.source;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;
import org.mozilla.balrog.logs.parse.Ascii;
import org.mozilla.balrog.logs.parse.elb.Numbers;
import org.mozilla.balrog.logs.parse.url.PercentDecoder;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;

/**
 * The population's work on one line, straight from its bytes, for the shape nearly every
 * update-domain line has: a Classic ELB line of printable ASCII with its 15 fields, whose request
 * is {@code VERB URL HTTP/x} and whose URL is an {@code /update/N/…} or {@code /json/N/…} route
 * with the parameter count of its N. Such a line yields its cell, the client fingerprint hashed
 * from the line's bytes, and whether it is a background request, without building a single string
 * (cells come from a cache of their path fields).
 *
 * <p>Every other line is {@link #DECLINED}: the caller parses it as a string ({@code
 * ElbLineParser}, {@code UpdateUrlParser}), the reference this class must agree with. The fast path
 * only ever decides what the reference would decide: {@link #SKIP} only for lines of another log
 * date or another route, {@link #COUNTED} only for lines whose every field the reference accepts.
 * {@code PopulationLinesTest} checks that against the reference on generated and mutated lines. Not
 * thread-safe; one per scan task.
 */
public final class PopulationLines {
  /**
   * Not counted: another log date, or a route other than update and json (the reference agrees).
   */
  public static final int SKIP = 0;

  /**
   * Counted: {@link #cell()}, {@link #fingerprint()} and {@link #background()} describe the
   * request.
   */
  public static final int COUNTED = 1;

  /** Not decided here: parse the line as a string. */
  public static final int DECLINED = 2;

  private static final int FIELDS = 15;
  private static final int REQUEST = 11;
  private static final int USER_AGENT = 12;
  private static final int MAX_SEGMENTS = 14;
  private static final byte[] UPDATE_PREFIX = ascii("/update/");
  private static final byte[] UPDATE_SUFFIX = ascii("/update.xml");
  private static final byte[] JSON_PREFIX = ascii("/json/");
  private static final byte[] JSON_SUFFIX = ascii("/update.json");
  private static final byte[] HTTPS = ascii("https://");
  private static final byte[] HTTP = ascii("http://");
  private static final byte[] FORCE = ascii("force");
  private static final byte[] ESR_PRE = ascii(UpdateUrlParser.ESR_PRE);
  private static final byte[][] OS_VERSION_JUNK =
      UpdateUrlParser.OS_VERSION_JUNK.stream().map(PopulationLines::ascii).toArray(byte[][]::new);

  // path parameters a cell or the fingerprint needs; the cell's four first, decoded one after
  // another
  private static final int PRODUCT = 0;
  private static final int VERSION = 1;
  private static final int BUILD_TARGET = 2;
  private static final int CHANNEL = 3;
  private static final int LOCALE = 4;
  private static final int OS_VERSION = 5;
  private static final int DISTRIBUTION = 6;
  private static final int DIST_VERSION = 7;
  private static final int NEEDED = 8;
  private static final int CELL_FIELDS = 4;

  /** The URL's part of the client fingerprint, in {@link ScanRow#FINGERPRINT_FIELDS} order. */
  private static final int[] URL_FINGERPRINT_FIELDS = {
    BUILD_TARGET, LOCALE, OS_VERSION, DISTRIBUTION, DIST_VERSION
  };

  /**
   * Parameter position of each needed field (product, version, build target, channel, locale, OS
   * version, distribution, dist version), per route N whose parameter count is {@link
   * UpdateUrlParser#expectedUpdateParams} (or {@code expectedJsonParams}); -1 when the route does
   * not carry it.
   */
  private static final int[][] UPDATE_POSITIONS = {
    null,
    {0, 1, 3, 5, 4, -1, -1, -1}, // /update/1: 6 parameters
    {0, 1, 3, 5, 4, 6, -1, -1}, // /update/2: 7
    {0, 1, 3, 5, 4, 6, 7, 8}, // /update/3: 9
    {0, 1, 3, 5, 4, 6, 7, 8}, // /update/4: 10 (platformVersion last, not kept)
    {0, 1, 3, 5, 4, 6, 7, 8}, // /update/5: 10 (IMEI last, not kept)
    {0, 1, 3, 5, 4, 6, 8, 9}, // /update/6: 10 (systemCapabilities at 7)
  };

  private static final int[][] JSON_POSITIONS = {
    null,
    {0, 1, 2, 3, -1, -1, -1, -1}, // /json/1: 4 parameters
    {0, 1, 2, 3, -1, 4, -1, -1}, // /json/2: 5
  };

  private final byte[] day;
  private final int[] start = new int[FIELDS];
  private final int[] end = new int[FIELDS];
  private final boolean[] quoted = new boolean[FIELDS];
  private final int[] segStart = new int[MAX_SEGMENTS];
  private final int[] segEnd = new int[MAX_SEGMENTS];

  /**
   * Decoded needed fields: offset and length in {@link #decoded}; length 0 for a field the route
   * lacks.
   */
  private final int[] fieldAt = new int[NEEDED];

  private final int[] fieldLen = new int[NEEDED];
  private byte[] decoded = new byte[512];
  private final CellCache cache = new CellCache();

  private final long dayMicros;
  private final ByteChars chars = new ByteChars();
  private UpdateCell cell;
  private long fingerprint;
  private boolean background;
  private boolean json;
  private long timeMicros;
  private int elbStatus;
  private int backendStatus;
  private double requestSeconds;
  private double backendSeconds;
  private double responseSeconds;
  private long sentBytes;

  /** For lines of log date {@code day}. */
  public PopulationLines(LocalDate day) {
    this.day = ascii(day.toString());
    if (this.day.length != 10) {
      throw new IllegalArgumentException("log date out of range: " + day);
    }
    dayMicros = day.toEpochDay() * 86_400_000_000L;
  }

  public UpdateCell cell() {
    return cell;
  }

  public long fingerprint() {
    return fingerprint;
  }

  public boolean background() {
    return background;
  }

  /** The route of a {@link #COUNTED} line: {@code /json/…} (else {@code /update/…}). */
  public boolean json() {
    return json;
  }

  /** The request time of a {@link #COUNTED} line, in microseconds since the epoch (truncated). */
  public long timeMicros() {
    return timeMicros;
  }

  /** The ELB status of a {@link #COUNTED} line; -1 for {@code -}. */
  public int elbStatus() {
    return elbStatus;
  }

  /** The backend status of a {@link #COUNTED} line; -1 for {@code -}. */
  public int backendStatus() {
    return backendStatus;
  }

  /** The request processing time of a {@link #COUNTED} line in seconds; -1 for {@code -}. */
  public double requestSeconds() {
    return requestSeconds;
  }

  /** The backend processing time of a {@link #COUNTED} line in seconds; -1 for {@code -}. */
  public double backendSeconds() {
    return backendSeconds;
  }

  /** The response processing time of a {@link #COUNTED} line in seconds; -1 for {@code -}. */
  public double responseSeconds() {
    return responseSeconds;
  }

  /** The sent bytes of a {@link #COUNTED} line; 0 for {@code -}. */
  public long sentBytes() {
    return sentBytes;
  }

  /** Examines {@code b[0, len)}, one line of a file of {@code domain}. */
  public int scan(byte[] b, int len, String domain) {
    if (len < 20 || b[0] < '0' || b[0] > '9') {
      return DECLINED;
    }
    if (!Arrays.equals(b, 0, 10, day, 0, 10)) {
      // a Classic line (it starts with a digit) whose timestamp cannot be of this log date
      return SKIP;
    }
    // ASCII only: then the reference's string is these bytes, char for char, and so are its fields'
    // UTF-8 bytes
    // (control characters included: the reference splits on spaces and trims only the line's ends)
    if (b[len - 1] <= ' '
        || !Bytes.isAscii(b, 0, len)
        || !split(b, len)
        || !timestamp(b, end[0])
        || !hostPort(b, start[2], end[2])
        || !(dash(b, 3) || hostPort(b, start[3], end[3]))) {
      return DECLINED;
    }
    for (int f = 4; f <= 6; f++) {
      if (!(dash(b, f) || decimal(b, start[f], end[f]))) {
        return DECLINED;
      }
    }
    for (int f = 7; f <= 10; f++) {
      if (!(dash(b, f) || digits(b, start[f], end[f], f <= 8 ? 9 : 18))) {
        return DECLINED;
      }
    }
    // the request: VERB URL PROTOCOL, split on its first and last space
    int rs = start[REQUEST];
    int re = end[REQUEST];
    while (re > rs && b[re - 1] == ' ') {
      re--;
    }
    if (re - rs == 1 && b[rs] == '-') {
      return SKIP; // the TCP form: no URL
    }
    int first = Bytes.indexOf(b, rs, re, (byte) ' ');
    int last = Bytes.lastIndexOf(b, rs, re, (byte) ' ');
    if (first < 0 || last == first) {
      return DECLINED;
    }
    int result = url(b, first + 1, last, domain);
    if (result == COUNTED) {
      requestFields(b);
    }
    return result;
  }

  /**
   * The request fields of a counted line, read as the reference reads them ({@code ElbFields}):
   * {@code -} is -1 for a time and a status, 0 for bytes.
   */
  private void requestFields(byte[] b) {
    long micros = ((two(b, 11) * 60L + two(b, 14)) * 60L + two(b, 17)) * 1_000_000L;
    int e = end[0] - 1; // the 'Z'
    if (e > 20) {
      long fraction = 0;
      for (int i = 20; i < e; i++) {
        fraction = fraction * 10 + (b[i] - '0');
      }
      for (int i = e - 20; i < 9; i++) {
        fraction *= 10; // nanoseconds
      }
      micros += fraction / 1000;
    }
    timeMicros = dayMicros + micros;
    requestSeconds = seconds(b, 4);
    backendSeconds = seconds(b, 5);
    responseSeconds = seconds(b, 6);
    elbStatus = dash(b, 7) ? -1 : (int) number(b, 7);
    backendStatus = dash(b, 8) ? -1 : (int) number(b, 8);
    sentBytes = dash(b, 10) ? 0 : number(b, 10);
  }

  private double seconds(byte[] b, int f) {
    chars.bytes = b;
    return dash(b, f) ? -1.0 : Numbers.parseDecimal(chars, start[f], end[f]);
  }

  private long number(byte[] b, int f) {
    long v = 0;
    for (int i = start[f]; i < end[f]; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }

  /**
   * Splits into exactly 15 fields, the request and user agent quoted and no other, as the reference
   * splits: on single spaces, a quoted field closed by a quote before a space or the end. A quote
   * after a backslash, an empty field or a quote that does not close its field is left to the
   * reference.
   */
  private boolean split(byte[] b, int len) {
    int n = 0;
    int i = 0;
    while (true) {
      if (n == FIELDS) {
        return false;
      }
      int j;
      if (b[i] == '"') {
        j = Bytes.indexOf(b, i + 1, len, (byte) '"');
        if (j < 0 || (j > i + 1 && b[j - 1] == '\\')) {
          return false;
        }
        start[n] = i + 1;
        end[n] = j;
        quoted[n] = true;
        j++;
      } else {
        j = Bytes.indexOf(b, i, len, (byte) ' ');
        if (j < 0) {
          j = len;
        }
        if (j == i) {
          return false;
        }
        start[n] = i;
        end[n] = j;
        quoted[n] = false;
      }
      n++;
      if (j == len) {
        break;
      }
      if (b[j] != ' ' || j + 1 == len) {
        return false;
      }
      i = j + 1;
    }
    if (n != FIELDS) {
      return false;
    }
    for (int f = 0; f < FIELDS; f++) {
      if (quoted[f] != (f == REQUEST || f == USER_AGENT)) {
        return false;
      }
    }
    return true;
  }

  /** {@code HH:MM:SS[.f{1,9}]Z} after the date (already equal to the log date), in range. */
  private static boolean timestamp(byte[] b, int e) {
    int len = e;
    if (len < 20 || len > 30 || b[10] != 'T' || b[13] != ':' || b[16] != ':' || b[e - 1] != 'Z') {
      return false;
    }
    int hour = two(b, 11);
    int minute = two(b, 14);
    int second = two(b, 17);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return false;
    }
    if (len == 20) {
      return true;
    }
    return b[19] == '.' && len >= 22 && digits(b, 20, e - 1, 9);
  }

  private static int two(byte[] b, int at) {
    int d1 = b[at] - '0';
    int d2 = b[at + 1] - '0';
    return d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 ? -1 : d1 * 10 + d2;
  }

  private boolean dash(byte[] b, int f) {
    return end[f] - start[f] == 1 && b[start[f]] == '-';
  }

  /**
   * {@code ip:port} without brackets: the port 1 to 5 digits up to 65535, the address not empty.
   */
  private static boolean hostPort(byte[] b, int s, int e) {
    int colon = Bytes.lastIndexOf(b, s, e, (byte) ':');
    if (colon <= s || b[s] == '[' || !digits(b, colon + 1, e, 5)) {
      return false;
    }
    int port = 0;
    for (int i = colon + 1; i < e; i++) {
      port = port * 10 + (b[i] - '0');
    }
    return port <= 65_535;
  }

  /**
   * {@code [-]digits[.digits]} with at least one digit, as the reference's number parser accepts.
   */
  private static boolean decimal(byte[] b, int s, int e) {
    int i = s < e && b[s] == '-' ? s + 1 : s;
    boolean dot = false;
    boolean digit = false;
    for (; i < e; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    return digit;
  }

  /** 1 to {@code max} ASCII digits. */
  private static boolean digits(byte[] b, int s, int e, int max) {
    if (e - s < 1 || e - s > max) {
      return false;
    }
    for (int i = s; i < e; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** The URL {@code b[s, e)}: its route, fields, cell, fingerprint and {@code force}. */
  private int url(byte[] b, int s, int e, String domain) {
    if (e <= s || (e - s == 1 && b[s] == '-')) {
      return SKIP; // no URL
    }
    int path;
    if (b[s] == '/') {
      path = s;
    } else {
      int authority =
          startsWith(b, s, e, HTTPS)
              ? s + HTTPS.length
              : startsWith(b, s, e, HTTP) ? s + HTTP.length : -1;
      if (authority < 0) {
        return DECLINED;
      }
      path = authority;
      while (path < e && b[path] != '/' && b[path] != '?' && b[path] != '#') {
        path++;
      }
      if (path == e || b[path] != '/') {
        return DECLINED;
      }
    }
    int query = Bytes.indexOf(b, path, e, (byte) '?');
    int pathEnd = query < 0 ? e : query;
    boolean update =
        startsWith(b, path, pathEnd, UPDATE_PREFIX) && endsWith(b, path, pathEnd, UPDATE_SUFFIX);
    boolean json =
        !update
            && startsWith(b, path, pathEnd, JSON_PREFIX)
            && endsWith(b, path, pathEnd, JSON_SUFFIX);
    if (!update && !json) {
      return SKIP; // heartbeat, API or another path: not an update request
    }
    if (Bytes.indexOf(b, path, pathEnd, (byte) '#') >= 0) {
      return DECLINED;
    }
    int segments = 0;
    for (int i = path; i <= pathEnd; ) {
      if (segments == MAX_SEGMENTS) {
        return DECLINED;
      }
      int slash = Bytes.indexOf(b, i, pathEnd, (byte) '/');
      int segmentEnd = slash < 0 ? pathEnd : slash;
      segStart[segments] = i;
      segEnd[segments] = segmentEnd;
      segments++;
      i = segmentEnd + 1;
    }
    if (segments < 4 || !digits(b, segStart[2], segEnd[2], 1)) {
      return DECLINED;
    }
    int n = b[segStart[2]] - '0';
    int params = segments - 4;
    int expected =
        update ? UpdateUrlParser.expectedUpdateParams(n) : UpdateUrlParser.expectedJsonParams(n);
    if (expected < 0 || expected != params) {
      return DECLINED;
    }
    int[] positions = update ? UPDATE_POSITIONS[n] : JSON_POSITIONS[n];
    int w = 0;
    long cellKey = update && n == 3 ? 1 : 0; // /update/3 strips esrpre from the version
    for (int f = 0; f < NEEDED; f++) {
      int p = positions[f];
      if (p < 0) {
        fieldAt[f] = w;
        fieldLen[f] = 0;
        continue;
      }
      int from = segStart[3 + p];
      int to = segEnd[3 + p];
      if (decoded.length < w + (to - from)) {
        decoded = Arrays.copyOf(decoded, Math.max(decoded.length * 2, w + (to - from)));
      }
      fieldAt[f] = w;
      w = decode(b, from, to, w);
      if (w < 0) {
        return DECLINED;
      }
      fieldLen[f] = w - fieldAt[f];
      if (f < CELL_FIELDS) {
        if (fieldLen[f] > 0x7fff) {
          return DECLINED;
        }
        cellKey = cellKey << 15 | fieldLen[f];
      }
    }
    // the version is not in the fingerprint; the cache strips esrpre from it (bug 1133250) for
    // /update/3 cells
    cell =
        cache.get(
            domain, decoded, fieldAt[CHANNEL] + fieldLen[CHANNEL], cellKey, fieldAt, fieldLen);
    if (fieldLen[OS_VERSION] > 0
        && decoded[fieldAt[OS_VERSION] + fieldLen[OS_VERSION] - 1] == ')') {
      fieldLen[OS_VERSION] = stripOsVersionJunk(decoded, fieldAt[OS_VERSION], fieldLen[OS_VERSION]);
    }
    int force = query < 0 ? FORCE_ABSENT : force(b, query + 1, e);
    if (force == FORCE_UNDECIDED) {
      return DECLINED;
    }
    background = force == FORCE_ABSENT;
    this.json = json;
    int ip = Bytes.lastIndexOf(b, start[2], end[2], (byte) ':');
    long h = ClientHash.field(ClientHash.SPARK_SEED, b, start[2], ip - start[2]);
    h =
        ClientHash.field(
            h, b, start[USER_AGENT], dash(b, USER_AGENT) ? 0 : end[USER_AGENT] - start[USER_AGENT]);
    for (int f : URL_FINGERPRINT_FIELDS) {
      h = ClientHash.field(h, decoded, fieldAt[f], fieldLen[f]);
    }
    fingerprint = h;
    return COUNTED;
  }

  /**
   * Percent-decodes the path segment {@code b[from, to)} into {@link #decoded} at {@code w} as the
   * reference does ({@code PercentDecoder.decodeRepeatedly}: passes until nothing changes, at most
   * {@code MAX_PASSES}); the new end, or -1 when an escape gives a non-ASCII byte (the reference
   * decodes those as UTF-8).
   */
  private int decode(byte[] b, int from, int to, int w) {
    System.arraycopy(b, from, decoded, w, to - from);
    int end = w + (to - from);
    if (Bytes.indexOf(b, from, to, (byte) '%') < 0) {
      return end;
    }
    for (int pass = 0; pass < PercentDecoder.MAX_PASSES; pass++) {
      int out = decodeOnce(decoded, w, end);
      if (out < 0 || out == end) {
        return out; // failed, or no escape left: stable
      }
      end = out;
    }
    return end;
  }

  /**
   * One pass over {@code d[from, to)} in place; the new end, or -1 for an escape of a non-ASCII
   * byte.
   */
  private static int decodeOnce(byte[] d, int from, int to) {
    int w = from;
    for (int i = from; i < to; i++) {
      byte c = d[i];
      if (c == '%' && i + 2 < to) {
        int hi = hex(d[i + 1]);
        int lo = hex(d[i + 2]);
        if (hi >= 0 && lo >= 0) {
          if (hi >= 8) {
            return -1;
          }
          c = (byte) (hi * 16 + lo);
          i += 2;
        }
      }
      d[w++] = c;
    }
    return w;
  }

  private static final int FORCE_ABSENT = 0;
  private static final int FORCE_PRESENT = 1;

  /** A parameter name with an escape: the reference decodes names, so it may be {@code force}. */
  private static final int FORCE_UNDECIDED = 2;

  /**
   * Whether the query {@code b[s, e)} has a parameter named {@code force}, with or without a value.
   */
  private static int force(byte[] b, int s, int e) {
    int result = FORCE_ABSENT;
    int i = s;
    while (i <= e) {
      int amp = Bytes.indexOf(b, i, e, (byte) '&');
      int paramEnd = amp < 0 ? e : amp;
      int eq = Bytes.indexOf(b, i, paramEnd, (byte) '=');
      int keyEnd = eq < 0 ? paramEnd : eq;
      if (Bytes.indexOf(b, i, keyEnd, (byte) '%') >= 0) {
        result = FORCE_UNDECIDED;
      } else if (keyEnd - i == FORCE.length && startsWith(b, i, keyEnd, FORCE)) {
        return FORCE_PRESENT;
      }
      i = paramEnd + 1;
    }
    return result;
  }

  /**
   * The length of {@code b[at, at + len)} without the {@code (noBug1296630v1)(nowebsense)} template
   * suffix.
   */
  private static int stripOsVersionJunk(byte[] b, int at, int len) {
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (byte[] junk : OS_VERSION_JUNK) {
        if (endsWith(b, at, at + len, junk)) {
          len -= junk.length;
          stripped = true;
        }
      }
    }
    return len;
  }

  /** The value of an ASCII hex digit byte, or -1 (a negative byte is no digit). */
  private static int hex(byte c) {
    return c < 0 ? -1 : Ascii.hexValue((char) c);
  }

  private static boolean startsWith(byte[] b, int s, int e, byte[] prefix) {
    return e - s >= prefix.length
        && Arrays.equals(b, s, s + prefix.length, prefix, 0, prefix.length);
  }

  private static boolean endsWith(byte[] b, int s, int e, byte[] suffix) {
    return e - s >= suffix.length
        && Arrays.equals(b, e - suffix.length, e, suffix, 0, suffix.length);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The bytes of a line as characters (Latin-1: an ASCII line reads as itself), reused. */
  private static final class ByteChars implements CharSequence {
    byte[] bytes;

    @Override
    public int length() {
      return bytes.length;
    }

    @Override
    public char charAt(int index) {
      return (char) (bytes[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Cells by domain and the decoded product, version, build target and channel: their bytes one
   * after another, and a key of their lengths (and whether the route strips {@code esrpre}) that
   * tells where each ends. A miss builds the cell with {@link UpdateCell#of(String, String, String,
   * String, String)}. Open addressing.
   */
  private static final class CellCache {
    private byte[][] keys = new byte[1024][];
    private long[] lengths = new long[1024];
    private String[] domains = new String[1024];
    private UpdateCell[] cells = new UpdateCell[1024];
    private int size;

    UpdateCell get(String domain, byte[] decoded, int keyEnd, long lengthKey, int[] at, int[] len) {
      int h = hash(domain, decoded, keyEnd, lengthKey);
      int mask = keys.length - 1;
      int slot = h & mask;
      while (keys[slot] != null) {
        if (lengths[slot] == lengthKey
            && domains[slot].equals(domain)
            && Arrays.equals(keys[slot], 0, keys[slot].length, decoded, 0, keyEnd)) {
          return cells[slot];
        }
        slot = (slot + 1) & mask;
      }
      int versionLen = len[VERSION];
      if ((lengthKey >>> 60) == 1
          && endsWith(decoded, at[VERSION], at[VERSION] + versionLen, ESR_PRE)) {
        versionLen -= ESR_PRE.length;
      }
      UpdateCell c =
          UpdateCell.of(
              domain,
              string(decoded, at[PRODUCT], len[PRODUCT]),
              string(decoded, at[VERSION], versionLen),
              string(decoded, at[BUILD_TARGET], len[BUILD_TARGET]),
              string(decoded, at[CHANNEL], len[CHANNEL]));
      put(slot, Arrays.copyOf(decoded, keyEnd), lengthKey, domain, c);
      if (++size * 2 > keys.length) {
        grow();
      }
      return c;
    }

    private static int hash(String domain, byte[] key, int keyEnd, long lengthKey) {
      long h =
          XXH64.hashUnsafeBytes(key, Platform.BYTE_ARRAY_OFFSET, keyEnd, lengthKey)
              ^ domain.hashCode();
      return (int) (h ^ (h >>> 32));
    }

    private void put(int slot, byte[] key, long lengthKey, String domain, UpdateCell cell) {
      keys[slot] = key;
      lengths[slot] = lengthKey;
      domains[slot] = domain;
      cells[slot] = cell;
    }

    private static String string(byte[] b, int at, int len) {
      return new String(b, at, len, StandardCharsets.US_ASCII);
    }

    private void grow() {
      byte[][] oldKeys = keys;
      long[] oldLengths = lengths;
      String[] oldDomains = domains;
      UpdateCell[] oldCells = cells;
      keys = new byte[oldKeys.length * 2][];
      lengths = new long[keys.length];
      domains = new String[keys.length];
      cells = new UpdateCell[keys.length];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != null) {
          int slot = hash(oldDomains[i], oldKeys[i], oldKeys[i].length, oldLengths[i]) & mask;
          while (keys[slot] != null) {
            slot = (slot + 1) & mask;
          }
          put(slot, oldKeys[i], oldLengths[i], oldDomains[i], oldCells[i]);
        }
      }
    }
  }
}
