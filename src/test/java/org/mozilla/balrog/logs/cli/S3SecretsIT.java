package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.CapturedOutput;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.S3DailyRuns;
import org.mozilla.balrog.logs.testing.S3ProxyServer;

/**
 * The S3 access key and secret key never leak: not to the CLI's out and err, not to the JVM's
 * stdout/stderr, not to the {@code --verbose} (INFO) log, not into any object the job writes. The
 * keys are passed the riskiest way, as {@code --set spark.hadoop.fs.s3a.*.key} options, for a
 * successful run and for a failing one (whose stack trace {@code --verbose} prints).
 */
class S3SecretsIT {
  static final String BUCKET = "balrog-secrets";
  static final String OUT = "s3a://" + BUCKET + "/summary";

  @TempDir static Path work;
  static S3ProxyServer s3;
  static SparkSession reader;
  static final List<String> printed = new ArrayList<>();
  static CliRun ok;
  static CliRun failed;

  @BeforeAll
  static void runVerboseWithKeysOnTheCommandLine() throws IOException {
    s3 = S3ProxyServer.start(work);
    s3.createBucket(BUCKET);
    s3.upload(S3DailyRuns.local().logs(), BUCKET, "logs");
    List<String> args = new ArrayList<>(List.of("--verbose"));
    args.addAll(
        s3.cliSettings(
            s3.endpoint(),
            Map.of(
                "fs.s3a.aws.credentials.provider",
                    "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "fs.s3a.access.key", s3.accessKey(),
                "fs.s3a.secret.key", s3.secretKey())));
    try (CapturedOutput captured = new CapturedOutput()) {
      ok = S3DailyRuns.daily("s3a://" + BUCKET + "/logs", OUT, args);
      failed = S3DailyRuns.daily("s3a://no-such-bucket/logs", OUT + "-failed", args);
      printed.add(captured.text());
    }
    printed.add(ok.out());
    printed.add(ok.err());
    printed.add(failed.out());
    printed.add(failed.err());
    reader = S3DailyRuns.reader(s3.s3aSettings(s3.endpoint()));
  }

  @AfterAll
  static void stop() {
    if (reader != null) {
      reader.stop();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void theRunsDidWhatTheyShould() {
    assertThat(ok.exitCode()).as(ok.describe()).isZero();
    assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(ExitCode.FAILURE);
    assertThat(failed.err())
        .contains("no-such-bucket")
        .contains("\tat "); // --verbose printed the stack trace
    // the capture works: Spark's INFO log is in it
    assertThat(printed.get(0)).contains("Running Spark version");
  }

  @Test
  void nothingPrintedContainsAKey() {
    for (String text : printed) {
      assertThat(text).doesNotContain(s3.secretKey()).doesNotContain(s3.accessKey());
    }
  }

  @Test
  void noWrittenObjectContainsAKey() {
    List<String> keys = new ArrayList<>(s3.objects(BUCKET, "summary/").keySet());
    assertThat(keys).anyMatch(k -> k.endsWith("/_SUCCESS")).anyMatch(k -> k.endsWith(".parquet"));
    for (String key : keys) {
      String bytes = new String(s3.get(BUCKET, key), StandardCharsets.ISO_8859_1);
      assertThat(bytes).as(key).doesNotContain(s3.secretKey()).doesNotContain(s3.accessKey());
    }
  }

  @Test
  void noTableValueContainsAKey() {
    for (SummaryTable t : SummaryTables.all()) {
      List<Row> rows = PartitionWriter.read(reader, t, OUT).collectAsList();
      assertThat(rows).as(t.name()).isNotEmpty();
      for (Row r : rows) {
        assertThat(r.toString()).doesNotContain(s3.secretKey()).doesNotContain(s3.accessKey());
      }
    }
  }
}
