package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.testing.BuildDir;

/**
 * The completion script {@code mvn package} generates from the CLI's picocli model ({@code
 * target/balrog-logs-completion.bash}) completes commands and their options in bash.
 */
class CompletionScriptIT {
  private static String complete(String... words) throws Exception {
    Path script = BuildDir.path().resolve("balrog-logs-completion.bash");
    assertThat(script).isRegularFile();
    String array = String.join(" ", words);
    String bash =
        "source '"
            + script
            + "' 2>/dev/null; COMP_WORDS=("
            + array
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE='"
            + array
            + "'; COMP_POINT=${#COMP_LINE}; _complete_balrog-logs 2>/dev/null;"
            + " printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void completesCommandsAndTheirOptions() throws Exception {
    assertThat(complete("balrog-logs", "de").lines().toList())
        .containsExactlyInAnyOrder("demo", "deploy-impact", "deploy-window");
    assertThat(complete("balrog-logs", "daily", "--ma").lines().toList())
        .containsExactlyInAnyOrderElementsOf(
            List.of("--max-reject-ratio", "--max-damaged-files", "--master"));
    assertThat(complete("balrog-logs", "demo", "--o").lines().toList())
        .contains("--out", "--output");
  }
}
