package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.testing.S3DailyRuns.DAY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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
 * {@code daily} through the CLI with input and output on a real S3 server (S3Proxy, signatures
 * checked): the same tables as a local run, every partition committed by the S3A magic committer,
 * nothing left pending, and a rerun replacing exactly its date's partitions.
 *
 * <p>The same runs show that the S3 access key and secret key never leak (formerly S3SecretsIT):
 * not to the CLI's out and err, not to the JVM's stdout/stderr, not to the {@code --verbose} (INFO)
 * log, not into any object the job writes. The keys are passed the riskiest way, as {@code --set
 * spark.hadoop.fs.s3a.*.key} options, for both successful runs and for a failing one (whose stack
 * trace {@code --verbose} prints).
 */
class DailyS3IT {
  static final String BUCKET = "balrog-daily";
  static final String S3_OUT = "s3a://" + BUCKET + "/summary";

  @RegisterExtension static final S3Fixture S3 = S3Fixture.withTheDay(BUCKET);
  static String localOut;
  static Path logs;
  static String localProgress;
  static CliRun s3Run;
  static CliRun rerun;
  static CliRun failed;
  static SortedMap<String, String> beforeRerun;
  static SortedMap<String, String> afterRerun;
  static Map<String, JsonNode> successFiles = new TreeMap<>();
  static List<String> objectsWithAKeyBeforeRerun;
  static final List<String> printed = new ArrayList<>();

  @BeforeAll
  static void runDailyLocallyAndOnS3() throws IOException {
    S3DailyRuns.Local local = S3DailyRuns.local();
    logs = local.logs();
    localProgress = local.out();
    localOut = local.summary();
    List<String> s3Settings = new ArrayList<>(List.of("--verbose"));
    s3Settings.addAll(
        S3.cliSettings(
            Map.of(
                "fs.s3a.aws.credentials.provider",
                    "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "fs.s3a.access.key", accessKey(),
                "fs.s3a.secret.key", secretKey())));

    try (CapturedOutput captured = new CapturedOutput()) {
      s3Run = S3DailyRuns.daily(S3.logs(), S3_OUT, s3Settings);
      assertThat(s3Run.exitCode()).as(s3Run.describe()).isZero();
      beforeRerun = S3.objects("");
      ObjectMapper json = new ObjectMapper();
      for (String key : beforeRerun.keySet()) {
        if (key.endsWith("/_SUCCESS")) {
          successFiles.put(key, json.readTree(S3.get(key)));
        }
      }
      objectsWithAKeyBeforeRerun = outputObjectsWithAKey();

      rerun = S3DailyRuns.rerun(DAY, S3.logs(), S3_OUT, s3Settings);
      assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
      afterRerun = S3.objects("");

      failed = S3DailyRuns.daily("s3a://no-such-bucket/logs", S3_OUT + "-failed", s3Settings);
      printed.add(captured.text());
    }
    for (CliRun r : List.of(s3Run, rerun, failed)) {
      printed.add(r.out());
      printed.add(r.err());
    }
  }

  @Test
  void s3TablesEqualTheLocalRunsTables() {
    // same files found, same lines counted, same rows written
    assertThat(untimed(s3Run.out().replace(S3.logs(), "LOGS")))
        .isEqualTo(untimed(localProgress.replace(logs.toString(), "LOGS")));
    S3DailyRuns.assertSameTables(S3.reader(), localOut, S3_OUT);
  }

  /**
   * Progress text without its durations ("(5.7 s)"), without the periodic "N/M files, … lines/s"
   * lines (how many of them a run prints depends on how fast it is) and without surrounding blank
   * lines.
   */
  private static String untimed(String progress) {
    return progress
        .replaceAll("(?m)^.*: \\d+/\\d+ files, [\\d,]+ lines read, [\\d,]+ lines/s\\R", "")
        .replaceAll("\\(\\d+(\\.\\d+)? s\\)", "(T s)")
        .strip();
  }

