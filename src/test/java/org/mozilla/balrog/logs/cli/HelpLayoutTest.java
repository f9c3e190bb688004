package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpLayoutTest {
  private static final String NL = System.lineSeparator();

  @Test
  void wrapsAtSpacesOnlyAndKeepsLongWordsWhole() {
    assertThat(HelpLayout.wrap("read s3a://my-bucket/balrog-logs/raw and more words", 12, ""))
        .containsExactly("read", "s3a://my-bucket/balrog-logs/raw", "and more", "words");
    assertThat(HelpLayout.wrap("a b c", 80, "")).containsExactly("a b c");
    assertThat(HelpLayout.wrap("", 80, "")).isEmpty();
  }

  @Test
  void listItemsHangUnderTheirTextAndExamplesAreVerbatim() {
    assertThat(HelpLayout.render("- one two three four", 10))
        .isEqualTo("- one two" + NL + "  three" + NL + "  four" + NL);
    String example = "  balrog-logs daily --input s3a://a/b --output s3a://c/d --date 2026-11-02";
    assertThat(HelpLayout.render(example, 20)).isEqualTo(example + NL);
    assertThat(HelpLayout.render("", 20)).isEqualTo(NL);
  }

  @Test
  void formatsAsPicocliDoesButNeverFails() {
    assertThat(HelpLayout.formatted("0.8%% error")).isEqualTo("0.8% error");
    assertThat(HelpLayout.formatted("0.8 % error")).isEqualTo("0.8 % error");
    assertThat(HelpLayout.formatted("no percent")).isEqualTo("no percent");
  }
}
