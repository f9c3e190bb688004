package org.mozilla.balrog.logs.source;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Converts the scan's external column values (String, Instant, LocalDate, boxed numbers) to Spark's
 * internal ones (UTF8String, microseconds, days), exactly as Spark's row encoder would, for the
 * types scan schemas use. Nulls stay null.
 */
final class InternalValues {
  private InternalValues() {}

  enum Kind {
    STRING,
    TIMESTAMP,
    DATE,
    /** Integer, Long, Double, Boolean: the boxed value is already the internal one. */
    SAME
  }

  static Kind kind(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return Kind.STRING;
    }
    if (type.equals(DataTypes.TimestampType)) {
      return Kind.TIMESTAMP;
    }
    if (type.equals(DataTypes.DateType)) {
      return Kind.DATE;
    }
    if (type.equals(DataTypes.IntegerType)
        || type.equals(DataTypes.LongType)
        || type.equals(DataTypes.DoubleType)
        || type.equals(DataTypes.BooleanType)) {
      return Kind.SAME;
    }
    throw new IllegalArgumentException("no internal conversion for scan column type " + type);
  }

  static Object convert(Kind kind, Object v) {
    if (v == null) {
      return null;
    }
    return switch (kind) {
      case STRING -> UTF8String.fromString((String) v);
      case TIMESTAMP -> DateTimeUtils.instantToMicros((Instant) v);
      case DATE -> DateTimeUtils.localDateToDays((LocalDate) v);
      case SAME -> v;
    };
  }
}
