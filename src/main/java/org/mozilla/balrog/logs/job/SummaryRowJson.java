package org.mozilla.balrog.logs.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mozilla.balrog.logs.sink.Column;
import org.mozilla.balrog.logs.sink.SummaryTable;

/**
 * A summary-table row as members of a {@code --summary-json} object, so the summaries use the
 * tables' column names ({@link DailySummary}'s sources are {@code ingest_audit} rows, {@link
 * DeployImpactSummary}'s deploys {@code deploys} rows): one member per column, in table order,
 * named after it; times as ISO-8601 text, maps as objects, arrays as arrays.
 */
final class SummaryRowJson {
  private SummaryRowJson() {}

  /**
   * Adds to {@code n} the columns of {@code table} not in {@code leaveOut}.
   *
   * @param values the row's values in column order (a row record's {@code values()})
   */
  static void put(ObjectNode n, SummaryTable table, Object[] values, Set<String> leaveOut) {
    List<Column> columns = table.columns();
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          table.name() + " has " + columns.size() + " columns, not " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      String name = columns.get(i).name();
      if (!leaveOut.contains(name)) {
        put(n, name, values[i]);
      }
    }
  }

  private static void put(ObjectNode n, String name, Object v) {
    if (v == null) {
      n.putNull(name);
    } else if (v instanceof String s) {
      n.put(name, s);
    } else if (v instanceof Integer i) {
      n.put(name, i.intValue());
    } else if (v instanceof Long l) {
      n.put(name, l.longValue());
    } else if (v instanceof Double d) {
      n.put(name, d.doubleValue());
    } else if (v instanceof Boolean b) {
      n.put(name, b.booleanValue());
    } else if (v instanceof Instant t) {
      n.put(name, t.toString());
    } else if (v instanceof Map<?, ?> m) {
      ObjectNode o = n.putObject(name);
      m.forEach((k, x) -> put(o, (String) k, x));
    } else if (v instanceof List<?> l) {
      ArrayNode a = n.putArray(name);
      l.forEach(x -> a.add((String) x));
    } else {
      throw new IllegalArgumentException(name + ": no JSON form for " + v.getClass().getName());
    }
  }
}
