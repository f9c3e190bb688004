package org.mozilla.balrog.logs.window;

import java.time.Instant;
import java.util.Objects;

/**
 * What a reason rests on: the summary table, the time range of its rows that were looked at ({@code
 * [from, to)}) and how many rows it found there.
 */
public record Evidence(String table, Instant from, Instant to, long rows) {
  public Evidence {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  @Override
  public String toString() {
    return table
        + " "
        + Times.utc(from)
        + ".."
        + Times.utc(to)
        + " ("
        + rows
        + (rows == 1 ? " row)" : " rows)");
  }
}
