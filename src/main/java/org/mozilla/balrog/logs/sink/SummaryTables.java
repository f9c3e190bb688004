package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.optional;
import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.ARRAY_STRING;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.BINARY;
import static org.mozilla.balrog.logs.sink.ColumnType.BOOLEAN;
import static org.mozilla.balrog.logs.sink.ColumnType.DATE;
import static org.mozilla.balrog.logs.sink.ColumnType.DOUBLE;
import static org.mozilla.balrog.logs.sink.ColumnType.INT;
import static org.mozilla.balrog.logs.sink.ColumnType.MAP_STRING_BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;
import static org.mozilla.balrog.logs.sink.ColumnType.TIMESTAMP;

import java.util.List;
import org.mozilla.balrog.logs.parse.url.UpdateValues;

/**
 * The one place the summary tables' schemas are defined (ARCHITECTURE.md 5). {@code queries/},
 * Redash and the DDL depend on these names; tests pin them and check the exported Avro schemas in
 * {@code src/main/resources/schemas/}.
 */
public final class SummaryTables {
  private SummaryTables() {}

  /**
   * The value of a population key (product, channel, version, os, arch) folded because its clients
   * were fewer than {@code min_clients}, or withheld because it held an address.
   */
  public static final String OTHER = UpdateValues.OTHER;

  public static final SummaryTable UPDATE_POPULATION =
      new SummaryTable(
          "update_population",
          "Update-check population per day x domain x product x channel x version x os x arch."
              + " Small values fold into 'other' in the order of the questions asked: a cell with"
              + " fewer than min_clients clients keeps its version with os = arch = 'other'; a"
              + " version with fewer than min_clients clients in its domain, product and channel"
              + " becomes 'other'; then a channel outside Balrog's channel names, then a product."
              + " Requests always add up.",
          List.of(
              required("domain", STRING, "Update domain the requests went to: aus3, aus4 or aus5"),
              required(
                  "product",
                  STRING,
                  "Product in the URL (Firefox, Thunderbird, GMP, SystemAddons...), or"
                      + " 'other' for folded small products"),
              required(
                  "channel",
                  STRING,
                  "Update channel with -cck- partner suffixes folded into the base channel,"
                      + " or 'other' for folded small channels outside Balrog's channel names"),
              required(
                  "is_test_channel",
                  BOOLEAN,
                  "QA channels (*-localtest, *-cdntest): not user population"),
              required(
                  "version",
                  STRING,
                  "Application version in the URL, or 'other' for folded small versions"),
              required(
                  "os",
                  STRING,
                  "OS from the build target (WINNT, Darwin, Linux...); 'unknown' if none;"
                      + " 'other' for folded small cells"),
              required(
                  "arch",
                  STRING,
                  "Application architecture from the build target; 'unknown' if none; 'other'"
                      + " for folded small cells"),
              required("requests", BIGINT, "Update requests (/update and /json), all statuses"),
              required(
                  "background_requests", BIGINT, "Requests without force= (background checks)"),
              required(
                  "clients", BIGINT, "Distinct client fingerprints (HLL estimate, see README)"),
              required(
                  "clients_sketch",
                  BINARY,
                  "DataSketches HLL_8 sketch of the fingerprints, mergeable across"
                      + " days and groups with hll_union_agg"),
              required(
                  "folded_cells",
                  INT,
                  "Number of small cells folded into this row (0 for ordinary rows)")));

