package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.testing.S3DailyRuns.DAY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.S3DailyRuns;
import org.mozilla.balrog.logs.testing.S3Fixture;

/**
 * {@code daily} through the CLI with input and output on a real S3 server (S3Proxy, signatures
 * checked): the same tables as a local run, every partition committed by the S3A magic committer,
 * nothing left pending, and a rerun replacing exactly its date's partitions.
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
  static SortedMap<String, String> beforeRerun;
  static SortedMap<String, String> afterRerun;
  static Map<String, JsonNode> successFiles = new TreeMap<>();

  @BeforeAll
  static void runDailyLocallyAndOnS3() throws IOException {
    S3DailyRuns.Local local = S3DailyRuns.local();
    logs = local.logs();
    localProgress = local.out();
    localOut = local.summary();
    List<String> s3Settings = S3.cliSettings();

    s3Run = S3DailyRuns.daily(S3.logs(), S3_OUT, s3Settings);
    assertThat(s3Run.exitCode()).as(s3Run.describe()).isZero();
    beforeRerun = S3.objects("");
    ObjectMapper json = new ObjectMapper();
    for (String key : beforeRerun.keySet()) {
      if (key.endsWith("/_SUCCESS")) {
        successFiles.put(key, json.readTree(S3.get(key)));
      }
    }

    rerun = S3DailyRuns.rerun(DAY, S3.logs(), S3_OUT, s3Settings);
    assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
    afterRerun = S3.objects("");
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

  private static List<String> dataFiles(Map<String, String> objects, String prefix) {
    return objects.keySet().stream()
        .filter(k -> k.startsWith(prefix) && k.substring(prefix.length()).startsWith("part-"))
        .toList();
  }
}
