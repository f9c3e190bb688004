package org.mozilla.balrog.logs.parse.syslog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import org.mozilla.balrog.logs.model.SyslogPayload.JsonPayload;

/**
 * Reads a Balrog JSON log line (docs/formats.md#balrog-json-lines) into a {@link JsonPayload} with
 * Jackson's tree model, so key order (arbitrary under Python 2) never matters. Package-private.
 */
final class BalrogJson {
  /** Thread-safe once built. NaN/Infinity are accepted because Python's json.dumps writes them. */
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private BalrogJson() {}

  /**
   * The parsed line, or null when {@code message} is not a complete JSON object carrying Balrog's
   * {@code Timestamp} and {@code Fields} or {@code Logger} keys (a 16 KiB partial chunk, another
   * program's JSON, text in braces).
   */
  static JsonPayload parse(String message) {
    JsonNode root;
    try {
      root = MAPPER.readTree(message);
    } catch (JacksonException e) {
      return null; // not JSON: the caller keeps the line as text
    }
    if (root == null
        || !root.isObject()
        || !root.has("Timestamp")
        || !(root.has("Fields") || root.has("Logger"))) {
      return null;
    }
    JsonNode fields = root.path("Fields");
    String traceback = text(fields.get("traceback"));
    return new JsonPayload(
        nanosToInstant(root.get("Timestamp")),
        text(root.get("Type")),
        text(root.get("Logger")),
        text(root.get("Hostname")),
        text(root.get("EnvVersion")),
        integer(root.get("Severity")),
        integer(root.get("Pid")),
        text(fields.get("message")),
        text(fields.get("error")),
        traceback,
        text(fields.get("requestid")),
        fields.isMissingNode() ? null : serialise(fields),
        Payloads.classFromRepr(traceback));
  }

  /**
   * Text of a scalar node; numbers as written ({@code 140512345678912}), objects as JSON, null for
   * JSON null.
   */
  private static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static Integer integer(JsonNode n) {
    return n != null && n.isIntegralNumber() && n.canConvertToInt() ? n.intValue() : null;
  }

  /** {@code Timestamp} is {@code int(record.created * 1e9)}: nanoseconds since the epoch. */
  private static Instant nanosToInstant(JsonNode n) {
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      return null;
    }
    long ns = n.longValue();
    return Instant.ofEpochSecond(
        Math.floorDiv(ns, NANOS_PER_SECOND), Math.floorMod(ns, NANOS_PER_SECOND));
  }

  private static String serialise(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JacksonException e) {
      return null; // cannot happen for a tree we just parsed; null rather than a thrown line
    }
  }
}