  public static final SummaryTable UPDATE_POPULATION_SKETCHES =
      new SummaryTable(
          "update_population_sketches",
          "The roll-up source: one day's client sketches per domain x product x channel x version"
              + " before any fold of a well-formed value (Mozilla version numbers, Balrog's channel"
              + " names and products are kept however small; other text with fewer than min_clients"
              + " clients is 'other'). update_population_rolling and its totals are unions of these"
              + " sketches. For Spark SQL (hll_union_agg); not for dashboards.",
          List.of(
              required("domain", STRING, "Update domain: aus3, aus4 or aus5"),
              required("product", STRING, "Product, or 'other'"),
              required("channel", STRING, "Channel, -cck- folded, or 'other'"),
              required("is_test_channel", BOOLEAN, "QA channel"),
              required("version", STRING, "Version, or 'other'"),
              required("requests", BIGINT, "Update requests"),
              required("background_requests", BIGINT, "Requests without force="),
              required("clients", BIGINT, "Distinct client fingerprints (HLL estimate)"),
              required("clients_sketch", BINARY, "DataSketches HLL_8 sketch of the fingerprints"),
              required(
                  "folded_cells",
                  INT,
                  "Number of small values folded into this row (0 for ordinary rows)")));

  public static final SummaryTable UPDATE_POPULATION_ROLLING =
      new SummaryTable(
          "update_population_rolling",
          "Clients over the 1, 7 and 28 days ending on log_date per product x channel x version,"
              + " and totals as GROUPING SETS mark them: version NULL for a channel over all its"
              + " versions, channel and version NULL for a product over all its non-test channels."
              + " Every row is a union of the stored daily sketches (update_population_sketches,"
              + " never raw logs), folded only after the union: small versions into 'other', then"
              + " channels outside Balrog's channel names, then products.",
          List.of(
              required("window_days", INT, "Window length: 1, 7 or 28 days ending on log_date"),
              required("window_start", DATE, "First day of the window"),
              required("product", STRING, "Product, or 'other' for folded small products"),
              optional(
                  "channel",
                  STRING,
                  "Channel, -cck- folded, or 'other'; NULL on a product's total row"),
              required(
                  "is_test_channel",
                  BOOLEAN,
                  "QA channel (false on product totals, which leave them out)"),
              optional(
                  "version",
                  STRING,
                  "Version, or 'other' for folded small versions; NULL on total rows"),
              required("requests", BIGINT, "Update requests in the window"),
              required(
                  "clients",
                  BIGINT,
                  "Distinct client fingerprints over the window (union of daily sketches)"),
              required(
                  "days_present",
                  INT,
                  "Days of the window with a stored update_population_sketches partition"),
              required(
                  "days_missing",
                  INT,
                  "Days of the window without one (the estimate is then a lower bound)")));

