package org.mozilla.balrog.logs.impact;

import java.util.Locale;

/** Which of a deploy's two windows. */
public enum WindowSide {
  BEFORE,
  AFTER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static WindowSide parse(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
