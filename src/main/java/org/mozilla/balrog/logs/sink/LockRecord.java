package org.mozilla.balrog.logs.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.mozilla.balrog.logs.model.LogDate;

/**
 * What a lock file holds (one JSON object): the owner (command, host, pid, run id), the output root
 * and date it locks, when the owner took it, its last heartbeat, and the owner's {@code
 * lock.stale-after} (its heartbeat keeps well within it). Times are UTC, to the millisecond.
 *
 * @param staleAfter null in a file without it (written by hand)
 */
record LockRecord(
    String command,
    String host,
    long pid,
    String runId,
    String output,
    LocalDate day,
    Instant startedAt,
    Instant heartbeatAt,
    Duration staleAfter) {
  private static final ObjectMapper JSON = new ObjectMapper();

  LockRecord {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(day, "day");
    startedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
    heartbeatAt = heartbeatAt.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The same owner with a new heartbeat. */
  LockRecord beat(Instant now) {
    return new LockRecord(command, host, pid, runId, output, day, startedAt, now, staleAfter);
  }

  /** {@code daily run RUN (host H, pid P)}, for messages. */
  String owner() {
    return command + " run " + runId + " (host " + host + ", pid " + pid + ")";
  }

  byte[] toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("command", command);
    o.put("host", host);
    o.put("pid", pid);
    o.put("run_id", runId);
    o.put("output", output);
    o.put(LogDate.COLUMN, day.toString());
    o.put("started_at", startedAt.toString());
    o.put("heartbeat_at", heartbeatAt.toString());
    if (staleAfter != null) {
      o.put("stale_after", staleAfter.toString());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a lock record", e);
    }
  }

  /**
   * Parses a lock file's content.
   *
   * @throws IllegalArgumentException when it is not a complete lock record (empty, cut short,
   *     another format)
   */
  static LockRecord parse(byte[] content) {
    if (content.length == 0) {
      throw new IllegalArgumentException("empty");
    }
    JsonNode o;
    try {
      o = JSON.readTree(content);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    try {
      return new LockRecord(
          text(o, "command"),
          text(o, "host"),
          o.path("pid").asLong(-1),
          text(o, "run_id"),
          text(o, "output"),
          LocalDate.parse(text(o, LogDate.COLUMN)),
          Instant.parse(text(o, "started_at")),
          Instant.parse(text(o, "heartbeat_at")),
          o.hasNonNull("stale_after") ? Duration.parse(o.get("stale_after").asText()) : null);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad time or date: " + e.getParsedString());
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isValueNode() || v.asText().isEmpty()) {
      throw new IllegalArgumentException("no " + field);
    }
    return v.asText();
  }
}
