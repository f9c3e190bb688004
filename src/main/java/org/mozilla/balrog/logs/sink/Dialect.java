package org.mozilla.balrog.logs.sink;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** SQL dialects {@link Ddl} writes CREATE TABLE statements for. */
public enum Dialect {
  /** Amazon Athena DDL (Hive DDL, Glue catalog). */
  ATHENA,
  /** Trino with the Hive connector. */
  TRINO,
  /** Spark SQL with a Hive metastore or the in-memory catalog. */
  SPARK;

  /** The lower-case name used on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code athena}, {@code trino} or {@code spark} (any case); an unknown name is an
   * IllegalArgumentException.
   */
  public static Dialect parse(String id) {
    return Arrays.stream(values())
        .filter(d -> d.id().equalsIgnoreCase(id == null ? "" : id.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown dialect '"
                        + id
                        + "' (known: "
                        + Arrays.stream(values()).map(Dialect::id).collect(Collectors.joining(", "))
                        + ")"));
  }

  /** The dialect's name of a column type. */
  String typeName(ColumnType type) {
    return switch (this) {
      case ATHENA, SPARK ->
          switch (type) {
            case STRING -> "string";
            case INT -> "int";
            case BIGINT -> "bigint";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case BINARY -> "binary";
            // Athena: the only Hive timestamp; engine v3 reads Parquet TIMESTAMP_MICROS
            // (UTC-adjusted) at millisecond
            // precision. Spark: timestamp is TIMESTAMP_LTZ, exactly what wrote the files
            // (timestamp_ntz would be the
            // isAdjustedToUTC=false flavour and refuse or shift them).
            case TIMESTAMP -> "timestamp";
            case DATE -> "date";
            case ARRAY_STRING -> "array<string>";
            case MAP_STRING_BIGINT -> "map<string,bigint>";
          };
      case TRINO ->
          switch (type) {
            case STRING -> "varchar";
            case INT -> "integer";
            case BIGINT -> "bigint";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case BINARY -> "varbinary";
            // The Hive connector only creates timestamp columns of its configured
            // hive.timestamp-precision, MILLISECONDS
            // by default ("Incorrect timestamp precision for timestamp(6)" otherwise); it reads the
            // TIMESTAMP_MICROS
            // values rounded to milliseconds. With hive.timestamp-precision=MICROSECONDS,
            // timestamp(6) keeps them whole.
            case TIMESTAMP -> "timestamp(3)";
            case DATE -> "date";
            case ARRAY_STRING -> "array(varchar)";
            case MAP_STRING_BIGINT -> "map(varchar, bigint)";
          };
    };
  }

  /**
   * A quoted identifier, so names that are keywords in a dialect (Athena DDL reserves {@code rows})
   * still work.
   */
  String identifier(String name) {
    return this == TRINO
        ? '"' + name.replace("\"", "\"\"") + '"'
        : '`' + name.replace("`", "``") + '`';
  }

  /**
   * A string literal. Hive and Spark SQL read backslash escapes and join adjacent literals ({@code
   * 'a''b'} is {@code ab}), so quotes get a backslash there; Trino follows standard SQL and doubles
   * them.
   */
  String literal(String text) {
    String clean = text.replace('\n', ' ').replace('\r', ' ');
    return this == TRINO
        ? "'" + clean.replace("'", "''") + "'"
        : "'" + clean.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Athena and Trino name S3 {@code s3://}; only Hadoop's S3A client (Spark) needs {@code s3a://}.
   */
  String location(String uri) {
    return this != SPARK && uri.startsWith("s3a://")
        ? "s3://" + uri.substring("s3a://".length())
        : uri;
  }
}
