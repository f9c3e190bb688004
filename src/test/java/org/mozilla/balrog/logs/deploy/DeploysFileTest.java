package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploysFileTest {
  @TempDir Path dir;

  @Test
  void oneSpecPerLineWithCommentsAndBlankLines() throws IOException {
    Path f = dir.resolve("deploys.txt");
    Files.writeString(
        f,
        String.join(
            "\n",
            "# release train of the week",
            "",
            "v3.121@2026-11-01T15:00Z:migration",
            "   ",
            "admin-4@2026-11-02T09:30Z   # admin UI fix",
            "v3.122@2026-11-02T14:00:00Z"),
        StandardCharsets.UTF_8);
    List<DeclaredDeploy> d = DeploysFile.read(f);
    assertThat(d).extracting(DeclaredDeploy::id).containsExactly("v3.121", "admin-4", "v3.122");
    assertThat(d.get(0).migration()).isTrue();
  }

  @Test
  void errorsNameTheFileAndLine() throws IOException {
    Path f = dir.resolve("bad.txt");
    Files.writeString(f, "# ok\nv1@2026-11-02T14:00Z\nv2@tomorrow\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DeploysFile.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(f + " line 3: bad deploy time 'tomorrow'")
        .hasNoCause();
    assertThatThrownBy(
            () -> DeploysFile.parse("x", List.of("v1@2026-11-02T14:00Z v2@2026-11-02T15:00Z")))
        .hasMessage(
            "x line 1: one deploy per line, got 'v1@2026-11-02T14:00Z v2@2026-11-02T15:00Z'");
    assertThatThrownBy(() -> DeploysFile.read(dir.resolve("missing.txt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such deploys file");
  }

  @Test
  void emptyFileHasNoDeploys() {
    assertThat(DeploysFile.parse("x", List.of("", "# nothing yet"))).isEmpty();
  }
}
