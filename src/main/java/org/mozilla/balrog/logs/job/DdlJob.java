package org.mozilla.balrog.logs.job;

import org.mozilla.balrog.logs.sink.Ddl;
import org.mozilla.balrog.logs.sink.Dialect;

/** {@code ddl}: the CREATE TABLE script of the summary tables ({@link Ddl}); needs no Spark. */
public final class DdlJob {
  /** The location written when none is given. */
  public static final String PLACEHOLDER_ROOT = Ddl.PLACEHOLDER_ROOT;

  /** The schema (Athena: database) when none is given. */
  public static final String DEFAULT_SCHEMA = Ddl.DEFAULT_SCHEMA;

  private DdlJob() {}

  /**
   * The script for {@code dialect} ({@code athena}, {@code trino} or {@code spark}); an unknown
   * dialect is an {@link IllegalArgumentException}.
   *
   * @param locationRoot the summary tables' root, null for {@link #PLACEHOLDER_ROOT}
   */
  public static String script(String dialect, String locationRoot, String schema) {
    return Ddl.script(Dialect.parse(dialect), locationRoot, schema);
  }
}
