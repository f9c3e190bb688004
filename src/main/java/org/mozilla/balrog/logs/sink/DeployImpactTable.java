package org.mozilla.balrog.logs.sink;

import static org.mozilla.balrog.logs.sink.Column.optional;
import static org.mozilla.balrog.logs.sink.Column.required;
import static org.mozilla.balrog.logs.sink.ColumnType.ARRAY_STRING;
import static org.mozilla.balrog.logs.sink.ColumnType.BIGINT;
import static org.mozilla.balrog.logs.sink.ColumnType.DOUBLE;
import static org.mozilla.balrog.logs.sink.ColumnType.STRING;
import static org.mozilla.balrog.logs.sink.ColumnType.TIMESTAMP;

import java.util.List;

/**
 * The columns of {@code deploy_impact} by name, in table order; {@link SummaryTables#DEPLOY_IMPACT}
 * is built from them. Code that names a column of this table uses these constants.
 */
public final class DeployImpactTable {
  private DeployImpactTable() {}

  public static final String DEPLOY_ID = "deploy_id";
  public static final String APP = "app";
  public static final String DEPLOY_STARTED_AT = "deploy_started_at";
  public static final String DEPLOY_FINISHED_AT = "deploy_finished_at";
  public static final String METRIC = "metric";
  public static final String BEFORE_START = "before_start";
  public static final String BEFORE_END = "before_end";
  public static final String AFTER_START = "after_start";
  public static final String AFTER_END = "after_end";
  public static final String BEFORE_VALUE = "before_value";
  public static final String AFTER_VALUE = "after_value";
  public static final String BEFORE_EVENTS = "before_events";
  public static final String BEFORE_TOTAL = "before_total";
  public static final String AFTER_EVENTS = "after_events";
  public static final String AFTER_TOTAL = "after_total";
  public static final String CHANGE_RATIO = "change_ratio";
  public static final String CI_LOW = "ci_low";
  public static final String CI_HIGH = "ci_high";
  public static final String P_VALUE = "p_value";
  public static final String VERDICT = "verdict";
  public static final String REASON = "reason";
  public static final String NEW_SIGNATURES = "new_signatures";

  static final SummaryTable TABLE =
      new SummaryTable(
          "deploy_impact",
          "Per deploy and metric: the window before the deploy vs the window after its rollout, the"
              + " change ratio with its confidence interval, p-value and verdict; one metric ="
              + " 'overall' row per deploy.",
          List.of(
              required(DEPLOY_ID, STRING, "Deploy id (as in deploys)"),
              required(APP, STRING, "web, admin or agent"),
              required(DEPLOY_STARTED_AT, TIMESTAMP, "Deploy start"),
              optional(DEPLOY_FINISHED_AT, TIMESTAMP, "Rollout end"),
              required(
                  METRIC,
                  STRING,
                  "update_5xx_rate:<domain>, lb_5xx_rate, latency_p95:<domain>,"
                      + " admin_5xx_rate, app_error_rate:<app>, or overall"),
              required(BEFORE_START, TIMESTAMP, "Before window start"),
              required(BEFORE_END, TIMESTAMP, "Before window end (the deploy start)"),
              required(AFTER_START, TIMESTAMP, "After window start (the rollout end)"),
              required(AFTER_END, TIMESTAMP, "After window end"),
              optional(
                  BEFORE_VALUE,
                  DOUBLE,
                  "Metric value before (rate as a fraction, or ms, or events/hour)"),
              optional(AFTER_VALUE, DOUBLE, "Metric value after"),
              required(BEFORE_EVENTS, BIGINT, "Numerator before (errors; buckets for latency)"),
              required(
                  BEFORE_TOTAL,
                  BIGINT,
                  "Denominator before (requests; buckets for latency; minutes for"
                      + " time rates)"),
              required(AFTER_EVENTS, BIGINT, "Numerator after"),
              required(AFTER_TOTAL, BIGINT, "Denominator after"),
              optional(CHANGE_RATIO, DOUBLE, "after_value / before_value"),
              optional(CI_LOW, DOUBLE, "Lower bound of the 95% confidence interval of the ratio"),
              optional(CI_HIGH, DOUBLE, "Upper bound of the 95% confidence interval of the ratio"),
              optional(P_VALUE, DOUBLE, "One-sided p-value for 'after is worse than before'"),
              required(VERDICT, STRING, "ok, warn, regression or insufficient_data"),
              required(REASON, STRING, "Why this verdict, in words"),
              required(
                  NEW_SIGNATURES,
                  ARRAY_STRING,
                  "Error signatures seen after, absent before and on the"
                      + " previous days (overall and app_error_rate rows; empty otherwise)")));
}
