package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mozilla.balrog.logs.sink.PartitionWriter;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.CapturedOutput;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.S3DailyRuns;
import org.mozilla.balrog.logs.testing.S3Fixture;

/**
 * The S3 access key and secret key never leak: not to the CLI's out and err, not to the JVM's
 * stdout/stderr, not to the {@code --verbose} (INFO) log, not into any object the job writes. The
 * keys are passed the riskiest way, as {@code --set spark.hadoop.fs.s3a.*.key} options, for a
 * successful run and for a failing one (whose stack trace {@code --verbose} prints).
 */
class S3SecretsIT {
  static final String BUCKET = "balrog-secrets";
  static final String OUT = "s3a://" + BUCKET + "/summary";

  @RegisterExtension static final S3Fixture S3 = S3Fixture.withTheDay(BUCKET);
  static final List<String> printed = new ArrayList<>();
  static CliRun ok;
  static CliRun failed;

  @BeforeAll
  static void runVerboseWithKeysOnTheCommandLine() throws IOException {
    List<String> args = new ArrayList<>(List.of("--verbose"));
    args.addAll(
        S3.cliSettings(
            Map.of(
                "fs.s3a.aws.credentials.provider",
                    "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "fs.s3a.access.key", S3.server().accessKey(),
                "fs.s3a.secret.key", S3.server().secretKey())));
    try (CapturedOutput captured = new CapturedOutput()) {
      ok = S3DailyRuns.daily(S3.logs(), OUT, args);
      failed = S3DailyRuns.daily("s3a://no-such-bucket/logs", OUT + "-failed", args);
      printed.add(captured.text());
    }
    printed.add(ok.out());
    printed.add(ok.err());
    printed.add(failed.out());
    printed.add(failed.err());
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
      assertThat(text).doesNotContain(secretKey()).doesNotContain(accessKey());
    }
  }

  @Test
  void noWrittenObjectContainsAKey() {
    List<String> keys = new ArrayList<>(S3.objects("summary/").keySet());
    assertThat(keys).anyMatch(k -> k.endsWith("/_SUCCESS")).anyMatch(k -> k.endsWith(".parquet"));
    for (String key : keys) {
      String bytes = new String(S3.get(key), StandardCharsets.ISO_8859_1);
      assertThat(bytes).as(key).doesNotContain(secretKey()).doesNotContain(accessKey());
    }
  }

  @Test
  void noTableValueContainsAKey() {
    for (SummaryTable t : SummaryTables.all()) {
      List<Row> rows = PartitionWriter.read(S3.reader(), t, OUT).collectAsList();
      assertThat(rows).as(t.name()).isNotEmpty();
      for (Row r : rows) {
        assertThat(r.toString()).doesNotContain(secretKey()).doesNotContain(accessKey());
      }
    }
  }

  private static String accessKey() {
    return S3.server().accessKey();
  }

  private static String secretKey() {
    return S3.server().secretKey();
  }
}
