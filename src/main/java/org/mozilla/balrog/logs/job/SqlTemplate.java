package org.mozilla.balrog.logs.job;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.UpperCaseCharStream;

/**
 * Redash-style {@code {{ name }}} parameters, each rendered as exactly one Spark SQL literal. The
 * template is split into tokens by Spark's own lexer (the one {@code spark.sql} uses, so strings,
 * raw strings, comments, nested comments, hints and quoted names are seen exactly as Spark sees
 * them), and each placeholder is rendered by its context:
 *
 * <ul>
 *   <li>inside a single-quoted string ({@code '{{ channel }}'}, {@code DATE '{{ day }}'}: the usual
 *       Redash style): the value is escaped for Spark's backslash rules ({@code \\} and {@code \'};
 *       newline, tab and CR as {@code \n}, {@code \t}, {@code \r}; other control and line-separator
 *       characters and {@code $} as {@code \}{@code uXXXX}), so the string literal stays one
 *       literal holding exactly the value;
 *   <li>bare, in code ({@code LIMIT {{ n }}}, {@code 5-{{ n }}}): the value becomes one typed
 *       literal, a number in parentheses ({@code (-100)}), a date as {@code DATE '2026-11-01'},
 *       anything else a string literal escaped as above; it is set apart by a space from a
 *       neighbouring letter, digit, underscore or quote, so it cannot join a neighbouring token (no
 *       {@code r'…'}, {@code X'…'} or {@code --});
 *   <li>inside a raw string ({@code r'…'}, {@code R"…"}), a double-quoted string or identifier, a
 *       backquoted name, a comment ({@code --}, {@code /* *}{@code /}, nested ones included) or a
 *       hint ({@code /*+ … *}{@code /}): refused, since no escaping keeps a value literal there;
 *   <li>anywhere in the argument of {@code IDENTIFIER(...)}, quoted or bare: refused, since there a
 *       string names a table or column and a value would choose what the query reads.
 * </ul>
 *
 * <p>The type of a bare value: the one declared in the query's header ({@code -- parameter: NAME
 * TYPE DEFAULT}, the leading comment lines; TYPE is {@code number}, {@code date}, {@code text}, or
 * {@code daterange}, which declares the dates {@code NAME.start} and {@code NAME.end}; the Redash
 * dropdowns {@code NAME enum DEFAULT A,B,C} and {@code NAME query DEFAULT VALUES_QUERY} declare
 * text, their options being Redash's to enforce); an undeclared value by its shape: an optionally
 * negative decimal number of at most 18+18 digits without leading zeros is a number, {@code
 * YYYY-MM-DD} is a date (and must be a real one), anything else is text. A declared number or date
 * must have that shape in every context, quoted ones included.
 *
 * <p>After rendering, the SQL is lexed again and must give the template's tokens with each bare
 * placeholder replaced by its literal's tokens, so no value can change how the rest of the SQL
 * reads. The rendered SQL relies on Spark's variable substitution being off and on backslash
 * escapes being on: {@link SparkSessions} sets both.
 *
 * <p>Every refusal is an {@link IllegalArgumentException} (exit code 2) with a one-line message,
 * before Spark starts: a parameter in a refused context, used but not given, given but not used, a
 * value that does not fit its type, or one with an unpaired surrogate (Spark strings are UTF-8 and
 * could not hold it). Immutable; the constructor lexes and checks the template.
 */
