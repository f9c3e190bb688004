package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.BINARY;
import static org.mozilla.balrog.logs.sink.ColumnType.BOOLEAN;
import static org.mozilla.balrog.logs.sink.ColumnType.INT;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;

import java.util.List;

/**
 * The columns of {@code update_population} by name, in table order; {@link
 * SummaryTables#UPDATE_POPULATION} is built from them. Code that names a column of this table uses
 * these constants.
 */
public final class UpdatePopulationTable {
  private UpdatePopulationTable() {}

  public static final String DOMAIN = "domain";
  public static final String PRODUCT = "product";
  public static final String CHANNEL = "channel";
  public static final String IS_TEST_CHANNEL = "is_test_channel";
  public static final String VERSION = "version";
  public static final String OS = "os";
  public static final String ARCH = "arch";
  public static final String REQUESTS = "requests";
  public static final String BACKGROUND_REQUESTS = "background_requests";
  public static final String CLIENTS = "clients";
  public static final String CLIENTS_SKETCH = "clients_sketch";
  public static final String FOLDED_CELLS = "folded_cells";

  static final SummaryTable TABLE =
      new SummaryTable(
          "update_population",
          "Update-check population per day x domain x product x channel x version x os x arch."
              + " Small values fold into 'other' in the order of the questions asked: a cell with"
              + " fewer than min_clients clients keeps its version with os = arch = 'other'; a"
              + " version with fewer than min_clients clients in its domain, product and channel"
              + " becomes 'other'; then a channel outside Balrog's channel names, then a product."
              + " Requests always add up.",
          List.of(
              required(DOMAIN, STRING, "Update domain the requests went to: aus3, aus4 or aus5"),
              required(
                  PRODUCT,
                  STRING,
                  "Product in the URL (Firefox, Thunderbird, GMP, SystemAddons...), or"
                      + " 'other' for folded small products"),
              required(
                  CHANNEL,
                  STRING,
                  "Update channel with -cck- partner suffixes folded into the base channel,"
                      + " or 'other' for folded small channels outside Balrog's channel names"),
              required(
                  IS_TEST_CHANNEL,
                  BOOLEAN,
                  "QA channels (*-localtest, *-cdntest): not user population"),
              required(
                  VERSION,
                  STRING,
                  "Application version in the URL, or 'other' for folded small versions"),
              required(
                  OS,
                  STRING,
                  "OS from the build target (WINNT, Darwin, Linux...); 'unknown' if none;"
                      + " 'other' for folded small cells"),
              required(
                  ARCH,
                  STRING,
                  "Application architecture from the build target; 'unknown' if none; 'other'"
                      + " for folded small cells"),
              required(REQUESTS, BIGINT, "Update requests (/update and /json), all statuses"),
              required(BACKGROUND_REQUESTS, BIGINT, "Requests without force= (background checks)"),
              required(CLIENTS, BIGINT, "Distinct client fingerprints (HLL estimate, see README)"),
              required(
                  CLIENTS_SKETCH,
                  BINARY,
                  "DataSketches HLL_8 sketch of the fingerprints, mergeable across"
                      + " days and groups with hll_union_agg"),
              required(
                  FOLDED_CELLS,
                  INT,
                  "Number of small cells folded into this row (0 for ordinary rows)")));
}
