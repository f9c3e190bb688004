package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.BINARY;
import static org.mozilla.balrog.logs.sink.ColumnType.BOOLEAN;
import static org.mozilla.balrog.logs.sink.ColumnType.INT;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;

import java.util.List;

/**
 * The columns of {@code update_population_sketches} by name, in table order; {@link
 * SummaryTables#UPDATE_POPULATION_SKETCHES} is built from them. Code that names a column of this
 * table uses these constants.
 */
public final class UpdatePopulationSketchesTable {
  private UpdatePopulationSketchesTable() {}

  public static final String DOMAIN = "domain";
  public static final String PRODUCT = "product";
  public static final String CHANNEL = "channel";
  public static final String IS_TEST_CHANNEL = "is_test_channel";
  public static final String VERSION = "version";
  public static final String REQUESTS = "requests";
  public static final String BACKGROUND_REQUESTS = "background_requests";
  public static final String CLIENTS = "clients";
  public static final String CLIENTS_SKETCH = "clients_sketch";
  public static final String FOLDED_CELLS = "folded_cells";

  static final SummaryTable TABLE =
      new SummaryTable(
          "update_population_sketches",
          "The roll-up source: one day's client sketches per domain x product x channel x version"
              + " before any fold of a well-formed value (Mozilla version numbers, Balrog's channel"
              + " names and products are kept however small; other text with fewer than min_clients"
              + " clients is 'other'). update_population_rolling and its totals are unions of these"
              + " sketches. For Spark SQL (hll_union_agg); not for dashboards.",
          List.of(
              required(DOMAIN, STRING, "Update domain: aus3, aus4 or aus5"),
              required(PRODUCT, STRING, "Product, or 'other'"),
              required(CHANNEL, STRING, "Channel, -cck- folded, or 'other'"),
              required(IS_TEST_CHANNEL, BOOLEAN, "QA channel"),
              required(VERSION, STRING, "Version, or 'other'"),
              required(REQUESTS, BIGINT, "Update requests"),
              required(BACKGROUND_REQUESTS, BIGINT, "Requests without force="),
              required(CLIENTS, BIGINT, "Distinct client fingerprints (HLL estimate)"),
              required(CLIENTS_SKETCH, BINARY, "DataSketches HLL_8 sketch of the fingerprints"),
              required(
                  FOLDED_CELLS,
                  INT,
                  "Number of small values folded into this row (0 for ordinary rows)")));
}