  @Test
  void everyPartitionWasCommittedByTheMagicCommitter() {
    for (SummaryTable t : SummaryTables.all()) {
      for (LocalDate d : List.of(DAY)) {
        String key = "summary/" + t.name() + "/log_date=" + d + "/_SUCCESS";
        assertThat(successFiles).containsKey(key);
        JsonNode success = successFiles.get(key);
        assertThat(success.path("committer").asText()).as(key).isEqualTo("magic");
        assertThat(success.path("success").asBoolean()).as(key).isTrue();
        assertThat(success.path("filenames")).as(key).isNotEmpty();
      }
    }
    assertThat(successFiles).hasSize(SummaryTables.all().size());
  }

  @Test
  void noPendingUploadsAndNoMagicFolderRemain() {
    assertThat(S3.pendingUploads()).isEmpty();
    assertThat(S3.objects("").keySet()).noneMatch(k -> k.contains("__magic"));
  }

  @Test
  void aRerunReplacesExactlyItsDatesPartitions() {
    String rerunDate = "/log_date=" + DAY + "/";
    SortedMap<String, String> untouchedBefore = new TreeMap<>(beforeRerun);
    SortedMap<String, String> untouchedAfter = new TreeMap<>(afterRerun);
    untouchedBefore.keySet().removeIf(k -> k.contains(rerunDate));
    untouchedAfter.keySet().removeIf(k -> k.contains(rerunDate));
    // S3A's empty-folder markers come and go with the replaced partition; they are no data
    untouchedBefore.keySet().removeIf(k -> k.endsWith("/"));
    untouchedAfter.keySet().removeIf(k -> k.endsWith("/"));
    // the inputs and anything else: same keys, same ETags
    assertThat(untouchedAfter).isNotEmpty().isEqualTo(untouchedBefore);

    for (SummaryTable t : SummaryTables.all()) {
      String prefix = "summary/" + t.name() + rerunDate;
      List<String> oldParts = dataFiles(beforeRerun, prefix);
      List<String> newParts = dataFiles(afterRerun, prefix);
      assertThat(oldParts).as(prefix).isNotEmpty();
      assertThat(newParts).as(prefix).isNotEmpty().doesNotContainAnyElementsOf(oldParts);
      assertThat(afterRerun).as(prefix).containsKey(prefix + "_SUCCESS");
      assertThat(afterRerun.get(prefix + "_SUCCESS"))
          .isNotEqualTo(beforeRerun.get(prefix + "_SUCCESS"));
    }
  }

  @Test
  void theKeysRunsDidWhatTheyShould() {
    assertThat(s3Run.exitCode()).as(s3Run.describe()).isZero();
    assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
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
    // the rerun's objects, and before them those of the first run (the rerun replaced them)
    assertThat(outputObjectsWithAKey()).isEmpty();
    assertThat(objectsWithAKeyBeforeRerun).isEmpty();
  }

  @Test
  void noTableValueContainsAKey() {
    for (SummaryTable t : SummaryTables.all()) {
      List<Row> rows = PartitionWriter.read(S3.reader(), t, S3_OUT).collectAsList();
      assertThat(rows).as(t.name()).isNotEmpty();
      for (Row r : rows) {
        assertThat(r.toString()).doesNotContain(secretKey()).doesNotContain(accessKey());
      }
    }
  }

  /** Keys of the objects under {@code summary/} whose bytes contain the access or secret key. */
  private static List<String> outputObjectsWithAKey() {
    List<String> leaking = new ArrayList<>();
    for (String key : S3.objects("summary/").keySet()) {
      String bytes = new String(S3.get(key), StandardCharsets.ISO_8859_1);
      if (bytes.contains(secretKey()) || bytes.contains(accessKey())) {
        leaking.add(key);
      }
    }
    return leaking;
  }

  private static String accessKey() {
    return S3.server().accessKey();
  }

  private static String secretKey() {
    return S3.server().secretKey();
  }

  private static List<String> dataFiles(Map<String, String> objects, String prefix) {
    return objects.keySet().stream()
        .filter(k -> k.startsWith(prefix) && k.substring(prefix.length()).startsWith("part-"))
        .toList();
  }
}
