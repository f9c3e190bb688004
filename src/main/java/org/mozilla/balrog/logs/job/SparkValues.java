package org.mozilla.balrog.logs.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Converts collected Spark values (Scala collections, nested rows) into plain Java lists and maps.
 */
final class SparkValues {
  private SparkValues() {}

  public static List<Object> row(Row r, StructType schema) {
    StructField[] fields = schema.fields();
    List<Object> out = new ArrayList<>(fields.length);
    for (int i = 0; i < fields.length; i++) {
      out.add(value(r.get(i), fields[i].dataType()));
    }
    return out;
  }

  static Object value(Object v, DataType type) {
    if (v == null) {
      return null;
    }
    if (type instanceof ArrayType at) {
      List<Object> out = new ArrayList<>();
      scala.collection.Iterator<?> it = ((scala.collection.Iterable<?>) v).iterator();
      while (it.hasNext()) {
        out.add(value(it.next(), at.elementType()));
      }
      return out;
    }
    if (type instanceof MapType mt) {
      Map<Object, Object> out = new LinkedHashMap<>();
      scala.collection.Iterator<? extends scala.Tuple2<?, ?>> it =
          ((scala.collection.Map<?, ?>) v).iterator();
      while (it.hasNext()) {
        scala.Tuple2<?, ?> t = it.next();
        out.put(value(t._1(), mt.keyType()), value(t._2(), mt.valueType()));
      }
      return out;
    }
    if (type instanceof StructType st) {
      Row r = (Row) v;
      Map<Object, Object> out = new LinkedHashMap<>();
      StructField[] fields = st.fields();
      for (int i = 0; i < fields.length; i++) {
        out.put(fields[i].name(), value(r.get(i), fields[i].dataType()));
      }
      return out;
    }
    return v;
  }
}
