package org.mozilla.balrog.logs.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scala collections to Java and back with one source for Scala 2.12 (Spark 3.5) and 2.13 (Spark
 * 4.x): {@code scala.jdk.javaapi.CollectionConverters} exists only in 2.13.
 */
public final class ScalaCollections {
  private ScalaCollections() {}

  /** The elements of a Scala sequence, in order. */
  public static <T> List<T> asJava(scala.collection.Seq<T> seq) {
    List<T> list = new ArrayList<>(seq.size());
    for (scala.collection.Iterator<T> it = seq.iterator(); it.hasNext(); ) {
      list.add(it.next());
    }
    return list;
  }

  /** The entries of a Scala map, in its iteration order. */
  public static <K, V> Map<K, V> asJava(scala.collection.Map<K, V> map) {
    Map<K, V> out = new LinkedHashMap<>();
    for (scala.collection.Iterator<scala.Tuple2<K, V>> it = map.iterator(); it.hasNext(); ) {
      scala.Tuple2<K, V> kv = it.next();
      out.put(kv._1(), kv._2());
    }
    return out;
  }

  /** A Java list as the Scala sequence a collected {@code Row} holds. */
  @SuppressWarnings("deprecation") // JavaConverters: deprecated in 2.13, the only converter in 2.12
  public static <T> scala.collection.Seq<T> asScala(List<T> list) {
    return scala.collection.JavaConverters.asScalaBuffer(list).toSeq();
  }

  /** A Java map as the Scala map a collected {@code Row} holds. */
  @SuppressWarnings("deprecation") // as above
  public static <K, V> scala.collection.Map<K, V> asScala(Map<K, V> map) {
    return scala.collection.JavaConverters.mapAsScalaMap(map);
  }
}
