package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.model.LogFormat;

class LogScanTest {
  @Test
  void samplesShowControlCharactersEscaped() {
    assertThat(LogScan.printable("plain\ttext é")).isEqualTo("plain\ttext é");
    assertThat(LogScan.printable("a\u0000b\u001bc\u007f\u0085"))
        .isEqualTo("a\\x00b\\x1bc\\x7f\\x85");
  }

  @Test
  void packsFilesIntoBalancedDeterministicGroups() {
    List<InputFile> files = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      files.add(
          new InputFile(
              "file:/x/f" + String.format("%03d", i),
              null,
              LogFormat.ELB,
              null,
              i == 0 ? 1000 : 10));
    }
    List<List<InputFile>> groups = LogScan.pack(files, 6);
    assertThat(groups).hasSize(6);
    assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(100);
    // the big file sits alone; the 99 small ones spread evenly over the other five groups
    assertThat(
            groups.stream()
                .filter(g -> g.stream().anyMatch(f -> f.size() == 1000))
                .findFirst()
                .orElseThrow())
        .hasSize(1);
    assertThat(groups.stream().mapToInt(List::size).filter(n -> n > 1).min().orElseThrow())
        .isGreaterThanOrEqualTo(19);
    assertThat(LogScan.pack(files, 6)).isEqualTo(groups);
    assertThat(LogScan.pack(files.subList(0, 2), 6)).hasSize(2);
  }
}
