package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFormatTest {
  private static final List<String> COLS = List.of("day", "channel", "n", "sigs");
  private static final List<List<Object>> ROWS =
      List.of(
          Arrays.asList(LocalDate.of(2026, 11, 1), "release", 12L, List.of("a", "b")),
          Arrays.asList(LocalDate.of(2026, 11, 2), "say \"hi\", ok", null, List.of()));

  private static String write(ResultFormat f, int maxRows) {
    StringWriter w = new StringWriter();
    f.write(COLS, ROWS.iterator(), w, maxRows);
    return w.toString();
  }

  @Test
  void csvQuotesPerRfc4180() {
    assertThat(write(ResultFormat.CSV, 10))
        .isEqualTo(
            "day,channel,n,sigs\r\n"
                + "2026-11-01,release,12,\"[\"\"a\"\",\"\"b\"\"]\"\r\n"
                + "2026-11-02,\"say \"\"hi\"\", ok\",,[]\r\n");
  }

  @Test
  void jsonLinesKeepTypes() {
    assertThat(write(ResultFormat.JSON, 10))
        .isEqualTo(
            "{\"day\":\"2026-11-01\",\"channel\":\"release\",\"n\":12,\"sigs\":[\"a\",\"b\"]}\n"
                + "{\"day\":\"2026-11-02\",\"channel\":\"say \\\"hi\\\","
                + " ok\",\"n\":null,\"sigs\":[]}\n");
  }

  @Test
  void tableAlignsAndReportsHiddenRows() {
    String t = write(ResultFormat.TABLE, 1);
    assertThat(t).contains("| day        | channel | n  | sigs      |");
    assertThat(t).contains("| 2026-11-01 | release | 12 | [\"a\",\"b\"] |");
    assertThat(t).doesNotContain("say");
    assertThat(t).contains("2 rows (1 shown");
  }

  @Test
  void onlyNumbersAreRightAligned() {
    StringWriter w = new StringWriter();
    ResultFormat.TABLE.write(
        List.of("version", "n"),
        List.<List<Object>>of(List.of("145.0.2", 7L), List.of("9", 12345L)).iterator(),
        w,
        10);
    assertThat(w.toString()).contains("| 145.0.2 |     7 |").contains("|       9 | 12345 |");
  }

  @Test
  void instantsAreIsoUtc() {
    assertThat(ResultFormat.text(Instant.parse("2026-11-02T14:00:00Z"), null))
        .isEqualTo("2026-11-02T14:00:00Z");
  }
}
