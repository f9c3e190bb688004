package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class data sharing archive (docs/operations.md#memory): {@code mvn package} made
 * it, {@code bin/balrog-logs} maps it, and {@code BALROG_LOGS_CLASS_ARCHIVE=off} leaves it out;
 * either way the console shows only the command's own output.
 */
class ClassArchiveIT {
  @TempDir Path tmp;

  /** The output of {@code --version}, and how many classes the JVM took from the archive. */
  record Run(int code, String out, String err, long fromArchive) {}

  private Run version(Map<String, String> env) throws IOException, InterruptedException {
    Path loaded = tmp.resolve("classes-" + env.size() + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(LauncherLogIT.PROJECT.resolve("bin/balrog-logs").toString(), "--version")
            .directory(tmp.toFile());
    Path out = tmp.resolve("out-" + env.size());
    Path err = tmp.resolve("err-" + env.size());
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("BALROG_LOGS_LOG_DIR", tmp.toString());
    pb.environment().put("BALROG_LOGS_JAVA_OPTS", "-Xmx1g -Xlog:class+load=info:file=" + loaded);
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("bin/balrog-logs finished").isTrue();
    long fromArchive;
    try (var lines = Files.lines(loaded)) {
      // the launcher's archive is the JVM's "top" layer, over the JDK's own
      fromArchive = lines.filter(l -> l.contains("source: shared objects file (top)")).count();
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        fromArchive);
  }

  @Test
  void theBuildMadeTheArchiveAndTheLauncherMapsIt() throws Exception {
    assertThat(LauncherLogIT.PROJECT.resolve("target/launcher/balrog-logs.jsa")).isRegularFile();
    Run r = version(Map.of());
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("balrog-logs ").doesNotContain("cds").doesNotContain("warning");
    assertThat(r.err()).isEmpty();
    assertThat(r.fromArchive()).as("classes mapped from the archive").isGreaterThan(500);
  }

  @Test
  void switchedOffTheLauncherLeavesItOut() throws Exception {
    Run on = version(Map.of());
    Run off = version(Map.of("BALROG_LOGS_CLASS_ARCHIVE", "off"));
    assertThat(off.code()).isZero();
    assertThat(off.out()).isEqualTo(on.out());
    assertThat(off.err()).isEmpty();
    assertThat(off.fromArchive()).isZero();
  }
}
