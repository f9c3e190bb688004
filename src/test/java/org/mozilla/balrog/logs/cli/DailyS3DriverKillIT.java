package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mozilla.balrog.logs.testing.S3DailyRuns.DAY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.sink.SummaryTable;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.S3DailyRuns;
import org.mozilla.balrog.logs.testing.S3ProxyServer;

/**
 * A scheduler retry after the driver died mid-write on S3 (PLATFORM.md 1.5, "Driver kill -9 mid-write"): {@code daily}
 * runs as its own JVM exactly as {@code bin/balrog-logs} starts it ({@code local[2]}, output on S3Proxy through the
 * S3A magic committer) and is killed with SIGKILL as soon as the bucket shows a write in progress: a pending
 * multipart upload under the output (a task closed its file, the job has not committed it). The kill must leave such
 * debris behind (else it was not mid-write and the test fails rather than pass vacuously). Rerunning the same {@code daily} then exits 0, writes
 * exactly the tables of a local run over the same logs, commits every partition with the magic committer, and leaves
 * no pending multipart upload and no {@code __magic} object: a rerun is all the recovery a killed driver needs.
 */
class DailyS3DriverKillIT {
  static final String BUCKET = "balrog-driver-kill";
  static final String IN = "s3a://" + BUCKET + "/logs";
  static final String OUT_PREFIX = "summary/";
  static final String OUT = "s3a://" + BUCKET + "/summary";
  /** Installs of the generated day (S3DailyRuns uses 300): more rows to aggregate and write. */
  static final int CLIENTS = 3000;
  /** Safety net only: how long the killed run may take to start writing before the test gives up. */
  static final long WRITE_START_LIMIT_SECONDS = 180;

  static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  @TempDir static Path work;
  static S3ProxyServer s3;
  static SparkSession reader;
  static String localOut;
  static Killed killed;
  static CliRun rerun;
  static SortedMap<String, String> afterRerun;
  static List<String> pendingAfterRerun;

  /**
   * What the bucket held right after the kill.
   *
   * @param trigger what was seen under the output that started the kill
   * @param exitCode the killed JVM's exit code (137 when SIGKILL ended it)
   * @param pendingUploads keys of multipart uploads under the output neither completed nor aborted
   * @param magicObjects keys under the output containing {@code __magic}
   * @param successFiles {@code _SUCCESS} keys under the output
   */
  record Killed(
      String trigger, int exitCode, List<String> pendingUploads, List<String> magicObjects,
      List<String> successFiles) {}

  @BeforeAll
  static void killDailyMidWriteThenRerun() throws IOException, InterruptedException {
    Path logs = work.resolve("logs");
    new SampleGenerator()
        .run(new GeneratorConfig(logs, DAY, 1, CLIENTS, 17L, true, false,
            List.of(org.mozilla.balrog.logs.gen.DeploySpec.parse("v9@" + DAY + "T12:00Z")), 1.0), null);
    localOut = work.resolve("local-summary").toString();
    CliRun local = S3DailyRuns.rerun(DAY, logs.toString(), localOut, List.of());
    assertThat(local.exitCode()).as(local.describe()).isZero();

    s3 = S3ProxyServer.start(work);
    s3.createBucket(BUCKET);
    assertThat(s3.upload(logs, BUCKET, "logs")).isPositive();

    killed = startAndKillMidWrite();
    System.out.printf(
        "driver killed (exit %d) on %s: %d pending multipart uploads, %d __magic objects, %d _SUCCESS files%n  "
            + "pending: %s%n  magic: %s%n",
        killed.exitCode(), killed.trigger(), killed.pendingUploads().size(), killed.magicObjects().size(),
        killed.successFiles().size(), killed.pendingUploads(), killed.magicObjects());

    rerun = S3DailyRuns.rerun(DAY, IN, OUT, s3.cliSettings(s3.endpoint(), Map.of()));
    afterRerun = s3.objects(BUCKET, "");
    pendingAfterRerun = s3.pendingUploads(BUCKET);
    System.out.printf(
        "after the rerun (exit %d): %d pending multipart uploads, %d __magic objects%n",
        rerun.exitCode(), pendingAfterRerun.size(), magic(afterRerun.keySet()).size());

    reader = S3DailyRuns.reader(s3.s3aSettings(s3.endpoint()));
  }

