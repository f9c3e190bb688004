package org.mozilla.balrog.logs.job;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.sink.NioLocalFileSystem;

/**
 * Builds the Spark session for a command. Under {@code spark-submit} the master and settings come
 * from there; otherwise the embedded default is {@code local[*]}. Local runs get quiet defaults (no
 * UI, UTC session time zone) that any {@code --set spark.*} overrides.
 *
 * <p>Two settings no {@code --set} overrides, because {@code query} renders parameters for them
 * ({@link SqlTemplate}): variable substitution is off, so {@code ${env:...}} and {@code
 * ${system:...}} are plain text in queries and values alike (with it on, Spark would put secrets
 * from the environment into a query), and backslash escapes in string literals are on.
 */
public final class SparkSessions {
  private SparkSessions() {}

  private static boolean loadable(String className) {
    try {
      Class.forName(className, false, SparkSessions.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  public static SparkSession create(JobConfig cfg, String appName) {
    return SparkSession.builder().config(conf(cfg, appName)).getOrCreate();
  }

  /** The settings {@link #create} starts a session with. */
  static SparkConf conf(JobConfig cfg, String appName) {
    SparkConf conf = new SparkConf(); // reads spark.* system properties set by spark-submit
    boolean underSubmit = conf.contains("spark.master");
    if (cfg.master() != null) {
      conf.setMaster(cfg.master());
    } else if (!underSubmit) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.app.name", appName);
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    // collect timestamps as Instant and dates as LocalDate (UTC-safe, no java.sql types in job
    // code)
    conf.setIfMissing("spark.sql.datetime.java8API.enabled", "true");
    // plans of our wide views are long; do not warn about truncating their string form
    conf.setIfMissing("spark.sql.debug.maxToStringFields", "500");
    // upper() of HTTP methods and syslog severities (ASCII) through the JVM's case mapping, as on
    // Spark 3.5: Spark 4's default, ICU's, costs about a second of class initialisation in the
    // first task that calls it (Spark 3.5 does not know the key and ignores it)
    conf.setIfMissing("spark.sql.icu.caseMappings.enabled", "false");
    if (loadable("org.apache.spark.internal.io.cloud.PathOutputCommitProtocol")) {
      // S3A magic committer for s3a:// outputs (docs/design.md#s3a-committer), set explicitly
      // rather than left to Spark's classpath detection; other file systems keep their own
      // committers through the same protocol
      conf.setIfMissing(
          "spark.sql.sources.commitProtocolClass",
          "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol");
      conf.setIfMissing(
          "spark.sql.parquet.output.committer.class",
          "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
      conf.setIfMissing(
          "spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a",
          "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory");
      conf.setIfMissing("spark.hadoop.fs.s3a.committer.name", "magic");
      conf.setIfMissing("spark.hadoop.fs.s3a.committer.magic.enabled", "true");
    }
    if (!underSubmit) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.sql.shuffle.partitions", "8");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      // file:// permissions through java.nio, not a chmod process per folder and file written
      conf.setIfMissing("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
    }
    for (Map.Entry<String, String> e : cfg.sortedSparkConf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    // after the user's settings, so they always hold
    conf.set("spark.sql.variable.substitute", "false");
    // ANSI SQL, Spark 4's default, also on Spark 3.5 and on clusters that turn it off: the job's
    // SQL and the queries/ files are written and tested for it (same numbers on every line)
    conf.set("spark.sql.ansi.enabled", "true");
    conf.remove(
        "spark.sql.parser.escapedStringLiterals"); // Spark's default (escapes on); setting it logs
    // a warning
    return conf;
  }
}
