package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.optional;
import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.BOOLEAN;
import static org.mozilla.balrog.logs.sink.ColumnType.DATE;
import static org.mozilla.balrog.logs.sink.ColumnType.INT;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;

import java.util.List;

/**
 * The columns of {@code update_population_rolling} by name, in table order; {@link
 * SummaryTables#UPDATE_POPULATION_ROLLING} is built from them. Code that names a column of this
 * table uses these constants.
 */
public final class UpdatePopulationRollingTable {
  private UpdatePopulationRollingTable() {}

  public static final String WINDOW_DAYS = "window_days";
  public static final String WINDOW_START = "window_start";
  public static final String PRODUCT = "product";
  public static final String CHANNEL = "channel";
  public static final String IS_TEST_CHANNEL = "is_test_channel";
  public static final String VERSION = "version";
  public static final String REQUESTS = "requests";
  public static final String CLIENTS = "clients";
  public static final String DAYS_PRESENT = "days_present";
  public static final String DAYS_MISSING = "days_missing";

  static final SummaryTable TABLE =
      new SummaryTable(
          "update_population_rolling",
          "Clients over the 1, 7 and 28 days ending on log_date per product x channel x version,"
              + " and totals as GROUPING SETS mark them: version NULL for a channel over all its"
              + " versions, channel and version NULL for a product over all its non-test channels."
              + " Every row is a union of the stored daily sketches (update_population_sketches,"
              + " never raw logs), folded only after the union: small versions into 'other', then"
              + " channels outside Balrog's channel names, then products.",
          List.of(
              required(WINDOW_DAYS, INT, "Window length: 1, 7 or 28 days ending on log_date"),
              required(WINDOW_START, DATE, "First day of the window"),
              required(PRODUCT, STRING, "Product, or 'other' for folded small products"),
              optional(
                  CHANNEL,
                  STRING,
                  "Channel, -cck- folded, or 'other'; NULL on a product's total row"),
              required(
                  IS_TEST_CHANNEL,
                  BOOLEAN,
                  "QA channel (false on product totals, which leave them out)"),
              optional(
                  VERSION,
                  STRING,
                  "Version, or 'other' for folded small versions; NULL on total rows"),
              required(REQUESTS, BIGINT, "Update requests in the window"),
              required(
                  CLIENTS,
                  BIGINT,
                  "Distinct client fingerprints over the window (union of daily sketches)"),
              required(
                  DAYS_PRESENT,
                  INT,
                  "Days of the window with a stored update_population_sketches partition"),
              required(
                  DAYS_MISSING,
                  INT,
                  "Days of the window without one (the estimate is then a lower bound)")));
}
