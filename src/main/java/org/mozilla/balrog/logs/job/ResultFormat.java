package org.mozilla.balrog.logs.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes query results as an aligned text table, RFC 4180 CSV, or JSON Lines (one object per row).
 * Values: timestamps ISO-8601 UTC, dates ISO, binary as base64, nested lists and maps as JSON in
 * CSV/table cells.
 */
public enum ResultFormat {
  TABLE,
  CSV,
  JSON;

  private static final java.util.regex.Pattern NUMERIC =
      java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  public static ResultFormat parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown format '" + s + "' (use table, csv or json)");
    }
  }

  /**
   * Writes {@code rows} (each a list of column values, already converted to plain Java values).
   *
   * @param maxRows for {@link #TABLE}: rows shown; further rows are counted and reported. Ignored
   *     otherwise.
   * @return rows written
   */
  public long write(List<String> columns, Iterator<List<Object>> rows, Writer out, int maxRows) {
    try {
      return switch (this) {
        case TABLE -> writeTable(columns, rows, out, maxRows);
        case CSV -> writeCsv(columns, rows, out);
        case JSON -> writeJson(columns, rows, out);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long writeTable(
      List<String> columns, Iterator<List<Object>> rows, Writer out, int maxRows)
      throws IOException {
    List<String[]> cells = new ArrayList<>();
    int[] width = new int[columns.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = columns.get(i).length();
    }
    long total = 0;
    while (rows.hasNext()) {
      List<Object> r = rows.next();
      total++;
      if (cells.size() < maxRows) {
        String[] c = new String[r.size()];
        for (int i = 0; i < c.length; i++) {
          c[i] = text(r.get(i), "NULL").replace('\n', ' ');
          if (c[i].length() > 120) {
            c[i] = c[i].substring(0, 119) + "…";
          }
          width[i] = Math.max(width[i], c[i].length());
        }
        cells.add(c);
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int w : width) {
      sep.append("-".repeat(w + 2)).append('+');
    }
    out.write(sep + "\n");
    out.write(line(columns.toArray(new String[0]), width, null));
    out.write(sep + "\n");
    for (String[] c : cells) {
      out.write(line(c, width, c));
    }
    out.write(sep + "\n");
    out.write(
        total > cells.size()
            ? String.format(
                Locale.ROOT,
                "%d rows (%d shown; use --format csv or --out for all)%n",
                total,
                cells.size())
            : String.format(Locale.ROOT, "%d row%s%n", total, total == 1 ? "" : "s"));
    return total;
  }

  private static String line(String[] c, int[] width, String[] values) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < width.length; i++) {
      String v = i < c.length ? c[i] : "";
      boolean right = values != null && looksNumeric(v);
      sb.append(' ');
      if (right) {
        sb.append(" ".repeat(width[i] - v.length())).append(v);
      } else {
        sb.append(v).append(" ".repeat(width[i] - v.length()));
      }
      sb.append(" |");
    }
    return sb.append('\n').toString();
  }

  private static boolean looksNumeric(String v) {
    return NUMERIC.matcher(v).matches();
  }

  private static long writeCsv(List<String> columns, Iterator<List<Object>> rows, Writer out)
      throws IOException {
    out.write(csvLine(new ArrayList<>(columns)));
    long n = 0;
    while (rows.hasNext()) {
      out.write(csvLine(rows.next()));
      n++;
    }
    return n;
  }

  private static String csvLine(List<?> values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = text(values.get(i), "");
      if (v.indexOf(',') >= 0
          || v.indexOf('"') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    return sb.append("\r\n").toString();
  }

  private static long writeJson(List<String> columns, Iterator<List<Object>> rows, Writer out)
      throws IOException {
    JsonFactory f = new JsonFactory();
    long n = 0;
    while (rows.hasNext()) {
      List<Object> r = rows.next();
      JsonGenerator g = f.createGenerator(out);
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.writeStartObject();
      for (int i = 0; i < columns.size(); i++) {
        g.writeFieldName(columns.get(i));
        json(g, r.get(i));
      }
      g.writeEndObject();
      g.flush();
      out.write('\n');
      n++;
    }
    return n;
  }

  private static void json(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeString(d.toString());
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof Float fl) {
      g.writeNumber(fl);
    } else if (v instanceof BigDecimal bd) {
      g.writeNumber(bd);
    } else if (v instanceof Collection<?> c) {
      g.writeStartArray();
      for (Object o : c) {
        json(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        json(g, e.getValue());
      }
      g.writeEndObject();
    } else {
      g.writeString(text(v, null));
    }
  }

  /** A value as text: ISO times, base64 bytes, JSON for nested values. */
  static String text(Object v, String nullText) {
    if (v == null) {
      return nullText;
    }
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    if (v instanceof Instant || v instanceof LocalDate) {
      return v.toString();
    }
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15
          ? String.format(Locale.ROOT, "%.1f", d)
          : d.toString();
    }
    if (v instanceof Collection<?> || v instanceof Map<?, ?>) {
      try {
        java.io.StringWriter sw = new java.io.StringWriter();
        JsonGenerator g = new JsonFactory().createGenerator(sw);
        json(g, v);
        g.close();
        return sw.toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return v.toString();
  }
}
