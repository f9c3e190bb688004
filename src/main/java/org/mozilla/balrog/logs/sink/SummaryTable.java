package org.mozilla.balrog.logs.sink;

import java.util.List;
import java.util.Objects;
import org.mozilla.balrog.logs.model.LogDate;

/**
 * A summary table's contract: its name (the Redash/Athena table and folder name), what one row is,
 * and its columns in order. Every table is partitioned by {@link #PARTITION_COLUMN} ({@code
 * log_date=YYYY-MM-DD} folders); the partition column is not among {@link #columns} because its
 * value lives in the path.
 */
public record SummaryTable(String name, String doc, List<Column> columns) {
  public static final String PARTITION_COLUMN = LogDate.COLUMN;

  public SummaryTable {
    Objects.requireNonNull(doc, "doc");
    columns = List.copyOf(columns);
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("table names are snake_case: " + name);
    }
    if (columns.stream().map(Column::name).distinct().count() != columns.size()) {
      throw new IllegalArgumentException("duplicate column in " + name);
    }
    if (columns.stream().anyMatch(c -> c.name().equals(PARTITION_COLUMN))) {
      throw new IllegalArgumentException(PARTITION_COLUMN + " is the partition column of " + name);
    }
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  public Column column(String columnName) {
    return columns.stream()
        .filter(c -> c.name().equals(columnName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " has no column " + columnName));
  }
}
