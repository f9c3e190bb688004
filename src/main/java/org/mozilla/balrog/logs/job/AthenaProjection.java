package org.mozilla.balrog.logs.job;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mozilla.balrog.logs.sink.SummaryTable;

/**
 * Athena partition projection for a summary table: the {@code TBLPROPERTIES} that let Athena
 * compute the table's {@code log_date} partitions and their folders itself, so no {@code MSCK
 * REPAIR TABLE} (nor Glue partition) is ever needed.
 *
 * <p>The folders are the ones {@code PartitionWriter} writes, {@code ROOT/<table>/log_date=
 * YYYY-MM-DD/} (a {@link LocalDate} printed as ISO, Java pattern {@code yyyy-MM-dd}). Athena's
 * properties (its "partition projection" documentation): {@code projection.enabled}; per column
 * {@code projection.<col>.type} {@code date}, {@code .range} (two comma-separated dates in {@code
 * .format}, or {@code NOW}, both ends included, in UTC), {@code .format} (a Java date pattern),
 * {@code .interval} and {@code .interval.unit}; and {@code storage.location.template}, the folder
 * of one partition with {@code ${<col>}} where its value goes. With projection enabled Athena
 * ignores partitions registered in the catalog.
 */
final class AthenaProjection {
  /** The pattern of the partition folders' values: what {@link LocalDate#toString} prints. */
  static final String DATE_FORMAT = "yyyy-MM-dd";

  /** The projected range's end: Athena evaluates it at query time, so new days just appear. */
  static final String RANGE_END = "NOW";

  private static final Pattern LOCATION_AT_END =
      Pattern.compile("\\nLOCATION '((?:[^'\\\\]|\\\\.)*)';\\z");

  private AthenaProjection() {}

  /**
   * The projection properties, in the order they are written.
   *
   * @param location the table's folder as Athena's LOCATION literal holds it (already escaped for a
   *     Hive string literal), ending with {@code /}
   * @param since the first day Athena looks for
   */
  static Map<String, String> properties(String location, LocalDate since) {
    if (!location.endsWith("/")) {
      throw new IllegalArgumentException("table location must end with '/': " + location);
    }
    String col = SummaryTable.PARTITION_COLUMN;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("projection.enabled", "true");
    p.put("projection." + col + ".type", "date");
    p.put("projection." + col + ".range", since + "," + RANGE_END);
    p.put("projection." + col + ".format", DATE_FORMAT);
    p.put("projection." + col + ".interval", "1");
    p.put("projection." + col + ".interval.unit", "DAYS");
    // a trailing slash, as for LOCATION: the prefix log_date=2026-11-01 alone would also match a
    // sibling folder such as log_date=2026-11-01.old
    p.put("storage.location.template", location + col + "=${" + col + "}/");
    return p;
  }

  /**
   * {@code createTable} (an Athena {@code CREATE EXTERNAL TABLE ... LOCATION '...';} statement)
   * with the projection properties of its location added as {@code TBLPROPERTIES}.
   */
  static String withProjection(String createTable, LocalDate since) {
    Matcher m = LOCATION_AT_END.matcher(createTable);
    if (!m.find()) {
      throw new IllegalStateException(
          "expected an Athena CREATE TABLE ending with LOCATION '...';: " + createTable);
    }
    String props =
        properties(m.group(1), since).entrySet().stream()
            .map(e -> "  '" + e.getKey() + "'='" + e.getValue() + "'")
            .collect(Collectors.joining(",\n"));
    return createTable.substring(0, createTable.length() - 1)
        + "\nTBLPROPERTIES (\n"
        + props
        + "\n);";
  }
}
