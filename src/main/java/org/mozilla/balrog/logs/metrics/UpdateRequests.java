package org.mozilla.balrog.logs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.EventColumns;
import org.mozilla.balrog.logs.source.LogScan;

/**
 * Update requests (ARCHITECTURE.md 6: {@code /update} and {@code /json}; Dockerflow and other paths left out) in the
 * shape {@link UpdatePopulation} takes, from the columns of an ELB scan ({@link LogScan}: the view columns plus the
 * scan's {@link EventColumns#FINGERPRINT}). Unknown path fields become {@code unknown}.
 */
public final class UpdateRequests {
  static final String UNKNOWN = "unknown";

  /** The update domains, whose requests make the population. */
  public static final Set<LogSource> DOMAINS = Collections.unmodifiableSet(
      EnumSet.of(LogSource.AUS3, LogSource.AUS4, LogSource.AUS5));

  private UpdateRequests() {}

  /** True for update requests ({@code endpoint} update or json). */
  public static Column isUpdate() {
    return col("endpoint").isin("update", "json");
  }

  /**
   * The request columns {@link UpdatePopulation} takes, computed from ELB scan columns. The fingerprint is the one the
   * scan hashed while parsing (equal to {@link ClientFingerprint#column()} over the view columns), so the seven client
   * fields are never built as Spark strings.
   */
  public static Column[] columns(String domain) {
    return new Column[] {
      lit(domain).as("domain"),
      known("product"),
      known("channel_normalized").as("channel"),
      coalesce(col("is_test_channel"), lit(false)).as("is_test_channel"),
      known("version"),
      known("os"),
      known("arch"),
      col("force").isNull().as("background"),
      col(EventColumns.FINGERPRINT).as("fingerprint")
    };
  }

  private static Column known(String c) {
    return coalesce(col(c), lit(UNKNOWN)).as(c);
  }
}
