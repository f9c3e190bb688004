package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTemplateTest {
  @Test
  void substitutesQuotedAndBareParameters() {
    SqlTemplate t =
        new SqlTemplate(
            "SELECT * FROM t WHERE channel = '{{ channel }}' AND n > {{n}} AND d = {{ day }} LIMIT"
                + " {{ limit }}");
    assertThat(t.parameters()).containsExactly("channel", "n", "day", "limit");
    assertThat(
            t.render(Map.of("channel", "release", "n", "-2.5", "day", "2026-11-01", "limit", "10")))
        .isEqualTo(
            "SELECT * FROM t WHERE channel = 'release' AND n > (-2.5) AND d = DATE '2026-11-01'"
                + " LIMIT (10)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x' OR '1'='1",
        "x\\' OR 1=1 --",
        "'; DROP TABLE t; --",
        "\\",
        "a\nb' --",
        "release'/*",
      })
  void hostileValuesStayInsideTheirLiteral(String hostile) {
    String quoted = new SqlTemplate("SELECT 1 WHERE c = '{{ v }}'").render(Map.of("v", hostile));
    String bare = new SqlTemplate("SELECT 1 WHERE c = {{ v }}").render(Map.of("v", hostile));
    for (String sql : new String[] {quoted, bare}) {
      String literal = sql.substring(sql.indexOf("= ") + 2);
      // the value is exactly one string literal: it starts and ends with a quote and no unescaped
      // quote is inside
      assertThat(literal).startsWith("'").endsWith("'");
      assertThat(unescapedQuotes(literal.substring(1, literal.length() - 1))).isZero();
      assertThat(unescape(literal.substring(1, literal.length() - 1))).isEqualTo(hostile);
    }
  }

  @Test
  void bareNumbersOnlyWhenTheyAreNumbers() {
    assertThat(SqlTemplate.literal("42")).isEqualTo("(42)");
    assertThat(SqlTemplate.literal("-100")).isEqualTo("(-100)");
    assertThat(SqlTemplate.literal("1e9")).isEqualTo("'1e9'");
    assertThat(SqlTemplate.literal("1 OR 1=1")).isEqualTo("'1 OR 1=1'");
    assertThat(SqlTemplate.literal("0x10")).isEqualTo("'0x10'");
  }

  @Test
  void missingAndUnknownParametersAreErrors() {
    SqlTemplate t = new SqlTemplate("SELECT '{{ a }}', {{ b }}");
    assertThatThrownBy(() -> t.render(Map.of("a", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing query parameter(s): b");
    assertThatThrownBy(() -> t.render(Map.of("a", "1", "b", "2", "c", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown query parameter(s): c");
  }

  @Test
  void placeholdersInCommentsAreRefused() {
    assertThatThrownBy(
            () -> new SqlTemplate("-- parameters: {{ channel }}\nSELECT '{{ channel }}'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "query parameter {{ channel }} is inside a comment at line 1; a parameter may stand"
                + " only for a value: bare, or inside a '...' string");
    assertThatThrownBy(() -> new SqlTemplate("SELECT 1 /* a /* nested */ {{ other }} */"))
        .hasMessageContaining("{{ other }} is inside a comment");
    // Spark continues a -- comment over a backslash-newline
    assertThatThrownBy(() -> new SqlTemplate("SELECT 1 -- note \\\n{{ other }}"))
        .hasMessageContaining("{{ other }} is inside a comment at line 2");
    assertThatThrownBy(() -> new SqlTemplate("SELECT /*+ REPARTITION({{ n }}) */ 1"))
        .hasMessageContaining("{{ n }} is inside a hint");
  }

  @Test
  void placeholdersInRawAndDoubleQuotedStringsAreRefused() {
    for (String sql :
        new String[] {
          "WHERE source = r'{{ s }}'", "WHERE source = R'{{ s }}'", "SELECT r\"{{ s }}\""
        }) {
      assertThatThrownBy(() -> new SqlTemplate(sql))
          .as(sql)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("{{ s }} is inside a raw string");
    }
    assertThatThrownBy(() -> new SqlTemplate("SELECT \"{{ s }}\""))
        .hasMessageContaining("{{ s }} is inside a double-quoted string or identifier");
  }

  @Test
  void placeholdersInsideIdentifierClausesAreRefused() {
    // IDENTIFIER('x') makes a table or column name of a string: a value there would choose what the
    // query reads
    for (String sql :
        new String[] {
          "SELECT * FROM IDENTIFIER('{{ t }}')",
          "SELECT * FROM identifier ( {{ t }} )",
          "SELECT * FROM IDENTIFIER /* c */ ('summary.' || '{{ t }}')",
          "SELECT IDENTIFIER(concat('a', '{{ t }}')) FROM ingest_audit"
        }) {
      assertThatThrownBy(() -> new SqlTemplate(sql))
          .as(sql)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("{{ t }} is inside IDENTIFIER(...)");
    }
    // after the clause's closing parenthesis a value is a value again
    assertThat(
            new SqlTemplate("SELECT * FROM IDENTIFIER('ingest_audit') WHERE source = '{{ t }}'")
                .render(Map.of("t", "aus5")))
        .isEqualTo("SELECT * FROM IDENTIFIER('ingest_audit') WHERE source = 'aus5'");
  }

  @Test
  void aNegativeNumberAfterAnOperatorStaysANumber() {
    assertThat(new SqlTemplate("SELECT 5-{{ n }} AS x").render(Map.of("n", "-100")))
        .isEqualTo("SELECT 5-(-100) AS x");
  }

  @Test
  void aBareLiteralDoesNotJoinItsNeighbours() {
    // r'...' would be a raw string, X'...' a binary literal, DATE'...' a typed one
    assertThat(new SqlTemplate("SELECT r{{ s }}, X{{ s }}, {{ s }}x").render(Map.of("s", "a\\'")))
        .isEqualTo("SELECT r 'a\\\\\\'', X 'a\\\\\\'', 'a\\\\\\'' x");
  }

  @Test
  void declaredTypesDecideTheLiteral() {
    String header =
        "-- title: t\n"
            + "-- parameter: n number 5\n"
            + "-- parameter: s text x\n"
            + "-- parameter: days daterange 2026-11-01..2026-11-02\n"
            + "-- parameter: day date 2026-11-01\n";
    SqlTemplate t =
        new SqlTemplate(
            header + "SELECT {{ n }}, {{ s }}, {{ days.start }}, '{{ days.end }}', {{ day }}");
    assertThat(
            t.render(
                Map.of(
                    "n",
                    "-3",
                    "s",
                    "42",
                    "days.start",
                    "2026-11-01",
                    "days.end",
                    "2026-11-02",
                    "day",
                    "2026-11-03")))
        .isEqualTo(
            header + "SELECT (-3), '42', DATE '2026-11-01', '2026-11-02', DATE '2026-11-03'");
    assertThatThrownBy(
            () ->
                t.render(
                    Map.of(
                        "n",
                        "ten",
                        "s",
                        "x",
                        "days.start",
                        "2026-11-01",
                        "days.end",
                        "2026-11-02",
                        "day",
                        "2026-11-03")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query parameter n is declared number but 'ten' is not a decimal number");
    assertThatThrownBy(
            () ->
                t.render(
                    Map.of(
                        "n",
                        "1",
                        "s",
                        "x",
                        "days.start",
                        "2026-11-01",
                        "days.end",
                        "2026-02-30",
                        "day",
                        "2026-11-03")))
        .hasMessage(
            "query parameter days.end is declared date but '2026-02-30' is not a YYYY-MM-DD date");
    assertThatThrownBy(() -> new SqlTemplate("-- parameter: n integer 5\nSELECT {{ n }}"))
        .hasMessageContaining("bad parameter line in the query header");
  }

  @Test
  void dropdownParametersAreDeclaredText() {
    String header =
        "-- parameter: channel query release channel_values\n"
            + "-- parameter: build enum 42 41,42,43\n";
    SqlTemplate t = new SqlTemplate(header + "SELECT {{ build }}, '{{ channel }}', {{ channel }}");
    // bare, a declared-text value stays a string even when it looks like a number
    assertThat(t.render(Map.of("build", "42", "channel", "beta")))
        .isEqualTo(header + "SELECT '42', 'beta', 'beta'");
    // a dropdown needs its options (enum) or its values query (query)
    assertThatThrownBy(() -> new SqlTemplate("-- parameter: c enum release\nSELECT '{{ c }}'"))
        .hasMessageContaining("bad parameter line in the query header");
    assertThatThrownBy(() -> new SqlTemplate("-- parameter: c query release\nSELECT '{{ c }}'"))
        .hasMessageContaining("NAME query DEFAULT VALUES_QUERY");
  }

  @Test
  void anUndeclaredDateMustBeARealDate() {
    assertThatThrownBy(() -> new SqlTemplate("SELECT {{ d }}").render(Map.of("d", "2026-02-30")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "query parameter d looks like a date but '2026-02-30' is not a real YYYY-MM-DD date");
    // quoted, it is text: Spark judges DATE '...'
    assertThat(new SqlTemplate("SELECT DATE '{{ d }}'").render(Map.of("d", "2026-02-30")))
        .isEqualTo("SELECT DATE '2026-02-30'");
  }

  @Test
  void controlCharactersAndDollarsAreEscapedSafely() {
    // \0 followed by octal digits would be one octal escape; $ never forms ${...}
    assertThat(SqlTemplate.escapeInString("\u000012\u0001\u2028${env:HOME}\uD800"))
        .isEqualTo("\\u000012\\u0001\\u2028\\u0024{env:HOME}\\uD800");
    assertThat(SqlTemplate.escapeInString("\uD83D\uDE00é")).isEqualTo("\uD83D\uDE00é");
  }

  @Test
  void anEscapedBraceInAStringIsNotAPlaceholder() {
    assertThat(new SqlTemplate("SELECT '\\{{ a }}'").parameters()).isEmpty();
  }

  @Test
  void anUnterminatedQuoteIsRefused() {
    assertThatThrownBy(() -> new SqlTemplate("SELECT '{{ a }}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated ' at line 1");
  }

  @Test
  void theFirstTokenSkipsWhiteSpaceAndComments() {
    assertThat(SqlTemplate.firstToken("  -- a comment\n/* another */\n  Select 1"))
        .isEqualTo("select");
    assertThat(SqlTemplate.firstToken("(SELECT 1)")).isEqualTo("(");
    assertThat(SqlTemplate.firstToken("WITH a AS (SELECT 1) SELECT * FROM a")).isEqualTo("with");
    assertThat(SqlTemplate.firstToken("copy t TO 'x'")).isEqualTo("copy");
    assertThat(SqlTemplate.firstToken("'SELECT' x")).isEqualTo("'select'");
    assertThat(SqlTemplate.firstToken(" -- only a comment")).isEmpty();
    assertThat(SqlTemplate.firstToken("")).isEmpty();
  }

  @Test
  void identifiersCannotBeParameters() {
    assertThatThrownBy(() -> new SqlTemplate("SELECT `{{ col }}` FROM t").parameters())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quoted identifier");
  }

  @Test
  void escapedQuotesInTheTemplateKeepTheContext() {
    SqlTemplate t = new SqlTemplate("SELECT 'it\\'s {{ a }}', {{ b }}");
    assertThat(t.render(Map.of("a", "x'", "b", "7"))).isEqualTo("SELECT 'it\\'s x\\'', (7)");
  }

  private static int unescapedQuotes(String inner) {
    int n = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\'') {
        n++;
      }
    }
    return n;
  }

  private static String unescape(String inner) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\') {
        char d = inner.charAt(++i);
        sb.append(
            switch (d) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case '0' -> '\0';
              default -> d;
            });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
