package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * Rendered parameters run through the job's own session: values and query text come back verbatim.
 */
class SqlTemplateSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  private static Row one(String sql) {
    List<Row> rows = SPARK.session().sql(sql).collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void noVariableSubstitutionInValues() {
    SqlTemplate t =
        new SqlTemplate("SELECT '{{ v }}' AS quoted, {{ v }} AS bare, 'x{{ v }}y' AS inside");
    for (String v :
        List.of("${env:HOME}", "${system:user.home}", "${spark.app.name}", "$${env:HOME}")) {
      Row r = one(t.render(Map.of("v", v)));
      assertThat(List.of(r.getString(0), r.getString(1), r.getString(2)))
          .as(v)
          .containsExactly(v, v, "x" + v + "y");
    }
  }

  @Test
  void noVariableSubstitutionInTheQueryText() {
    assertThat(one("SELECT '${system:user.home}', '${env:HOME}'").toSeq().mkString("|"))
        .isEqualTo("${system:user.home}|${env:HOME}");
  }

  @Test
  void hostileValuesComeBackAsGiven() {
    SqlTemplate t = new SqlTemplate("SELECT '{{ v }}' AS quoted, {{ v }} AS bare");
    for (String v :
        List.of(
            "x' OR '1'='1",
            "\\' OR 1=1 --",
            "a\nb\r\tc",
            "\u0000" + "12",
            "/* x */",
            "*/ --",
            "é中\uD83D\uDE00",
            "\u2028")) {
      Row r = one(t.render(Map.of("v", v)));
      assertThat(r.getString(0)).as(v).isEqualTo(v);
      assertThat(r.getString(1)).as(v).isEqualTo(v);
    }
  }

  @Test
  void bareNumbersAndDatesAreTyped() {
    Row r =
        one(
            new SqlTemplate("SELECT 5-{{ n }} AS d, {{ day }} AS day")
                .render(Map.of("n", "-100", "day", "2026-11-01")));
    assertThat(r.getInt(0)).isEqualTo(105);
    assertThat(r.<Object>getAs("day")).isEqualTo(LocalDate.of(2026, 11, 1));
  }
}