public final class SqlTemplate {
  /** What a value stands for. */
  enum Type {
    TEXT,
    NUMBER,
    DATE
  }

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]{0,17})(?:\\.[0-9]{1,18})?");
  private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern HEADER_PARAMETER = Pattern.compile("--\\s*parameter:\\s*(.*)");
  private static final Pattern DECLARATION =
      Pattern.compile(
          "([A-Za-z_][A-Za-z0-9_]*)\\s+(?:(date|daterange|text|number)(?:\\s+\\S+)?"
              + "|(enum|query)\\s+\\S+\\s+\\S+)");
  private static final char MASK = '\u0000';

  private enum Context {
    CODE(null),
    STRING(null),
    RAW_STRING("a raw string (r'...')"),
    DOUBLE_QUOTED("a double-quoted string or identifier"),
    BACKQUOTED("a backquoted identifier"),
    COMMENT("a comment"),
    HINT("a hint (/*+ ... */)"),
    IDENTIFIER_CLAUSE("IDENTIFIER(...), which turns a string into a table or column name");

    final String refusal;

    Context(String refusal) {
      this.refusal = refusal;
    }
  }

  /** One of Spark's tokens, with its place in the Java string (the lexer counts code points). */
  private record Lexeme(int type, String text, int start) {}

  private record Placeholder(String name, int start, int end, Context context) {}

  private final String sql;
  private final List<Lexeme> lexemes;
  private final List<Placeholder> placeholders;
  private final Map<String, Type> declared;

  public SqlTemplate(String sql) {
    this.sql = sql;
    this.lexemes = lex(sql);
    this.declared = declaredTypes(sql);
    this.placeholders = findPlaceholders();
  }

  /** Names of the parameters the SQL uses, in order of first use. */
  public Set<String> parameters() {
    Set<String> names = new LinkedHashSet<>();
    placeholders.forEach(p -> names.add(p.name()));
    return names;
  }

  /** The SQL with every placeholder replaced by its literal. */
  public String render(Map<String, String> values) {
    Set<String> used = parameters();
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(values.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "missing query parameter(s): "
              + String.join(", ", missing)
              + " (give each with -p name=value)");
    }
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(used);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown query parameter(s): "
              + String.join(", ", unknown)
              + (used.isEmpty()
                  ? " (the query takes none)"
                  : " (the query takes: " + String.join(", ", used) + ")"));
    }
    StringBuilder out = new StringBuilder(sql.length() + 64);
    List<String> bareLiterals = new ArrayList<>();
    int at = 0;
    for (Placeholder p : placeholders) {
      out.append(sql, at, p.start());
      String value = values.get(p.name());
      Type type = type(p.name(), value, p.context() == Context.CODE);
      if (p.context() == Context.STRING) {
        out.append(escapeInString(value));
      } else {
        String literal = literal(value, type);
        bareLiterals.add(literal);
        boolean before = p.start() > 0 && joins(sql.charAt(p.start() - 1));
        boolean after = p.end() < sql.length() && joins(sql.charAt(p.end()));
        out.append(before ? " " : "").append(literal).append(after ? " " : "");
      }
      at = p.end();
    }
    out.append(sql, at, sql.length());
    String rendered = out.toString();
    checkTokens(rendered, bareLiterals);
    return rendered;
  }

  /** A bare value typed by its shape (no declaration). */
  static String literal(String value) {
    return literal(value, shape(value));
  }

  private static String literal(String value, Type type) {
    return switch (type) {
      case NUMBER -> "(" + value + ")";
      case DATE -> "DATE '" + value + "'";
      case TEXT -> "'" + escapeInString(value) + "'";
    };
  }

  /** Escapes a value for the inside of a Spark SQL single-quoted literal (backslash escapes on). */
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
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            sb.append(c).append(value.charAt(++i));
          } else if (c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || c == '\u2028'
              || c == '\u2029'
              || Character.isSurrogate(c)
              || c == '$') {
            // \0 is not used: Spark reads \0 followed by two octal digits as one octal escape. $ is
            // escaped so that
            // the value never forms ${...}, even where variable substitution is turned back on.
            sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /**
   * The value's type, checked against the declared one; undeclared, its shape decides for a bare
   * value.
   */
  private Type type(String name, String value, boolean bare) {
    if (value
        .codePoints()
        .anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      // Spark holds strings as UTF-8, which has no unpaired surrogates: the value could not come
      // back as given
      throw new IllegalArgumentException(
          "query parameter " + name + " is not valid text (an unpaired surrogate)");
    }
    Type declaredType = declared.get(name);
    if (declaredType == null) {
      Type shape = bare ? shape(value) : Type.TEXT;
      if (shape == Type.DATE && !isDate(value)) {
        throw new IllegalArgumentException(
            "query parameter "
                + name
                + " looks like a date but "
                + shown(value)
                + " is not a real YYYY-MM-DD date");
      }
      return shape;
    }
    boolean fits =
        switch (declaredType) {
          case NUMBER -> NUMBER.matcher(value).matches();
          case DATE -> isDate(value);
          case TEXT -> true;
        };
    if (!fits) {
      throw new IllegalArgumentException(
          "query parameter "
              + name
              + " is declared "
              + declaredType.name().toLowerCase(Locale.ROOT)
              + " but "
              + shown(value)
              + " is not "
              + (declaredType == Type.DATE ? "a YYYY-MM-DD date" : "a decimal number"));
    }
    return declaredType;
  }

  private static Type shape(String value) {
    if (NUMBER.matcher(value).matches()) {
      return Type.NUMBER;
    }
    return DATE_SHAPE.matcher(value).matches() ? Type.DATE : Type.TEXT;
  }

  private static boolean isDate(String value) {
    if (!DATE_SHAPE.matcher(value).matches()) {
      return false;
    }
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A value quoted for a one-line message: control characters escaped, long values cut. */
  private static String shown(String value) {
    String v = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "'" + escapeInString(v) + "'";
  }

  /** Whether a bare literal next to this character must be set apart from it. */
  private static boolean joins(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '\'' || c == '"' || c == '`';
  }

  private static Map<String, Type> declaredTypes(String sql) {
    Map<String, Type> types = new LinkedHashMap<>();
    for (String line : sql.lines().toList()) {
      if (!line.startsWith("--")) {
        break; // the header is the leading comment lines
      }
      Matcher h = HEADER_PARAMETER.matcher(line.strip());
      if (!h.matches()) {
        continue;
      }
      Matcher d = DECLARATION.matcher(h.group(1).strip());
      if (!d.matches()) {
        throw new IllegalArgumentException(
            "bad parameter line in the query header (want -- parameter: NAME"
                + " date|daterange|text|number DEFAULT, NAME enum DEFAULT A,B,C or NAME query"
                + " DEFAULT VALUES_QUERY): "
                + line.strip());
      }
      String name = d.group(1);
      switch (d.group(2) == null ? "text" : d.group(2)) { // enum and query: a text value
        case "daterange" -> {
          types.put(name + ".start", Type.DATE);
          types.put(name + ".end", Type.DATE);
        }
        case "date" -> types.put(name, Type.DATE);
        case "number" -> types.put(name, Type.NUMBER);
        default -> types.put(name, Type.TEXT);
      }
    }
    return types;
  }

  private static List<Lexeme> lex(String sql) {
    SqlBaseLexer lexer = new SqlBaseLexer(new UpperCaseCharStream(CharStreams.fromString(sql)));
    lexer.removeErrorListeners();
    List<Lexeme> out = new ArrayList<>();
    int at = 0;
    for (Token t : lexer.getAllTokens()) {
      String text = t.getText();
      out.add(new Lexeme(t.getType(), text, at));
      at += text.length();
    }
    if (at != sql.length()) {
      throw new IllegalStateException("Spark's lexer did not cover the whole SQL text");
    }
    return out;
  }

  private List<Placeholder> findPlaceholders() {
    List<Placeholder> found = new ArrayList<>();
    // the code alone, everything else masked, so a bare placeholder cannot reach into a string or
    // comment
    char[] code = sql.toCharArray();
    List<int[]> hints = new ArrayList<>();
    int hintStart = -1;
    List<int[]> identifierClauses = identifierClauses();
    for (Lexeme t : lexemes) {
      Context ctx = context(t);
      if (t.type() == SqlBaseLexer.UNRECOGNIZED && "'\"`".contains(t.text())) {
        throw new IllegalArgumentException(
            "unterminated "
                + t.text()
                + " at line "
                + line(t.start())
                + " of the query; parameters need every quote"
                + " closed");
      }
      if (t.type() == SqlBaseLexer.HENT_START) {
        hintStart = t.start();
      } else if (t.type() == SqlBaseLexer.HENT_END && hintStart >= 0) {
        hints.add(new int[] {hintStart, t.start() + t.text().length()});
        hintStart = -1;
      }
      if (ctx == Context.CODE) {
        continue;
      }
      Arrays.fill(code, t.start(), t.start() + t.text().length(), MASK);
      if (ctx == Context.STRING) {
        findInString(t, found);
      } else {
        Matcher m = PLACEHOLDER.matcher(t.text());
        if (m.find()) {
          throw refused(m.group(1), ctx, t.start() + m.start());
        }
      }
    }
    if (hintStart >= 0) {
      hints.add(new int[] {hintStart, sql.length()});
    }
    Matcher m = PLACEHOLDER.matcher(new String(code));
    while (m.find()) {
      for (int[] h : hints) {
        if (m.start() >= h[0] && m.start() < h[1]) {
          throw refused(m.group(1), Context.HINT, m.start());
        }
      }
      found.add(new Placeholder(m.group(1), m.start(), m.end(), Context.CODE));
    }
    for (Placeholder p : found) {
      for (int[] c : identifierClauses) {
        if (p.start() >= c[0] && p.start() < c[1]) {
          throw refused(p.name(), Context.IDENTIFIER_CLAUSE, p.start());
        }
      }
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return List.copyOf(found);
  }

  /**
   * The spans of {@code IDENTIFIER(...)} clauses: the keyword, then (past spaces and comments) its
   * parenthesised argument up to the matching parenthesis, or to the end of the SQL when it is
   * never closed.
   */
  private List<int[]> identifierClauses() {
    List<int[]> spans = new ArrayList<>();
    for (int i = 0; i < lexemes.size(); i++) {
      if (lexemes.get(i).type() != SqlBaseLexer.IDENTIFIER_KW) {
        continue;
      }
      int j = i + 1;
      while (j < lexemes.size() && context(lexemes.get(j)) == Context.COMMENT
          || j < lexemes.size() && lexemes.get(j).type() == SqlBaseLexer.WS) {
        j++;
      }
      if (j == lexemes.size() || lexemes.get(j).type() != SqlBaseLexer.LEFT_PAREN) {
        continue;
      }
      int depth = 0;
      int end = sql.length();
      for (int k = j; k < lexemes.size(); k++) {
        int type = lexemes.get(k).type();
        depth += type == SqlBaseLexer.LEFT_PAREN ? 1 : type == SqlBaseLexer.RIGHT_PAREN ? -1 : 0;
        if (depth == 0) {
          end = lexemes.get(k).start() + 1;
          break;
        }
      }
      spans.add(new int[] {lexemes.get(i).start(), end});
    }
    return spans;
  }

  /**
   * Placeholders inside a single-quoted string: only where a brace is not escaped by a backslash.
   */
  private void findInString(Lexeme t, List<Placeholder> found) {
    String text = t.text();
    Matcher m = PLACEHOLDER.matcher(text);
    int i = 1;
    while (i < text.length() - 1) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '{' && m.region(i, text.length() - 1).lookingAt()) {
        found.add(new Placeholder(m.group(1), t.start() + i, t.start() + m.end(), Context.STRING));
        i = m.end();
      } else {
        i++;
      }
    }
  }

  private static Context context(Lexeme t) {
    return switch (t.type()) {
      case SqlBaseLexer.STRING_LITERAL ->
          t.text().charAt(0) == '\'' ? Context.STRING : Context.RAW_STRING;
      case SqlBaseLexer.DOUBLEQUOTED_STRING -> Context.DOUBLE_QUOTED;
      case SqlBaseLexer.BACKQUOTED_IDENTIFIER -> Context.BACKQUOTED;
      case SqlBaseLexer.SIMPLE_COMMENT, SqlBaseLexer.BRACKETED_COMMENT -> Context.COMMENT;
      default -> Context.CODE;
    };
  }

  private IllegalArgumentException refused(String name, Context ctx, int offset) {
    return new IllegalArgumentException(
        "query parameter {{ "
            + name
            + " }} is inside "
            + ctx.refusal
            + " at line "
            + line(offset)
            + "; a parameter may stand only for a value: bare, or inside a '...' string");
  }

  private int line(int offset) {
    int n = 1;
    for (int i = 0; i < offset; i++) {
      if (sql.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  /**
   * The rendered SQL must read as the template with each bare placeholder replaced by its literal's
   * tokens.
   */
  private void checkTokens(String rendered, List<String> bareLiterals) {
    List<Integer> expected = new ArrayList<>();
    int next = 0; // index of the next bare placeholder
    List<Placeholder> bare =
        placeholders.stream().filter(p -> p.context() == Context.CODE).toList();
    for (Lexeme t : lexemes) {
      while (next < bare.size() && bare.get(next).end() <= t.start()) {
        next++;
      }
      if (next < bare.size() && t.start() >= bare.get(next).start()) {
        if (t.start() == bare.get(next).start()) {
          significant(lex(bareLiterals.get(next)), expected);
        }
        continue;
      }
      significant(List.of(t), expected);
    }
    List<Integer> actual = new ArrayList<>();
    significant(lex(rendered), actual);
    if (!actual.equals(expected)) {
      throw new IllegalArgumentException(
          "the query's parameters do not each stay one literal once rendered; check the quotes and"
              + " comments around its {{ }} placeholders");
    }
  }

  /**
   * The first token of {@code sql} that is neither white space nor a comment, lower case ("" when
   * there is none): the statement's keyword, or "(" for a parenthesised query.
   */
  static String firstToken(String sql) {
    for (Lexeme t : lex(sql)) {
      int type = t.type();
      if (type != SqlBaseLexer.WS
          && type != SqlBaseLexer.SIMPLE_COMMENT
          && type != SqlBaseLexer.BRACKETED_COMMENT) {
        return t.text().toLowerCase(Locale.ROOT);
      }
    }
    return "";
  }

  private static void significant(List<Lexeme> tokens, List<Integer> into) {
    for (Lexeme t : tokens) {
      if (t.type() != SqlBaseLexer.WS) {
        into.add(t.type());
      }
    }
  }
}
