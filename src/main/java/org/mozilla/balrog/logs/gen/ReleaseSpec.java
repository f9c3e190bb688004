package org.mozilla.balrog.logs.gen;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Firefox release to simulate on the {@code release} channel: release automation and release
 * managers write to the admin API in the hours before {@code start}, the agent enacts the scheduled
 * rule changes at {@code start}, then release-channel Firefox installs move to {@code version}: its
 * share of their update requests grows linearly from 0 at {@code start} to {@code finalShare} at
 * {@code start + rampHours}.
 *
 * <p>Text form (see {@link #parse}): {@code KIND@TIME[:VERSION][:RAMP_HOURS][:SHARE]}, KIND {@code
 * ga} (a new major version: admin writes from 2 h before, default ramp 24 h to 0.25, Balrog's
 * initial 25 % throttle) or {@code chemspill} (an urgent dot release: admin writes compressed into
 * the hour before, default ramp 6 h to 0.6).
 *
 * @param kind what kind of release
 * @param start when the agent enacts the release's scheduled changes and the ramp begins
 * @param version the new Firefox version; null lets the generator pick one ({@link
 *     ReleasePlan#nextVersion})
 * @param rampHours hours from {@code start} until the new version reaches {@code finalShare}, above
 *     0
 * @param finalShare the new version's share of release-channel Firefox update requests at the end
 *     of the ramp, in (0, 1]
 */
public record ReleaseSpec(
    Kind kind, Instant start, String version, double rampHours, double finalShare) {

  /** What kind of release. */
  public enum Kind {
    /** A new major version, prepared over the two hours before its start. */
    GA(2, 24, 0.25),
    /** An urgent dot release mid-cycle, prepared in the hour before its start. */
    CHEMSPILL(1, 6, 0.6);

    /** Hours before the start when the admin writes begin. */
    final int leadHours;

    final double defaultRampHours;
    final double defaultShare;

    Kind(int leadHours, double defaultRampHours, double defaultShare) {
      this.leadHours = leadHours;
      this.defaultRampHours = defaultRampHours;
      this.defaultShare = defaultShare;
    }

    /** The word of the text form and the manifest: {@code ga} or {@code chemspill}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final String FORM = "KIND@TIME[:VERSION][:RAMP_HOURS][:SHARE]";
  private static final String EXAMPLES =
      "e.g. ga@2026-11-03T14:00Z or chemspill@2026-11-05T09:30Z:145.0.3:6:0.6";
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(?:\\.\\d+)?");
  private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(%)?");

  /** TIME ends with {@code Z} or an offset, so the fields after it start at the next colon. */
  private static final Pattern TIME_AND_FIELDS =
      Pattern.compile("(\\S+?T[0-9:.]+(?:[Zz]|[+-]\\d{2}:\\d{2}))(?::(.*))?");

  public ReleaseSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    if (version != null && !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "release version must look like 146.0 or 145.0.3: '" + version + "'");
    }
    if (!(rampHours > 0) || Double.isInfinite(rampHours)) {
      throw new IllegalArgumentException("ramp hours must be above 0: " + rampHours);
    }
    if (!(finalShare > 0 && finalShare <= 1)) {
      throw new IllegalArgumentException(
          "release share must be above 0 and at most 1 (0.25 = 25%): " + finalShare);
    }
  }

  /** A release of {@code kind} at {@code start}, its version picked, with the kind's defaults. */
  public ReleaseSpec(Kind kind, Instant start) {
    this(kind, start, null, kind.defaultRampHours, kind.defaultShare);
  }

  /**
   * Parses {@code KIND@TIME[:VERSION][:RAMP_HOURS][:SHARE]}: KIND {@code ga} or {@code chemspill}
   * (any case); TIME ISO-8601 with a zone or offset, seconds optional ({@code 2026-11-03T14:00Z});
   * VERSION a Firefox release version ({@code 146.0}, {@code 145.0.3}); RAMP_HOURS a positive
   * number; SHARE a fraction in (0, 1] or a percentage ({@code 25%}). The fields are positional; an
   * empty one keeps its default ({@code ga@2026-11-03T14:00Z::12} ramps over 12 h to a generated
   * version). Examples: {@code ga@2026-11-03T14:00Z}, {@code
   * chemspill@2026-11-05T09:30Z:145.0.3:6:0.6}.
   *
   * @throws IllegalArgumentException with a one-line message naming what is wrong
   */
  public static ReleaseSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty release spec; expected " + FORM + ", " + EXAMPLES);
    }
    String s = text.strip();
    int at = s.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(
          "release spec '" + s + "' has no '@'; expected " + FORM + ", " + EXAMPLES);
    }
    Kind kind = kind(s.substring(0, at), s);
    String rest = s.substring(at + 1);
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("release spec '" + s + "' has no TIME after '@'");
    }
    Matcher m = TIME_AND_FIELDS.matcher(rest);
    Instant start = m.matches() ? time(m.group(1)) : null;
    if (start == null) {
      throw new IllegalArgumentException(
          "bad release time in '"
              + s
              + "'; expected ISO-8601 with a zone, e.g. 2026-11-03T14:00:00Z or 2026-11-03T14:00Z");
    }
    List<String> fields =
        new ArrayList<>(m.group(2) == null ? List.of() : List.of(m.group(2).split(":", -1)));
    if (fields.size() > 3) {
      throw new IllegalArgumentException(
          "release spec '" + s + "' has " + fields.size() + " fields after TIME; expected " + FORM);
    }
    while (fields.size() < 3) {
      fields.add("");
    }
    String version = fields.get(0).isEmpty() ? null : version(fields.get(0), s);
    double ramp = fields.get(1).isEmpty() ? kind.defaultRampHours : rampHours(fields.get(1), s);
    double share = fields.get(2).isEmpty() ? kind.defaultShare : share(fields.get(2), s);
    return new ReleaseSpec(kind, start, version, ramp, share);
  }

  private static Kind kind(String word, String text) {
    for (Kind k : Kind.values()) {
      if (k.code().equalsIgnoreCase(word)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown release kind '" + word + "' in '" + text + "'; expected ga or chemspill");
  }

  private static Instant time(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String version(String v, String text) {
    if (!VERSION.matcher(v).matches()) {
      throw new IllegalArgumentException(
          "bad release version '"
              + v
              + "' in '"
              + text
              + "'; expected a Firefox release version such as 146.0 or 145.0.3 (fields are"
              + " positional: leave VERSION empty to keep the default, e.g."
              + " ga@2026-11-03T14:00Z::12)");
    }
    return v;
  }

  private static double rampHours(String v, String text) {
    Matcher m = NUMBER.matcher(v);
    if (!m.matches() || m.group(2) != null) {
      throw new IllegalArgumentException(
          "bad ramp hours '"
              + v
              + "' in '"
              + text
              + "'; expected a number of hours, e.g. 6 or 1.5");
    }
    double h = Double.parseDouble(m.group(1));
    if (!(h > 0)) {
      throw new IllegalArgumentException(
          "ramp hours '" + v + "' in '" + text + "' must be above 0");
    }
    return h;
  }

  private static double share(String v, String text) {
    Matcher m = NUMBER.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad share '"
              + v
              + "' in '"
              + text
              + "'; expected a fraction (0.25) or a percentage (25%)");
    }
    double share = Double.parseDouble(m.group(1)) / (m.group(2) != null ? 100 : 1);
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "share '"
              + v
              + "' in '"
              + text
              + "' must be above 0 and at most 1 (a fraction: 0.25, or a percentage: 25%)");
    }
    return share;
  }

  /** The end of the ramp: {@code start + rampHours}. */
  public Instant rampEnd() {
    return start.plusMillis(Math.round(rampHours * 3_600_000d));
  }

  /**
   * The canonical text form, accepted by {@link #parse}; fields equal to the kind's defaults are
   * left empty, trailing empty ones out.
   */
  @Override
  public String toString() {
    List<String> fields =
        new ArrayList<>(
            List.of(
                version == null ? "" : version,
                rampHours == kind.defaultRampHours ? "" : DeploySpec.number(rampHours),
                finalShare == kind.defaultShare ? "" : DeploySpec.number(finalShare)));
    while (!fields.isEmpty() && fields.get(fields.size() - 1).isEmpty()) {
      fields.remove(fields.size() - 1);
    }
    StringBuilder sb = new StringBuilder(kind.code()).append('@').append(start);
    fields.forEach(f -> sb.append(':').append(f));
    return sb.toString();
  }
}
