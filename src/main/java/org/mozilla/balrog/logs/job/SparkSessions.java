package org.mozilla.balrog.logs.job;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session for a command. Under {@code spark-submit} the master and settings come from there;
 * otherwise the embedded default is {@code local[*]}. Local runs get quiet defaults (no UI, UTC session time zone)
 * that any {@code --set spark.*} overrides.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(JobConfig cfg, String appName) {
    SparkConf conf = new SparkConf(); // reads spark.* system properties set by spark-submit
    boolean underSubmit = conf.contains("spark.master");
    if (cfg.master() != null) {
      conf.setMaster(cfg.master());
    } else if (!underSubmit) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.app.name", appName);
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    // collect timestamps as Instant and dates as LocalDate (UTC-safe, no java.sql types in job code)
    conf.setIfMissing("spark.sql.datetime.java8API.enabled", "true");
    if (!underSubmit) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.sql.shuffle.partitions", "8");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    for (Map.Entry<String, String> e : cfg.sortedSparkConf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
