package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.optional;
import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.BINARY;
import static org.mozilla.balrog.logs.sink.ColumnType.BOOLEAN;
import static org.mozilla.balrog.logs.sink.ColumnType.DATE;
import static org.mozilla.balrog.logs.sink.ColumnType.INT;
import static org.mozilla.balrog.logs.sink.ColumnType.MAP_STRING_BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;
import static org.mozilla.balrog.logs.sink.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The one place the summary tables' schemas are defined (ARCHITECTURE.md 5). {@code queries/}, Redash and the DDL
 * depend on these names; tests pin them and check the exported Avro schemas in {@code src/main/resources/schemas/}.
 */
public final class SummaryTables {
  private SummaryTables() {}

  /** The value of {@code version} for cells folded because they had fewer than {@code min_clients} clients. */
  public static final String OTHER_VERSION = "other";

  public static final SummaryTable UPDATE_POPULATION =
      new SummaryTable(
          "update_population",
          "Update-check population per day x domain x product x channel x version x os x arch. Cells with fewer than"
              + " min_clients clients are folded into version 'other' of the same group, so totals add up.",
          List.of(
              required("domain", STRING, "Update domain the requests went to: aus3, aus4 or aus5"),
              required("product", STRING, "Product in the URL (Firefox, Thunderbird, GMP, SystemAddons...)"),
              required("channel", STRING, "Update channel with -cck- partner suffixes folded into the base channel"),
              required("is_test_channel", BOOLEAN, "QA channels (*-localtest, *-cdntest): not user population"),
              required("version", STRING, "Application version in the URL, or 'other' for folded small cells"),
              required("os", STRING, "OS from the build target (WINNT, Darwin, Linux...); 'unknown' if none"),
              required("arch", STRING, "Application architecture from the build target; 'unknown' if none"),
              required("requests", BIGINT, "Update requests (/update and /json), all statuses"),
              required("background_requests", BIGINT, "Requests without force= (background checks)"),
              required("clients", BIGINT, "Distinct client fingerprints (HLL estimate, see README)"),
              required("clients_sketch", BINARY, "DataSketches HLL_8 sketch of the fingerprints, mergeable across"
                  + " days and groups with hll_union_agg"),
              required("folded_cells", INT, "Number of small cells folded into this row (0 for ordinary rows)")));

  public static final SummaryTable UPDATE_POPULATION_ROLLING =
      new SummaryTable(
          "update_population_rolling",
          "Clients over the 1, 7 and 28 days ending on log_date per product x channel x version, from the stored"
              + " daily sketches (never raw logs).",
          List.of(
              required("window_days", INT, "Window length: 1, 7 or 28 days ending on log_date"),
              required("window_start", DATE, "First day of the window"),
              required("product", STRING, "Product"),
              required("channel", STRING, "Channel, -cck- folded"),
              required("is_test_channel", BOOLEAN, "QA channel"),
              required("version", STRING, "Version, or 'other' for folded small cells"),
              required("requests", BIGINT, "Update requests in the window"),
              required("clients", BIGINT, "Distinct client fingerprints over the window (union of daily sketches)"),
              required("days_present", INT, "Days of the window with a stored update_population partition"),
              required("days_missing", INT, "Days of the window without one (the estimate is then a lower bound)")));

  public static final SummaryTable INGEST_AUDIT =
      new SummaryTable(
          "ingest_audit",
          "What each run read per source: files, lines, parsed and rejected lines by reason.",
          List.of(
              required("source", STRING, "Input table id (aus5, syslog_web...)"),
              required("run_id", STRING, "Identifier of the run that wrote this partition"),
              required("files", BIGINT, "Files read"),
              required("bytes", BIGINT, "Bytes on storage of those files"),
              required("lines", BIGINT, "Physical lines read"),
              required("parsed", BIGINT, "Lines that became (part of) a row"),
              required("rejected", BIGINT, "Lines rejected; parsed + rejected = lines"),
              required("rejected_by_reason", MAP_STRING_BIGINT, "Rejected lines per reason code"),
              required("rows", BIGINT, "Rows produced (a multi-line traceback is one row)"),
              required("damaged_files", BIGINT, "Files whose reading stopped early (e.g. truncated gzip)"),
              required("started_at", TIMESTAMP, "When the run started (UTC)"),
              required("finished_at", TIMESTAMP, "When the run finished (UTC)"),
              required("job_version", STRING, "balrog-logs version that wrote the row")));

  /** Every summary table, in the order DDL and docs list them. */
  public static List<SummaryTable> all() {
    return List.of(UPDATE_POPULATION, UPDATE_POPULATION_ROLLING, INGEST_AUDIT);
  }

  public static SummaryTable byName(String name) {
    return all().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown summary table: " + name));
  }
}
