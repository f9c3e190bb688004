package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.INT;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;

import java.util.List;

/**
 * The columns of {@code update_population_folds} by name, in table order; {@link
 * SummaryTables#UPDATE_POPULATION_FOLDS} is built from them. Code that names a column of this table
 * uses these constants.
 */
final class UpdatePopulationFoldsTable {
  private UpdatePopulationFoldsTable() {}

  public static final String TABLE_NAME = "table_name";
  public static final String WINDOW_DAYS = "window_days";
  public static final String GRAIN = "grain";
  public static final String ROWS = "rows";
  public static final String REQUESTS = "requests";
  public static final String CLIENTS = "clients";
  public static final String TOTAL_REQUESTS = "total_requests";

  static final SummaryTable TABLE =
      new SummaryTable(
          "update_population_folds",
          "What the population tables hide in 'other', per table x window x grain: rows, requests"
              + " and distinct clients whose value at that grain is 'other'.",
          List.of(
              required(TABLE_NAME, STRING, "update_population or update_population_rolling"),
              required(
                  WINDOW_DAYS, INT, "1 for update_population; 1, 7 or 28 for the rolling windows"),
              required(GRAIN, STRING, "os_arch, version, channel or product"),
              required(ROWS, BIGINT, "Published rows whose value at this grain is 'other'"),
              required(REQUESTS, BIGINT, "Their update requests"),
              required(
                  CLIENTS, BIGINT, "Their distinct client fingerprints (union of their sketches)"),
              required(
                  TOTAL_REQUESTS,
                  BIGINT,
                  "All update requests of the table (window), for the share")));
}
