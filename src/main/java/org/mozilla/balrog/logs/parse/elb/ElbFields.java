package org.mozilla.balrog.logs.parse.elb;

import java.time.Instant;
import org.mozilla.balrog.logs.parse.RejectReason;

/**
 * One line split into fields, plus typed accessors that record the first failure instead of
 * throwing. Built per call (cheap: three small arrays), so the parser stays stateless. Not
 * thread-safe; never shared.
 *
 * <p>Splitting rules (docs/formats.md#classic-elb-entries): fields are separated by single spaces
 * outside double quotes. A quoted field ends at a {@code "} followed by a space or the end of the
 * line, so a stray quote inside a URL or user agent does not end it early; {@code \"} never ends it
 * either. Quoted content is kept exactly as written (no unescaping).
 */
final class ElbFields {
  /**
   * ALB documents 30 fields; a few spare slots, anything further is ignored (AWS only ever
   * appends).
   */
  static final int MAX_FIELDS = 34;

  private static final Integer[] SMALL_INTS = new Integer[1000];

  static {
    for (int i = 0; i < SMALL_INTS.length; i++) {
      SMALL_INTS[i] = i;
    }
  }

  final String line;
  private final int[] start = new int[MAX_FIELDS];
  private final int[] end = new int[MAX_FIELDS];
  private final boolean[] quoted = new boolean[MAX_FIELDS];
  int count;

  /** The first failure seen by an accessor; null while everything parsed. */
  RejectReason error;

  private ElbFields(String line) {
    this.line = line;
  }

  /**
   * Splits {@code line[from, to)} (already trimmed, non-empty). Returns null if a quoted field is
   * not closed within the fields we read.
   */
  static ElbFields split(String line, int from, int to) {
    ElbFields f = new ElbFields(line);
    int i = from;
    while (f.count < MAX_FIELDS) {
      int fieldEnd;
      if (i < to && line.charAt(i) == '"') {
        fieldEnd = closingQuote(line, i + 1, to);
        if (fieldEnd < 0) {
          return null;
        }
        f.add(i + 1, fieldEnd, true);
        fieldEnd++; // past the quote: now at a space or at the end
      } else {
        fieldEnd = line.indexOf(' ', i);
        if (fieldEnd < 0 || fieldEnd > to) {
          fieldEnd = to;
        }
        f.add(i, fieldEnd, false);
      }
      if (fieldEnd >= to) {
        break;
      }
      i = fieldEnd + 1;
    }
    return f;
  }

  /** Index of the quote closing a field whose content starts at {@code i}, or -1. */
  private static int closingQuote(String line, int i, int to) {
    while (i < to) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < to && line.charAt(i + 1) == '"') {
        i += 2;
      } else if (c == '"' && (i + 1 == to || line.charAt(i + 1) == ' ')) {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }

  private void add(int s, int e, boolean q) {
    start[count] = s;
    end[count] = e;
    quoted[count] = q;
    count++;
  }

  void fail(RejectReason reason) {
    if (error == null) {
      error = reason;
    }
  }

  boolean has(int i) {
    return i < count;
  }

  boolean isQuoted(int i) {
    return quoted[i];
  }

  int start(int i) {
    return start[i];
  }

  int end(int i) {
    return end[i];
  }

  boolean isDash(int i) {
    return end[i] - start[i] == 1 && line.charAt(start[i]) == '-';
  }

  boolean equalsText(int i, String s) {
    return end[i] - start[i] == s.length() && line.startsWith(s, start[i]);
  }

  String text(int i) {
    return line.substring(start[i], end[i]);
  }

  /** The field's text, or null when the field is absent, {@code -} or empty. */
  String textOrNull(int i) {
    if (i >= count || isDash(i) || start[i] == end[i]) {
      return null;
    }
    return text(i);
  }

  Instant instant(int i) {
    Instant t = IsoInstants.parse(line, start[i], end[i]);
    if (t == null) {
      fail(RejectReason.BAD_TIMESTAMP);
    }
    return t;
  }

  /** ALB-only optional timestamp: null when absent or {@code -}. */
  Instant instantOrNull(int i) {
    return i >= count || isDash(i) ? null : instant(i);
  }

  /** A processing time in seconds; {@code -} is read like {@code -1} (not dispatched). */
  double seconds(int i) {
    if (isDash(i)) {
      return -1.0;
    }
    double v = Numbers.parseDecimal(line, start[i], end[i]);
    if (Double.isNaN(v)) {
      fail(RejectReason.BAD_NUMBER);
    }
    return v;
  }

  /** An HTTP status: null for {@code -} (TCP listener, no backend response) or an empty field. */
  Integer status(int i) {
    if (isDash(i) || start[i] == end[i]) {
      return null;
    }
    long v = Numbers.parseUnsigned(line, start[i], end[i], 9);
    if (v < 0) {
      fail(RejectReason.BAD_NUMBER);
      return null;
    }
    return boxed((int) v);
  }

  /** A byte count; {@code -} (not documented, but tolerated by the Athena regex) is read as 0. */
  long bytes(int i) {
    if (isDash(i)) {
      return 0L;
    }
    long v = Numbers.parseUnsigned(line, start[i], end[i], 18);
    if (v < 0) {
      fail(RejectReason.BAD_NUMBER);
      return 0L;
    }
    return v;
  }

  static Integer boxed(int v) {
    return v < SMALL_INTS.length ? SMALL_INTS[v] : Integer.valueOf(v);
  }
}
