package org.mozilla.balrog.logs.window;

import java.time.Instant;
import java.util.Objects;

/**
 * What a reason rests on: the summary table, the time range of its rows that were looked at ({@code
 * [from, to)}), how many rows it found there, and a note when only part of the range counts (empty
 * otherwise).
 */
public record Evidence(String table, Instant from, Instant to, long rows, String note) {
  public Evidence {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(note, "note");
  }

  public Evidence(String table, Instant from, Instant to, long rows) {
    this(table, from, to, rows, "");
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
        + (rows == 1 ? " row" : " rows")
        + (note.isEmpty() ? "" : "; " + note)
        + ")";
  }
}
