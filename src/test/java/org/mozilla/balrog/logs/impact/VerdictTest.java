package org.mozilla.balrog.logs.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mozilla.balrog.logs.impact.Verdict.INSUFFICIENT_DATA;
import static org.mozilla.balrog.logs.impact.Verdict.OK;
import static org.mozilla.balrog.logs.impact.Verdict.REGRESSION;
import static org.mozilla.balrog.logs.impact.Verdict.WARN;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

  @Test
  void sqlNamesAreTheColumnValues() {
    assertThat(List.of(Verdict.values()))
        .extracting(Verdict::sqlName)
        .containsExactly("ok", "warn", "regression", "insufficient_data");
    for (Verdict v : Verdict.values()) {
      assertThat(Verdict.fromSqlName(v.sqlName())).isEqualTo(v);
    }
    assertThatThrownBy(() -> Verdict.fromSqlName("bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown verdict: bad (ok, warn, regression or insufficient_data)");
  }

  @Test
  void overallIsTheWorstJudgedVerdict() {
    assertThat(Verdict.overall(List.of(OK, INSUFFICIENT_DATA, REGRESSION, WARN)))
        .isEqualTo(REGRESSION);
    assertThat(Verdict.overall(List.of(OK, WARN, INSUFFICIENT_DATA))).isEqualTo(WARN);
    assertThat(Verdict.overall(List.of(INSUFFICIENT_DATA, OK))).isEqualTo(OK);
    assertThat(Verdict.overall(List.of(INSUFFICIENT_DATA, INSUFFICIENT_DATA)))
        .isEqualTo(INSUFFICIENT_DATA);
    assertThat(Verdict.overall(List.of())).isEqualTo(INSUFFICIENT_DATA);
    assertThat(ImpactRule.overall(List.of(WARN, OK))).isEqualTo(WARN);
  }
}
