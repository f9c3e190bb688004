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
            "SELECT * FROM t WHERE channel = '{{ channel }}' AND n > {{n}} AND d = {{ day }} LIMIT {{ limit }}");
    assertThat(t.parameters()).containsExactly("channel", "n", "day", "limit");
    assertThat(t.render(Map.of("channel", "release", "n", "-2.5", "day", "2026-11-01", "limit", "10")))
        .isEqualTo("SELECT * FROM t WHERE channel = 'release' AND n > -2.5 AND d = '2026-11-01' LIMIT 10");
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
      // the value is exactly one string literal: it starts and ends with a quote and no unescaped quote is inside
      assertThat(literal).startsWith("'").endsWith("'");
      assertThat(unescapedQuotes(literal.substring(1, literal.length() - 1))).isZero();
      assertThat(unescape(literal.substring(1, literal.length() - 1))).isEqualTo(hostile);
    }
  }

  @Test
  void bareNumbersOnlyWhenTheyAreNumbers() {
    assertThat(SqlTemplate.literal("42")).isEqualTo("42");
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
  void placeholdersInCommentsAreLeftAlone() {
    SqlTemplate t = new SqlTemplate("-- parameters: {{ channel }}\n/* {{ other }} */ SELECT '{{ channel }}'");
    assertThat(t.parameters()).containsExactly("channel");
    assertThat(t.render(Map.of("channel", "beta")))
        .isEqualTo("-- parameters: {{ channel }}\n/* {{ other }} */ SELECT 'beta'");
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
    assertThat(t.render(Map.of("a", "x'", "b", "7"))).isEqualTo("SELECT 'it\\'s x\\'', 7");
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
        sb.append(switch (d) {
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
