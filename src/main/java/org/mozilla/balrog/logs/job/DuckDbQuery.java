package org.mozilla.balrog.logs.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.mozilla.balrog.logs.model.LogDate;

/**
 * {@code query} on the embedded DuckDB: one SELECT over the summary tables, read straight from
 * their Parquet folders under a local output root, without starting Spark (a second instead of
 * ten).
 *
 * <p>Read-only by construction, on top of what DuckDB's own parser says of the statement:
 *
 * <ul>
 *   <li>the statement must serialise as exactly one SELECT ({@code json_serialize_sql}, which
 *       refuses every other kind: COPY, CREATE, INSERT, ATTACH, INSTALL, SET, PRAGMA, EXPORT...)
 *       and name no table function (so no {@code read_csv('/etc/passwd')}): relations are the
 *       summary tables by name, as on Spark ({@link ReadOnlySql});
 *   <li>before the statement runs, DuckDB's file access is confined to the output root ({@code
 *       allowed_directories}, {@code enable_external_access = false}) and its configuration is
 *       locked, so not even a statement that got past the check could reach another file or undo
 *       the confinement.
 * </ul>
 *
 * Spark's semantics where DuckDB's defaults differ: UTC session time zone, nulls first in ascending
 * order. {@code QueriesEnginesIT} holds every query of {@code queries/} to the same rows on both
 * engines.
 *
 * <p>Only this class names DuckDB; it is loaded only when {@link #onClasspath()} (the cluster jar
 * leaves DuckDB out: Spark answers there).
 */
final class DuckDbQuery {
  private static final String DRIVER = "org.duckdb.DuckDBDriver";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Leading keywords of the statements DuckDB takes; the rest (SHOW, DESCRIBE...) go to Spark. */
  private static final Set<String> QUERY_KEYWORDS = Set.of("select", "with", "values", "from", "(");

  private DuckDbQuery() {}

  /** DuckDB refused or could not bind the statement; {@link #run} wrote nothing. */
  static final class NotEmbeddable extends Exception {
    private static final long serialVersionUID = 1L;

    /** True when the statement is of a kind {@code query} never runs on DuckDB (not an error). */
    final boolean refused;

    NotEmbeddable(String reason, boolean refused) {
      super(reason);
      this.refused = refused;
    }
  }