  public static final SummaryTable UPDATE_POPULATION_FOLDS =
      new SummaryTable(
          "update_population_folds",
          "What the population tables hide in 'other', per table x window x grain: rows, requests"
              + " and distinct clients whose value at that grain is 'other'.",
          List.of(
              required("table_name", STRING, "update_population or update_population_rolling"),
              required(
                  "window_days",
                  INT,
                  "1 for update_population; 1, 7 or 28 for the rolling windows"),
              required("grain", STRING, "os_arch, version, channel or product"),
              required("rows", BIGINT, "Published rows whose value at this grain is 'other'"),
              required("requests", BIGINT, "Their update requests"),
              required(
                  "clients",
                  BIGINT,
                  "Their distinct client fingerprints (union of their sketches)"),
              required(
                  "total_requests",
                  BIGINT,
                  "All update requests of the table (window), for the share")));

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
              required(
                  "damaged_files",
                  BIGINT,
                  "Files whose reading stopped early (e.g. truncated gzip)"),
              required("started_at", TIMESTAMP, "When the run started (UTC)"),
              required("finished_at", TIMESTAMP, "When the run finished (UTC)"),
              required("job_version", STRING, "balrog-logs version that wrote the row")));

  public static final SummaryTable REQUEST_RATES =
      new SummaryTable(
          "request_rates",
          "Requests per 5-minute bucket x source x endpoint class: status classes,"
              + " load-balancer-generated vs backend 5xx, latency percentiles, bytes. Dockerflow"
              + " probes are their own endpoint class and never part of update error rates.",
          List.of(
              required("bucket_start", TIMESTAMP, "Start of the 5-minute bucket (UTC)"),
              required(
                  "source",
                  STRING,
                  "aus3, aus4, aus5, aus_api (ELB logs), admin or agent (admin nginx)"),
              required("endpoint", STRING, "update, json, api, dockerflow or other"),
              required("requests", BIGINT, "Requests in the bucket"),
              required("status_2xx", BIGINT, "Responses 200-299 (as seen by the client)"),
              required("status_3xx", BIGINT, "Responses 300-399"),
              required("status_4xx", BIGINT, "Responses 400-499"),
              required("status_5xx", BIGINT, "Responses 500-599"),
              required(
                  "status_other",
                  BIGINT,
                  "Responses without an HTTP status (TCP, '-') or outside 200-599"),
              required(
                  "lb_5xx",
                  BIGINT,
                  "5xx generated by the load balancer itself (ELB: no backend response;"
                      + " nginx: no upstream used, or 502 when no upstream gave a valid response)"),
              required(
                  "backend_5xx",
                  BIGINT,
                  "5xx returned by the backend (nginx: any other 5xx, including a 504"
                      + " after an upstream timed out)"),
              optional(
                  "latency_p50_ms",
                  DOUBLE,
                  "Median latency in ms (ELB: request+backend+response time, requests not"
                      + " dispatched to a backend left out; nginx: request_time), percentile_approx"
                      + " with accuracy 10000; null when no request had a latency"),
              optional("latency_p95_ms", DOUBLE, "95th percentile latency in ms"),
              optional("latency_p99_ms", DOUBLE, "99th percentile latency in ms"),
              required("bytes_sent", BIGINT, "Response bytes sent to clients")));

  public static final SummaryTable APP_ERRORS =
      new SummaryTable(
          "app_errors",
          "Application errors per hour x app x signature. A signature is stable across hosts, line"
              + " numbers, ids, numbers and addresses.",
          List.of(
              required("bucket_start", TIMESTAMP, "Start of the hour (UTC)"),
              required(
                  "app",
                  STRING,
                  "admin, agent, web (application syslog) or admin-nginx (nginx error log)"),
              required(
                  "signature",
                  STRING,
                  "Stable error signature, e.g. 'KeyError @ auslib/blobs/apprelease.py:"
                      + "_getPartialsXML' or a normalized nginx message"),
              required(
                  "severity",
                  STRING,
                  "Highest level seen in the hour: ERROR or CRITICAL (app); EMERG, ALERT,"
                      + " CRITICAL (crit) or ERROR (nginx; warn lines are not errors)"),
              optional(
                  "logger",
                  STRING,
                  "Python logger name when known (JSON Type, or the LEVEL:logger: prefix of a"
                      + " stderr line), 'uwsgi' for uWSGI lines; null for stderr tracebacks and"
                      + " nginx"),
              optional(
                  "exception_type", STRING, "Exception class when the error carries a traceback"),
              required("events", BIGINT, "Error events (a multi-line traceback is one event)"),
              required(
                  "hosts",
                  BIGINT,
                  "Distinct hosts that logged it in the hour (syslog hostname; nginx: the"
                      + " server name)"),
              required("first_seen", TIMESTAMP, "First event in the hour (UTC)"),
              required("last_seen", TIMESTAMP, "Last event in the hour (UTC)"),
              required(
                  "sample",
                  STRING,
                  "One message, IP addresses redacted, truncated to 500 characters")));

  public static final SummaryTable ADMIN_ACTIVITY =
      new SummaryTable(
          "admin_activity",
          "Admin and agent API use per day x app x method x route template x status class (from the"
              + " admin nginx access log).",
          List.of(
              required("app", STRING, "admin (people and tools) or agent (balrogagent)"),
              required("method", STRING, "HTTP method"),
              required(
                  "route", STRING, "Route template, e.g. /api/rules/{id}, /api/releases/{release}"),
              required("status_class", STRING, "2xx, 3xx, 4xx, 5xx or other"),
              required("requests", BIGINT, "Requests"),
              required("users", BIGINT, "Distinct authenticated users (remote_user; 0 when none)"),
              optional("latency_p95_ms", DOUBLE, "95th percentile of request_time in ms")));

  public static final SummaryTable DEPLOYS =
      new SummaryTable(
          "deploys",
          "Deploys that started on log_date: declared (--deploy, --deploys-file) and detected from"
              + " restart bursts in the application logs.",
          List.of(
              required(
                  "deploy_id",
                  STRING,
                  "Declared id, or 'detected-<app>-<start time>' for detected deploys"),
              required("app", STRING, "web, admin or agent"),
              required(
                  "started_at",
                  TIMESTAMP,
                  "First restart (declared time when no restart was seen)"),
              optional(
                  "finished_at",
                  TIMESTAMP,
                  "Last host back up; null when the rollout was not seen"),
              required("hosts", INT, "Hosts that restarted in the rollout"),
              required("hosts_total", INT, "Hosts of the app seen in the logs that day"),
              required("schema_migration", BOOLEAN, "A schema migration ran at the deploy"),
              required(
                  "source", STRING, "declared, detected, or declared+detected when both agree"),
              required(
                  "evidence",
                  STRING,
                  "What the detection saw (restart markers, migration lines)")));

  public static final SummaryTable DEPLOY_IMPACT =
      new SummaryTable(
          "deploy_impact",
          "Per deploy and metric: the window before the deploy vs the window after its rollout, the"
              + " change ratio with its confidence interval, p-value and verdict; one metric ="
              + " 'overall' row per deploy.",
          List.of(
              required("deploy_id", STRING, "Deploy id (as in deploys)"),
              required("app", STRING, "web, admin or agent"),
              required("deploy_started_at", TIMESTAMP, "Deploy start"),
              optional("deploy_finished_at", TIMESTAMP, "Rollout end"),
              required(
                  "metric",
                  STRING,
                  "update_5xx_rate:<domain>, lb_5xx_rate, latency_p95:<domain>,"
                      + " admin_5xx_rate, app_error_rate:<app>, or overall"),
              required("before_start", TIMESTAMP, "Before window start"),
              required("before_end", TIMESTAMP, "Before window end (the deploy start)"),
              required("after_start", TIMESTAMP, "After window start (the rollout end)"),
              required("after_end", TIMESTAMP, "After window end"),
              optional(
                  "before_value",
                  DOUBLE,
                  "Metric value before (rate as a fraction, or ms, or events/hour)"),
              optional("after_value", DOUBLE, "Metric value after"),
              required("before_events", BIGINT, "Numerator before (errors; buckets for latency)"),
              required(
                  "before_total",
                  BIGINT,
                  "Denominator before (requests; buckets for latency; minutes for"
                      + " time rates)"),
              required("after_events", BIGINT, "Numerator after"),
              required("after_total", BIGINT, "Denominator after"),
              optional("change_ratio", DOUBLE, "after_value / before_value"),
              optional("ci_low", DOUBLE, "Lower bound of the 95% confidence interval of the ratio"),
              optional(
                  "ci_high", DOUBLE, "Upper bound of the 95% confidence interval of the ratio"),
              optional("p_value", DOUBLE, "One-sided p-value for 'after is worse than before'"),
              required("verdict", STRING, "ok, warn, regression or insufficient_data"),
              required("reason", STRING, "Why this verdict, in words"),
              required(
                  "new_signatures",
                  ARRAY_STRING,
                  "Error signatures seen after, absent before and on the"
                      + " previous days (overall and app_error_rate rows; empty otherwise)")));

  /** Every summary table, in the order DDL and docs list them. */
  public static List<SummaryTable> all() {
    return List.of(
        UPDATE_POPULATION,
        UPDATE_POPULATION_SKETCHES,
        UPDATE_POPULATION_ROLLING,
        UPDATE_POPULATION_FOLDS,
        REQUEST_RATES,
        APP_ERRORS,
        ADMIN_ACTIVITY,
        DEPLOYS,
        DEPLOY_IMPACT,
        INGEST_AUDIT);
  }

  public static SummaryTable byName(String name) {
    return all().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown summary table: " + name));
  }
}
