package org.mozilla.balrog.logs.source;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end time in an ELB/ALB log file name (docs/formats.md#elb-file-names-and-delivery): {@code
 * <acct>_elasticloadbalancing_<region>_<lb>_<yyyyMMddTHHmmZ>_<node-ip>_<random>.log[.gz]}. Matched
 * from the right because load-balancer names may contain {@code -} and {@code _} separates fields.
 */
public final class ElbFileName {
  private static final Pattern NAME =
      Pattern.compile(
          "^\\d{12}_elasticloadbalancing_[a-z0-9-]+_.+_(\\d{8}T\\d{4}Z)_[0-9a-fA-F.:]+_[a-z0-9]+\\.log(\\.gz)?$");
  private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");

  private ElbFileName() {}

  /** The end of the file's logging interval, if the name follows the AWS pattern. */
  public static Optional<Instant> endTime(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(m.group(1), END).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