  static boolean onClasspath() {
    try {
      Class.forName(DRIVER, false, DuckDbQuery.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * Why {@code sql} cannot run on DuckDB over {@code outputRoot}, decided before DuckDB opens; null
   * when it can (then {@link #run} still checks the statement with DuckDB's parser).
   *
   * @param rawViews the raw-log views the statement names
   */
  static String whyNot(String outputRoot, String sql, List<String> rawViews) {
    if (!onClasspath()) {
      return "DuckDB is not on the classpath (the cluster jar leaves it out)";
    }
    if (!rawViews.isEmpty()) {
      return "the statement reads the raw-log views " + String.join(", ", rawViews);
    }
    Path root = localRoot(outputRoot);
    if (root == null) {
      return outputRoot == null
          ? "no output root (--output)"
          : "the output root " + outputRoot + " is not a local folder";
    }
    if (!Files.isDirectory(root)) {
      return "the output root " + root + " is not a folder";
    }
    String first = SqlTemplate.firstToken(sql);
    if (!QUERY_KEYWORDS.contains(first)) {
      return first.isEmpty()
          ? "there is no statement"
          : "it is a " + first.toUpperCase(Locale.ROOT) + " statement, not a query";
    }
    return null;
  }

  /** The local folder of an output root (a path, or a {@code file:} URI), or null. */
  static Path localRoot(String outputRoot) {
    if (outputRoot == null || outputRoot.isBlank()) {
      return null;
    }
    if (outputRoot.startsWith("file:")) {
      return Path.of(URI.create(outputRoot));
    }
    if (outputRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null;
    }
    return Path.of(outputRoot).toAbsolutePath().normalize();
  }

  /**
   * Runs {@code sql} over the summary tables under {@code root} that it names and writes the
   * result; returns the number of rows.
   *
   * @throws NotEmbeddable when DuckDB refuses or cannot bind the statement; nothing was written
   */
  static long run(Path root, String sql, ResultFormat format, int maxRows, Writer out)
      throws NotEmbeddable {
    String lower = sql.toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
      for (Path table : tableFolders(root)) {
        String name = table.getFileName().toString();
        if (QueryJob.namesTable(lower, name)) {
          String glob = table + "/" + LogDate.COLUMN + "=*/*.parquet";
          s.execute(
              "CREATE VIEW "
                  + name
                  + " AS SELECT * FROM read_parquet("
                  + literal(glob)
                  + ", hive_partitioning = true)");
        }
      }
      s.execute("SET allowed_directories = [" + literal(root + "/") + "]");
      s.execute("SET enable_external_access = false");
      s.execute("SET lock_configuration = true");
      checkOneSelect(c, sql);
      ResultSet rs;
      try {
        PreparedStatement p = c.prepareStatement(sql);
        rs = p.executeQuery();
      } catch (SQLException e) {
        throw new NotEmbeddable(firstLine(e), false);
      }
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i));
      }
      long n = format.write(columns, rows(rs, columns.size()), out, maxRows);
      out.flush();
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + firstLine(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The rows of {@code sql} (our own statement, not a user's) over one summary table under {@code
   * root}, reading only its partitions of {@code days} that exist: the view {@code table} is made
   * of exactly those folders, under the same confinement as {@link #run}. Values as {@link #value};
   * no rows when none of the partitions exists.
   */
  static List<List<Object>> select(Path root, String table, List<LocalDate> days, String sql) {
    List<String> globs = new ArrayList<>();
    for (LocalDate d : days) {
      Path leaf = root.resolve(table).resolve(LogDate.COLUMN + "=" + d);
      if (Files.isDirectory(leaf) && hasParquet(leaf)) {
        globs.add(literal(leaf + "/*.parquet"));
      }
    }
    if (globs.isEmpty()) {
      return List.of();
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute(
          "CREATE VIEW "
              + table
              + " AS SELECT * FROM read_parquet(["
              + String.join(", ", globs)
              + "], hive_partitioning = true, union_by_name = true)");
      s.execute("SET allowed_directories = [" + literal(root + "/") + "]");
      s.execute("SET enable_external_access = false");
      s.execute("SET lock_configuration = true");
      List<List<Object>> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(value(rs.getObject(i)));
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + firstLine(e), e);
    }
  }

  private static boolean hasParquet(Path leaf) {
    try (Stream<Path> s = Files.list(leaf)) {
      return s.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + leaf, e);
    }
  }

  private static List<Path> tableFolders(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** Exactly one SELECT, naming no table function, by DuckDB's own parser. */
  private static void checkOneSelect(Connection c, String sql)
      throws SQLException, NotEmbeddable, IOException {
    JsonNode parsed;
    try (PreparedStatement p = c.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      p.setString(1, sql);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        parsed = JSON.readTree(r.getString(1));
      }
    }
    if (parsed.path("error").asBoolean()) {
      String type = parsed.path("error_type").asText();
      String message = parsed.path("error_message").asText();
      boolean notSelect = type.equals("not implemented");
      throw new NotEmbeddable(
          notSelect ? "a statement that is not a SELECT" : "DuckDB: " + type + " error: " + message,
          notSelect);
    }
    if (parsed.path("statements").size() != 1) {
      throw new NotEmbeddable(parsed.path("statements").size() + " statements", true);
    }
    if (hasTableFunction(parsed)) {
      throw new NotEmbeddable("a table function (relations are summary tables by name)", true);
    }
  }

  private static boolean hasTableFunction(JsonNode node) {
    if (node.isObject() && "TABLE_FUNCTION".equals(node.path("type").asText())) {
      return true;
    }
    for (JsonNode child : node) {
      if (hasTableFunction(child)) {
        return true;
      }
    }
    return false;
  }

  private static Iterator<List<Object>> rows(ResultSet rs, int columns) {
    return new Iterator<>() {
      private Boolean ahead;

      @Override
      public boolean hasNext() {
        if (ahead == null) {
          try {
            ahead = rs.next();
          } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + firstLine(e), e);
          }
        }
        return ahead;
      }

      @Override
      public List<Object> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ahead = null;
        List<Object> row = new ArrayList<>(columns);
        try {
          for (int i = 1; i <= columns; i++) {
            row.add(value(rs.getObject(i)));
          }
        } catch (SQLException e) {
          throw new IllegalStateException("DuckDB: " + firstLine(e), e);
        }
        return row;
      }
    };
  }

  /** A DuckDB JDBC value as the plain Java value {@link ResultFormat} writes (as from Spark). */
  static Object value(Object v) throws SQLException {
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof ZonedDateTime t) {
      return t.toInstant();
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < Long.SIZE ? (Object) b.longValueExact() : new BigDecimal(b);
    }
    if (v instanceof UUID u) {
      return u.toString();
    }
    if (v instanceof Blob b) {
      return b.getBytes(1, (int) b.length());
    }
    if (v instanceof Array a) {
      List<Object> out = new ArrayList<>();
      for (Object item : (Object[]) a.getArray()) {
        out.add(value(item));
      }
      return out;
    }
    if (v instanceof Struct st) {
      return struct(st);
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(value(e.getKey()), value(e.getValue()));
      }
      return out;
    }
    return v;
  }

  private static Object struct(Struct st) throws SQLException {
    if (st instanceof org.duckdb.DuckDBStruct d) {
      return value(d.getMap());
    }
    List<Object> out = new ArrayList<>();
    for (Object item : st.getAttributes()) {
      out.add(value(item));
    }
    return out;
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String firstLine(SQLException e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
