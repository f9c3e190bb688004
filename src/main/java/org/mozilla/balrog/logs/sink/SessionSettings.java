package org.mozilla.balrog.logs.sink;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a piece of driver work with some Spark session settings changed, then puts them back as they
 * were: a setting that was set gets its value again, one that was not is unset (so it keeps
 * following Spark's default). Driver only; do not change the same settings from another thread
 * while the work runs.
 */
public final class SessionSettings {
  private SessionSettings() {}

  /** {@code work}'s result, computed with {@code settings} set on {@code spark}'s session. */
  public static <T> T with(SparkSession spark, Map<String, String> settings, Supplier<T> work) {
    if (settings.isEmpty()) {
      return work.get();
    }
    RuntimeConfig conf = spark.conf();
    Map<String, String> previous = new HashMap<>();
    Set<String> unset = new HashSet<>();
    for (String key : settings.keySet()) {
      if (conf.contains(key)) {
        previous.put(key, conf.get(key));
      } else {
        unset.add(key);
      }
    }
    try {
      settings.forEach(conf::set);
      return work.get();
    } finally {
      previous.forEach(conf::set);
      unset.forEach(conf::unset);
    }
  }
}
