package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.job.JobConfig;
import picocli.CommandLine;

/**
 * Issue 13 at the CLI boundary, without Spark: per-source location settings checked before Spark
 * starts (exit 2), {@code --env} picking one environment of a config file, and credentials taken
 * out of {@code s3a://} locations.
 */
class InputSettingsCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  private static JobConfig config(String... args) {
    BalrogLogsCommand root = new BalrogLogsCommand();
    new CommandLine(root).parseArgs(args);
    return root.global.toConfig();
  }

  @Test
  void badLocationSettingsExitTwoBeforeSparkStarts() {
    assertThat(
            run(
                "daily",
                "--date",
                "2026-11-01",
                "--output",
                "/tmp/x",
                "--set",
                "source.aus9.location=/logs/{date}/"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("unknown source 'aus9' in setting source.aus9.location");
    assertThat(
            run(
                "daily",
                "--date",
                "2026-11-01",
                "--output",
                "/tmp/x",
                "--set",
                "source.aus5.location=/logs/{yyyy}/{MM}/"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("has no day placeholder");
    assertThat(
            run(
                "daily",
                "--date",
                "2026-11-01",
                "--output",
                "/tmp/x",
                "--set",
                "source.syslog_web.location=/logs/{day}/"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("unknown placeholder {day}");
    assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("SparkContext");
  }

  @Test
  void aLocationReachesTheHadoopConfiguration() {
    JobConfig cfg =
        config(
            "daily",
            "--date",
            "2026-11-01",
            "--set",
            "source.syslog_web.location=s3a://logs/syslog-web/dt={date}/");
    assertThat(cfg.sparkConf())
        .containsEntry(
            "spark.hadoop.balrog.source.syslog_web.location", "s3a://logs/syslog-web/dt={date}/");
  }

  @Test
  void envPicksOneEnvironmentOfTheConfigFile(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("balrog.properties");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "output=/summary/default",
            "env.stage.input=s3a://stage-logs/",
            "env.stage.source.aus5.location=s3a://stage-aus5/AWSLogs/*/elasticloadbalancing/*/{yyyy}/{MM}/{dd}/",
            "env.prod.input=s3a://prod-logs/",
            "env.prod.output=/summary/prod",
            "env.prod.source.aus5.location=s3a://prod-aus5/AWSLogs/*/elasticloadbalancing/*/{yyyy}/{MM}/{dd}/",
            ""));
    JobConfig prod =
        config("--config", conf.toString(), "--env", "prod", "daily", "--date", "2026-11-01");
    assertThat(prod.input()).isEqualTo("s3a://prod-logs/");
    assertThat(prod.output()).isEqualTo("/summary/prod");
    assertThat(prod.sparkConf())
        .containsEntry(
            "spark.hadoop.balrog.source.aus5.location",
            "s3a://prod-aus5/AWSLogs/*/elasticloadbalancing/*/{yyyy}/{MM}/{dd}/");
    JobConfig stage =
        config("--config", conf.toString(), "--env", "stage", "daily", "--date", "2026-11-01");
    assertThat(stage.input()).isEqualTo("s3a://stage-logs/");
    assertThat(stage.output()).isEqualTo("/summary/default");
    JobConfig none = config("--config", conf.toString(), "daily", "--date", "2026-11-01");
    assertThat(none.input()).isNull();
    assertThat(none.sparkConf()).doesNotContainKey("spark.hadoop.balrog.source.aus5.location");
    assertThat(run("--config", conf.toString(), "--env", "qa", "daily", "--date", "2026-11-01"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--env qa: no env.qa.* keys");
  }

  @Test
  void credentialsInAnS3aLocationBecomeTheBucketsSettings() {
    JobConfig cfg =
        config(
            "daily",
            "--date",
            "2026-11-01",
            "--input",
            "s3a://AKIAEXAMPLE:s3cr%2Ft@my-bucket/logs",
            "--set",
            "source.aus5.location=s3a://KEY2:SECRET2@other-bucket/aus5/{date}/");
    assertThat(cfg.input()).isEqualTo("s3a://my-bucket/logs");
    assertThat(cfg.sparkConf())
        .containsEntry("spark.hadoop.fs.s3a.bucket.my-bucket.access.key", "AKIAEXAMPLE")
        .containsEntry("spark.hadoop.fs.s3a.bucket.my-bucket.secret.key", "s3cr/t")
        .containsEntry("spark.hadoop.fs.s3a.bucket.other-bucket.secret.key", "SECRET2")
        .containsEntry(
            "spark.hadoop.balrog.source.aus5.location", "s3a://other-bucket/aus5/{date}/");
    assertThat(cfg.settings().values()).noneMatch(v -> v.contains("SECRET2"));
  }
}
