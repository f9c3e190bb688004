package org.mozilla.balrog.logs.privacy;

import java.util.regex.Pattern;

/**
 * The address rule for values that become table keys: a value that holds an IP address anywhere is
 * never published. Stricter than {@link Redactor}, which keeps text readable in samples; a table
 * key has no such need.
 *
 * <p>Thread-safe (static, precompiled patterns).
 */
public final class Addresses {
  /**
   * A dotted quad anywhere, even glued to a word ({@code WINNT_10.1.2.3}), but not part of a longer
   * dotted run (an OS build number).
   */
  private static final Pattern GLUED_IPV4 =
      Pattern.compile("(?<![0-9.])(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?![0-9]|\\.[0-9])");

  private Addresses() {}

  /** True when the value holds an IPv4 or IPv6 address anywhere; false for null. */
  public static boolean containsAddress(String value) {
    if (value == null) {
      return false;
    }
    return !Redactor.redact(value).equals(value) || GLUED_IPV4.matcher(value).find();
  }
}
