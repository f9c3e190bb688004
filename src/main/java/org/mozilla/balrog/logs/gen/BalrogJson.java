package org.mozilla.balrog.logs.gen;

import java.util.List;

/**
 * Balrog's JsonLogFormatter lines (docs/formats.md#balrog-json-lines), written in Python {@code
 * json.dumps} style.
 */
final class BalrogJson {
  private BalrogJson() {}

  /**
   * @param fields key/value pairs in order; values are strings (null becomes JSON null)
   */
  static String line(
      long micros, String type, String hostname, int severity, int pid, String... fields) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"Timestamp\": ").append(micros).append("000, \"Type\": ");
    str(sb, type);
    sb.append(", \"Logger\": \"Balrog\", \"Hostname\": ");
    str(sb, hostname);
    sb.append(", \"EnvVersion\": \"2.0\", \"Severity\": ")
        .append(severity)
        .append(", \"Pid\": ")
        .append(pid);
    sb.append(", \"Fields\": {");
    for (int i = 0; i + 1 < fields.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      str(sb, fields[i]);
      sb.append(": ");
      str(sb, fields[i + 1]);
    }
    sb.append("}}");
    return sb.toString();
  }

  /**
   * {@code safer_format_traceback}: "Uncaught exception:\n" + frames + repr(type) + repr(value).
   */
  static String traceback(List<String[]> frames, String exceptionClass, String repr) {
    StringBuilder sb = new StringBuilder("Uncaught exception:\n");
    for (String[] f : frames) {
      sb.append("  File \"")
          .append(f[0])
          .append("\", line ")
          .append(f[1])
          .append(", in ")
          .append(f[2])
          .append('\n');
      sb.append("    ").append(f[3]).append('\n');
    }
    sb.append("<class '").append(exceptionClass).append("'>\n").append(repr).append('\n');
    return sb.toString();
  }

  /** Python's stderr traceback, one list element per physical line. */
  static List<String> stderrTraceback(
      List<String[]> frames, String exceptionClass, String message) {
    java.util.ArrayList<String> l = new java.util.ArrayList<>();
    l.add("Traceback (most recent call last):");
    for (String[] f : frames) {
      l.add("  File \"" + f[0] + "\", line " + f[1] + ", in " + f[2]);
      l.add("    " + f[3]);
    }
    l.add(exceptionClass + ": " + message);
    return l;
  }

  static void str(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
