package org.mozilla.balrog.logs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs a script of {@code jobs/} as a process, in a folder, with extra environment. */
public final class Scripts {
  private Scripts() {}

  /** A finished script: its exit code, stdout and stderr. */
  public record Result(int code, String out, String err) {}

  /** Runs {@code cmd} in {@code dir} (its stdout and stderr go to files there) and waits. */
  public static Result run(Path dir, Map<String, String> env, String... cmd)
      throws IOException, InterruptedException {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    int code = pb.start().waitFor();
    return new Result(
        code,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