  /**
   * Starts {@code daily --date DAY} in its own JVM like {@code bin/balrog-logs}, polls the bucket until a write is in
   * progress under the output, kills the JVM with SIGKILL and records what it left.
   */
  private static Killed startAndKillMidWrite() throws IOException, InterruptedException {
    Path driverLog = work.resolve("killed-driver.log");
    Process driver = driverCommand().directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(driverLog.toFile()).start();
    String trigger = null;
    long started = System.nanoTime();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WRITE_START_LIMIT_SECONDS);
    try {
      while (trigger == null && driver.isAlive() && System.nanoTime() < deadline) {
        // a task has closed its file (upload started, not completed) and the job has not committed yet
        List<String> pending = underOutput(s3.pendingUploads(BUCKET));
        if (!pending.isEmpty()) {
          trigger = "pending upload " + pending.get(0);
        } else {
          Thread.sleep(5);
        }
      }
    } finally {
      driver.destroyForcibly();
      driver.waitFor();
    }
    System.out.printf("driver JVM killed %.1f s after its start%n", (System.nanoTime() - started) / 1e9);
    SortedMap<String, String> objects = s3.objects(BUCKET, OUT_PREFIX);
    Killed k =
        new Killed(
            trigger,
            driver.exitValue(),
            underOutput(s3.pendingUploads(BUCKET)),
            magic(objects.keySet()),
            objects.keySet().stream().filter(key -> key.endsWith("/_SUCCESS")).toList());
    String log = Files.readString(driverLog, StandardCharsets.UTF_8);
    if (trigger == null) {
      throw new AssertionError(
          "the driver was killed too late: it "
              + (driver.exitValue() == 137
                  ? "wrote nothing within " + WRITE_START_LIMIT_SECONDS + " s"
                  : "had already exited with " + driver.exitValue() + " before any write was seen in progress")
              + "; make the day bigger\n--- driver log\n" + log);
    }
    // SIGKILL: 128 + 9; any other code means the process ended on its own before the kill reached it
    assertThat(k.exitCode())
        .as("the driver was killed too late: it had already exited on its own\n--- driver log\n" + log)
        .isEqualTo(137);
    assertThat(k.pendingUploads().size() + k.magicObjects().size())
        .as("the kill left no write in progress, so it was not mid-write: " + k + "\n--- driver log\n" + log)
        .isPositive();
    return k;
  }

  /**
   * {@code java <jvm.options> -cp <jar>:<classpath> Main daily ...} as {@code bin/balrog-logs} runs it; the S3
   * credentials only in the child's environment, read by S3A's environment provider.
   */
  private static ProcessBuilder driverCommand() throws IOException {
    Path target = PROJECT.resolve("target");
    Path jar;
    try (Stream<Path> s = Files.list(target)) {
      jar = s.filter(p -> p.getFileName().toString().matches("balrog-logs-.+\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no balrog-logs jar in " + target + ": run mvn package"));
    }
    List<String> cmd =
        new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    cmd.addAll(
        Arrays.stream(Files.readString(target.resolve("launcher/jvm.options")).strip().split("\\s+"))
            .filter(o -> !o.isEmpty())
            .toList());
    cmd.add("-Dlog4j2.configurationFile=" + target.resolve("launcher/log4j2.properties"));
    cmd.add("-cp");
    cmd.add(jar + File.pathSeparator + Files.readString(target.resolve("classpath.txt")).strip());
    cmd.add("org.mozilla.balrog.logs.cli.Main");
    cmd.addAll(
        List.of("daily", "--master", "local[2]", "--date", DAY.toString(), "--input", IN, "--output", OUT,
            "--max-reject-ratio", "1"));
    Map<String, String> s3a = new LinkedHashMap<>(s3.s3aSettings(s3.endpoint()));
    s3a.keySet().removeAll(Set.of("fs.s3a.access.key", "fs.s3a.secret.key"));
    s3a.put(
        "fs.s3a.aws.credentials.provider",
        "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider");
    s3a.forEach((key, v) -> cmd.addAll(List.of("--set", "spark.hadoop." + key + "=" + v)));

    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb;
  }

  private static List<String> underOutput(List<String> keys) {
    return keys.stream().filter(k -> k.startsWith(OUT_PREFIX)).toList();
  }

  private static List<String> magic(Set<String> keys) {
    return keys.stream().filter(k -> k.contains("__magic")).toList();
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
  void theKillLeftAWriteInProgress() {
    assertThat(killed.exitCode()).isEqualTo(137);
    assertThat(killed.pendingUploads()).isNotEmpty();
    assertThat(killed.magicObjects()).isNotEmpty();
  }

  @Test
  void theRerunExitsZeroWithTheTablesOfALocalRun() {
    assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
    S3DailyRuns.assertSameTables(reader, localOut, OUT);
  }

  @Test
  void theRerunLeavesNoPendingUploadAndNoMagicObject() {
    assertThat(pendingAfterRerun).isEmpty();
    assertThat(magic(afterRerun.keySet())).isEmpty();
  }

  @Test
  void everyPartitionIsCommittedByTheMagicCommitter() throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (SummaryTable t : SummaryTables.all()) {
      String key = OUT_PREFIX + t.name() + "/log_date=" + DAY + "/_SUCCESS";
      assertThat(afterRerun).containsKey(key);
      JsonNode success = json.readTree(s3.get(BUCKET, key));
      assertThat(success.path("committer").asText()).as(key).isEqualTo("magic");
      assertThat(success.path("success").asBoolean()).as(key).isTrue();
      assertThat(success.path("filenames")).as(key).isNotEmpty();
    }
    assertThat(afterRerun.keySet().stream().filter(k -> k.startsWith(OUT_PREFIX) && k.endsWith("/_SUCCESS")))
        .hasSize(SummaryTables.all().size());
  }
}
