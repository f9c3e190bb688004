package org.mozilla.balrog.logs.job;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.mozilla.balrog.logs.sink.Ddl;
import org.mozilla.balrog.logs.sink.Dialect;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code ddl}: the CREATE TABLE script of the summary tables ({@link Ddl}); needs no Spark.
 *
 * <p>Athena's tables get partition projection ({@link AthenaProjection}) unless asked not to, so
 * Athena finds each new day's folders itself. Trino's and Spark's tables are each followed by the
 * statement that registers the partitions already written ({@code CALL
 * system.sync_partition_metadata(schema, table, 'ADD')}, {@code MSCK REPAIR TABLE}); {@link
 * Request#syncOnly} prints only those, for a scheduled step after each day.
 */
public final class DdlJob {
  /** The location written when none is given. */
  public static final String PLACEHOLDER_ROOT = Ddl.PLACEHOLDER_ROOT;

  /** The schema (Athena: database) when none is given. */
  public static final String DEFAULT_SCHEMA = Ddl.DEFAULT_SCHEMA;

  /**
   * The first day Athena's partition projection covers when no {@code --since} is given: before any
   * Balrog log this project reads, and cheap (a day without a folder costs Athena one empty
   * listing, and only when a query's {@code log_date} condition reaches back to it).
   */
  public static final String DEFAULT_SINCE_TEXT = "2020-01-01";

  /** {@link #DEFAULT_SINCE_TEXT} as a date. */
  public static final LocalDate DEFAULT_SINCE = LocalDate.parse(DEFAULT_SINCE_TEXT);

  private DdlJob() {}

  /**
   * What to print.
   *
   * @param dialect {@code athena}, {@code trino} or {@code spark} (any case)
   * @param locationRoot the summary tables' root, null for {@link #PLACEHOLDER_ROOT}
   * @param schema schema (Athena: database), a plain identifier
   * @param since Athena only: first day of the projected range; null for {@link #DEFAULT_SINCE}
   * @param noProjection Athena only: plain tables followed by {@code MSCK REPAIR TABLE}
   * @param syncOnly only the statements that register new partitions (Trino, Spark, Athena without
   *     projection)
   */
  public record Request(
      String dialect,
      String locationRoot,
      String schema,
      LocalDate since,
      boolean noProjection,
      boolean syncOnly) {}

  /**
   * The script for {@code dialect} with the defaults: Athena with partition projection since {@link
   * #DEFAULT_SINCE}.
   */
  public static String script(String dialect, String locationRoot, String schema) {
    return script(new Request(dialect, locationRoot, schema, null, false, false));
  }

  /**
   * The script: a header comment, then the statements separated by blank lines, each ending with
   * {@code ;}. An unknown dialect, a bad schema or an option that does not apply to the dialect is
   * an {@link IllegalArgumentException}.
   */
  public static String script(Request r) {
    Dialect dialect = Dialect.parse(r.dialect());
    boolean projection = dialect == Dialect.ATHENA && !r.noProjection();
    if (dialect != Dialect.ATHENA && (r.since() != null || r.noProjection())) {
      throw new IllegalArgumentException(
          (r.since() != null ? "--since" : "--no-projection")
              + " is for --dialect athena (partition projection); "
              + dialect.id()
              + " registers partitions with its sync statements");
    }
    if (r.since() != null && r.noProjection()) {
      throw new IllegalArgumentException(
          "--since sets the projected range: it does not go with --no-projection");
    }
    if (projection && r.syncOnly()) {
      throw new IllegalArgumentException(
          "--sync-only: Athena tables with partition projection have no partitions to register"
              + " (nothing to run after a day); add --no-projection for MSCK REPAIR TABLE");
    }
    LocalDate since = r.since() == null ? DEFAULT_SINCE : r.since();
    if (since.getYear() < 1 || since.getYear() > 9999) {
      throw new IllegalArgumentException("--since must be a date of the years 1 to 9999: " + since);
    }

    List<String> all = Ddl.statements(dialect, r.locationRoot(), r.schema());
    List<SummaryTable> tables = SummaryTables.all();
    if (all.size() != 2 * tables.size()) {
      throw new IllegalStateException(
          "expected a CREATE TABLE and a partition statement per summary table, got "
              + all.size()
              + " statements for "
              + tables.size()
              + " tables");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      String create = all.get(2 * i);
      String sync = all.get(2 * i + 1);
      if (!create.startsWith("CREATE ") || !create.contains(tables.get(i).name())) {
        throw new IllegalStateException(
            "expected the CREATE TABLE of " + tables.get(i).name() + ", got: " + create);
      }
      if (r.syncOnly()) {
        out.add(sync);
      } else if (projection) {
        out.add(AthenaProjection.withProjection(create, since));
      } else {
        out.add(create);
        out.add(sync);
      }
    }

    StringBuilder sb = new StringBuilder();
    sb.append("-- balrog-logs summary tables, ").append(dialect.id()).append(" dialect\n");
    if (r.syncOnly()) {
      sb.append("-- partition sync only: run after each day's daily run\n");
    } else if (projection) {
      sb.append("-- partition projection of ")
          .append(SummaryTable.PARTITION_COLUMN)
          .append(" from ")
          .append(since)
          .append(" to today (UTC): Athena finds new days itself, no MSCK REPAIR TABLE needed\n");
    }
    if (r.locationRoot() == null && !r.syncOnly()) {
      sb.append("-- LOCATION is a placeholder: replace YOUR-BUCKET, or rerun with --output ROOT\n");
    }
    sb.append('\n');
    sb.append(String.join("\n\n", out));
    return sb.append('\n').toString();
  }
}
