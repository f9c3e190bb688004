package org.mozilla.balrog.logs.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The envelope every command's {@code --summary-json} file shares ({@link DailySummary}, {@link
 * DeployImpactSummary}): the command, job version and roots first, then the command's options, the
 * timings and exit, then its results.
 */
final class RunSummary {
  private RunSummary() {}

  /** A summary object starting with the command, the job version and the input and output roots. */
  static ObjectNode start(String command, JobConfig cfg) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("command", command);
    root.put("job_version", JobVersion.get());
    root.put("input", cfg.input());
    root.put("output", cfg.output());
    return root;
  }

  /** Adds the run's start, finish (now), seconds, exit code and exit reason. */
  static void finish(ObjectNode root, Instant started, int exitCode, String exitReason) {
    Instant finished = Instant.now();
    root.put("started_at", started.toString());
    root.put("finished_at", finished.toString());
    root.put("seconds", seconds(started, finished));
    root.put("exit_code", exitCode);
    root.put("exit_reason", exitReason);
  }

  static double seconds(Instant a, Instant b) {
    return Duration.between(a, b).toMillis() / 1000.0;
  }

  /** Writes {@code root}, indented, creating the parent folders. */
  static void write(Path file, ObjectNode root) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write --summary-json " + file + ": " + e.getMessage(), e);
    }
  }
}
