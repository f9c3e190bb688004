package org.mozilla.balrog.logs.bench;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * Bench (3): the population aggregate the way a Redash/Athena user would get it without
 * balrog-logs: every line parsed with the standard Athena Classic-ELB RegexSerDe regex
 * (docs/formats.md#elb-view-columns) through Spark SQL {@code regexp_extract} (one call per column
 * used, as a view over {@code spark.read.text} gives), the URL split with regular expressions too,
 * then the same group-by (domain, product, channel, is_test_channel, version, os, arch) with
 * requests, background requests and {@code approx_count_distinct} of the same fingerprint fields,
 * written to Parquet. It is a baseline for speed, not for correctness: URLs with raw spaces and
 * pre-2015 lines do not match the regex (RegexSerDe makes them all-null rows), path segments are
 * not percent-decoded and small cells are not folded. Usage: {@code RegexBaseline --input ROOT
 * --date YYYY-MM-DD --output DIR}.
 */
public final class RegexBaseline {
  /**
   * Athena's Classic-ELB regex as the DDL string reads unescaped
   * (docs/formats.md#elb-view-columns).
   */
  static final String ATHENA_CLASSIC_ELB_REGEX =
      "([^ ]*) ([^ ]*) ([^ ]*):([0-9]*) ([^ ]*)[:-]([0-9]*) ([-.0-9]*) ([-.0-9]*) ([-.0-9]*)"
          + " (|[-0-9]*) (-|[-0-9]*) ([-0-9]*) ([-0-9]*) \\\"([^ ]*) ([^ ]*) (- |[^ ]*)\\\""
          + " (\\\"[^\\\"]*\\\") ([A-Z0-9-]+) ([A-Za-z0-9.-]*)$";

  private RegexBaseline() {}

  public static void main(String[] argv) {
    BenchJob.measure("regex_baseline", argv, RegexBaseline::run);
  }

  static String[] run(SparkSession spark, BenchJob.Args a, String output) {
    Map<LogSource, List<InputFile>> files = BenchJob.updateFiles(spark, a);
    Dataset<Row> requests = null;
    for (Map.Entry<LogSource, List<InputFile>> e : files.entrySet()) {
      Dataset<Row> r =
          requests(spark, e.getKey().id(), BenchJob.paths(e.getValue()), a.day().toString());
      requests = requests == null ? r : requests.unionByName(r);
    }
    Dataset<Row> population =
        requests
            .groupBy("domain", "product", "channel", "is_test_channel", "version", "os", "arch")
            .agg(
                count(lit(1)).as("requests"),
                sum(when(col("background"), 1L).otherwise(0L)).as("background_requests"),
                approx_count_distinct(col("fingerprint"), 0.01).as("clients"));
    String out = a.requireOutput("RegexBaseline");
    population.write().mode(SaveMode.Overwrite).parquet(out);
    long rows = spark.read().parquet(out).count();
    return new String[] {"rows", Long.toString(rows)};
  }

  /** Update requests of {@code day} from the raw lines of one domain, one row per request. */
  static Dataset<Row> requests(SparkSession spark, String domain, List<String> paths, String day) {
    Column line = col("value");
    Dataset<Row> elb =
        spark
            .read()
            .text(paths.toArray(String[]::new))
            .select(
                field(line, 1).as("timestamp"),
                field(line, 3).as("request_ip"),
                field(line, 15).as("url"),
                field(line, 17).as("user_agent"));
    // the URL as a Redash query takes it apart: path, its segments by position, the query's force
    // parameter
    Dataset<Row> urls =
        elb.where(col("timestamp").substr(1, 10).equalTo(day))
            .withColumn(
                "path",
                regexp_extract(col("url"), "^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?([^?#]*)", 1))
            .withColumn(
                "route",
                regexp_extract(col("path"), "^/(update|json)/([0-9]+)/.*/update\\.(xml|json)$", 1))
            .withColumn("qv", regexp_extract(col("path"), "^/(update|json)/([0-9]+)/", 2))
            .where(col("route").isin("update", "json"))
            .withColumn("seg", split(col("path"), "/"));
    Column isUpdate = col("route").equalTo("update");
    Column qv = col("qv");
    Dataset<Row> parsed =
        urls.select(
            lit(domain).as("domain"),
            seg(4).as("product"),
            seg(5).as("version"),
            when(isUpdate, seg(7)).otherwise(seg(6)).as("build_target"),
            when(isUpdate, seg(8)).as("locale"),
            when(isUpdate, seg(9)).otherwise(seg(7)).as("channel_raw"),
            when(isUpdate.and(qv.geq(2)), seg(10)).when(qv.equalTo(2), seg(8)).as("os_version"),
            when(isUpdate.and(qv.between(3, 5)), seg(11))
                .when(isUpdate.and(qv.equalTo(6)), seg(12))
                .as("distribution"),
            when(isUpdate.and(qv.between(3, 5)), seg(12))
                .when(isUpdate.and(qv.equalTo(6)), seg(13))
                .as("dist_version"),
            col("request_ip"),
            col("user_agent"),
            col("url").rlike("[?&]force=").as("forced"));
    return parsed.select(
        col("domain"),
        known(col("product")).as("product"),
        known(regexp_replace(col("channel_raw"), "-cck-.*$", "")).as("channel"),
        coalesce(col("channel_raw").rlike("-(localtest|cdntest)(-cck-.*)?$"), lit(false))
            .as("is_test_channel"),
        known(col("version")).as("version"),
        known(regexp_extract(col("build_target"), "^([^_]+)", 1)).as("os"),
        known(regexp_extract(col("build_target"), "^[^_]*_([^-]+)", 1)).as("arch"),
        col("forced").unary_$bang().as("background"),
        xxhash64(
                coalesce(col("request_ip"), lit("")),
                coalesce(col("user_agent"), lit("")),
                coalesce(col("build_target"), lit("")),
                coalesce(col("locale"), lit("")),
                coalesce(col("os_version"), lit("")),
                coalesce(col("distribution"), lit("")),
                coalesce(col("dist_version"), lit("")))
            .as("fingerprint"));
  }

  private static Column field(Column line, int group) {
    return regexp_extract(line, ATHENA_CLASSIC_ELB_REGEX, group);
  }

  private static Column seg(int position) {
    return element_at(col("seg"), position);
  }

  private static Column known(Column c) {
    return when(c.isNull().or(c.equalTo("")), lit("unknown")).otherwise(c);
  }
}
