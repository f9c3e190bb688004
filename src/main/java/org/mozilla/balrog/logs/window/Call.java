package org.mozilla.balrog.logs.window;

import java.util.Locale;

/** A rule's answer, and the overall one: ordered from best to worst. */
public enum Call {
  GO,
  CAUTION,
  NO_GO;

  /** {@code go}, {@code caution} or {@code no-go}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The worse of the two. */
  public Call worst(Call other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** Parses a label ({@code go}, {@code caution}, {@code no-go}). */
  public static Call parse(String key, String s) {
    for (Call c : values()) {
      if (c.label().equals(s.strip().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException(key + " must be go, caution or no-go: " + s);
  }
}
