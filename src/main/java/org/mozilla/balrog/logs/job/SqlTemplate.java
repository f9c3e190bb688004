package org.mozilla.balrog.logs.job;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redash-style {@code {{ name }}} parameters, substituted safely. The SQL is lexed so each placeholder's context is
 * known:
 *
 * <ul>
 *   <li>inside a single-quoted string literal ({@code '{{ channel }}'}, the usual Redash style): the value is escaped
 *       for a Spark SQL string literal (backslash and quote escaped), so it can never end the literal;
 *   <li>bare ({@code LIMIT {{ n }}}): a value that is a plain decimal number is inserted as a number; anything else
 *       becomes a quoted, escaped string literal; so a value is always exactly one literal token;
 *   <li>inside comments: left as it is, and not required;
 *   <li>inside double-quoted or back-quoted identifiers: refused (an identifier cannot be parameterised safely).
 * </ul>
 *
 * A parameter used but not given, or given but not used, is an error ({@link IllegalArgumentException}, exit code 2).
 */
public final class SqlTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");
  private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]{0,17})(?:\\.[0-9]{1,18})?");

  private final String sql;

  public SqlTemplate(String sql) {
    this.sql = sql;
  }

  /** Names of the parameters the SQL uses outside comments, in order of first use. */
  public Set<String> parameters() {
    Set<String> names = new LinkedHashSet<>();
    scan(null, names);
    return names;
  }

  /** The SQL with every placeholder replaced. */
  public String render(Map<String, String> values) {
    Set<String> used = parameters();
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(values.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "missing query parameter(s): " + String.join(", ", missing) + " (give each with -p name=value)");
    }
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(used);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown query parameter(s): "
              + String.join(", ", unknown)
              + (used.isEmpty() ? " (the query takes none)" : " (the query takes: " + String.join(", ", used) + ")"));
    }
    StringBuilder out = new StringBuilder(sql.length() + 64);
    scan(new Renderer(values, out), null);
    return out.toString();
  }

  private enum Ctx {
    CODE,
    STRING,
    QUOTED_ID,
    BACKTICK_ID,
    LINE_COMMENT,
    BLOCK_COMMENT
  }

  private record Renderer(Map<String, String> values, StringBuilder out) {}

  /** Walks the SQL once; collects names into {@code names} or renders into {@code r.out}. */
  private void scan(Renderer r, Set<String> names) {
    Ctx ctx = Ctx.CODE;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '{' && i + 1 < n && sql.charAt(i + 1) == '{') {
        Matcher m = PLACEHOLDER.matcher(sql).region(i, n);
        if (m.lookingAt()) {
          String name = m.group(1);
          switch (ctx) {
            case LINE_COMMENT, BLOCK_COMMENT -> {
              if (r != null) {
                r.out.append(m.group());
              }
            }
            case QUOTED_ID, BACKTICK_ID ->
                throw new IllegalArgumentException(
                    "parameter {{ " + name + " }} is inside a quoted identifier; parameters may only stand for values");
            case STRING -> {
              if (names != null) {
                names.add(name);
              } else {
                r.out.append(escapeInString(r.values.get(name)));
              }
            }
            case CODE -> {
              if (names != null) {
                names.add(name);
              } else {
                r.out.append(literal(r.values.get(name)));
              }
            }
          }
          i = m.end();
          continue;
        }
      }
      if (r != null) {
        r.out.append(c);
      }
      switch (ctx) {
        case CODE -> {
          if (c == '\'') {
            ctx = Ctx.STRING;
          } else if (c == '"') {
            ctx = Ctx.QUOTED_ID;
          } else if (c == '`') {
            ctx = Ctx.BACKTICK_ID;
          } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            ctx = Ctx.LINE_COMMENT;
          } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            ctx = Ctx.BLOCK_COMMENT;
            if (r != null) {
              r.out.append('*');
            }
            i++;
          }
        }
        case STRING -> {
          if (c == '\\' && i + 1 < n) {
            if (r != null) {
              r.out.append(sql.charAt(i + 1));
            }
            i++;
          } else if (c == '\'') {
            ctx = Ctx.CODE; // '' inside a literal is two adjacent literals to the lexer: same result
          }
        }
        case QUOTED_ID -> {
          if (c == '"') {
            ctx = Ctx.CODE;
          }
        }
        case BACKTICK_ID -> {
          if (c == '`') {
            ctx = Ctx.CODE;
          }
        }
        case LINE_COMMENT -> {
          if (c == '\n') {
            ctx = Ctx.CODE;
          }
        }
        case BLOCK_COMMENT -> {
          if (c == '*' && i + 1 < n && sql.charAt(i + 1) == '/') {
            if (r != null) {
              r.out.append('/');
            }
            i++;
            ctx = Ctx.CODE;
          }
        }
      }
      i++;
    }
  }

  /** A bare value: a number stays a number, anything else becomes a string literal. */
  static String literal(String value) {
    if (NUMBER.matcher(value).matches()) {
      return new BigDecimal(value).toPlainString();
    }
    return "'" + escapeInString(value) + "'";
  }

  /** Escapes a value for the inside of a Spark SQL single-quoted literal. */
  static String escapeInString(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\0' -> sb.append("\\0");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
