package org.mozilla.balrog.logs.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shared shape of a deploy written as text, {@code ID@TIME[:flag]…}: the generator's deploy
 * specs and the deploys declared to {@code deploy-impact}/{@code daily} differ only in the flags
 * they accept. TIME is ISO-8601 with a zone or offset, seconds optional ({@code
 * 2026-11-02T14:00:00Z}, {@code 2026-11-02T14:00Z}, {@code 2026-11-02T15:00+01:00}).
 *
 * @param flags the trailing {@code :flag} tokens, left to right, as written
 */
public record DeployText(String id, Instant time, List<String> flags) {
  /**
   * Splits {@code text}. Trailing {@code :token}s that match {@code flag} are flags; the time
   * itself ends with a digit, {@code Z} or an offset such as {@code +01:00}, so its own colons
   * never look like flags.
   *
   * @param noun what the text is, for messages ("deploy", "deploy spec")
   * @param form the accepted syntax, for messages
   * @throws IllegalArgumentException with a one-line message naming what is wrong
   */
  public static DeployText parse(String text, Pattern flag, String noun, String form) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty " + noun + "; expected " + form);
    }
    String s = text.strip();
    int at = s.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(noun + " '" + s + "' has no '@'; expected " + form);
    }
    String id = s.substring(0, at);
    if (id.isEmpty()) {
      throw new IllegalArgumentException(noun + " '" + s + "' has an empty ID before '@'");
    }
    String rest = s.substring(at + 1);
    List<String> flags = new ArrayList<>();
    while (true) {
      int colon = rest.lastIndexOf(':');
      if (colon < 0) {
        break;
      }
      String token = rest.substring(colon + 1);
      if (!flag.matcher(token).matches() || token.equalsIgnoreCase("Z")) {
        break;
      }
      flags.add(token);
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(noun + " '" + s + "' has no TIME after '@'");
    }
    Instant time;
    try {
      time = OffsetDateTime.parse(rest, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      // no cause: the CLI shows the root cause's message, and this one says more
      throw new IllegalArgumentException(
          "bad deploy time '"
              + rest
              + "' in '"
              + s
              + "'; expected ISO-8601 with a zone, e.g. 2026-11-02T14:00:00Z or 2026-11-02T14:00Z");
    }
    Collections.reverse(flags);
    return new DeployText(id, time, List.copyOf(flags));
  }
}
