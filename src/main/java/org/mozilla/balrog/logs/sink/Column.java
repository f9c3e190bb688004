package org.mozilla.balrog.logs.sink;

import java.util.Objects;

/**
 * One column of a summary table: snake_case name, type, whether it may be null, and what it means.
 */
public record Column(String name, ColumnType type, boolean nullable, String doc) {
  public Column {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("column names are snake_case: " + name);
    }
  }

  public static Column required(String name, ColumnType type, String doc) {
    return new Column(name, type, false, doc);
  }

  public static Column optional(String name, ColumnType type, String doc) {
    return new Column(name, type, true, doc);
  }
}
