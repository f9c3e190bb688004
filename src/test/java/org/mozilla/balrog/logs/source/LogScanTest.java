package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogScanTest {
  @Test
  void samplesShowControlCharactersEscaped() {
    assertThat(LogScan.printable("plain\ttext é")).isEqualTo("plain\ttext é");
    assertThat(LogScan.printable("a\u0000b\u001bc\u007f\u0085")).isEqualTo("a\\x00b\\x1bc\\x7f\\x85");
  }
}
