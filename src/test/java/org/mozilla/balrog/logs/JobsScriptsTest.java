package org.mozilla.balrog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.sink.SummaryTables;
import org.mozilla.balrog.logs.testing.Scripts;
import org.mozilla.balrog.logs.testing.Scripts.Result;

/**
 * The shell side of {@code jobs/}, without Spark: the command {@code submit.sh} builds from its
 * options files, its usage errors, its partition sync after the day, and {@code backfill.sh}'s
 * order and stop rules. {@code ClusterDailyIT} runs the real thing; {@link DeployGateScriptsTest}
 * the deploy gate.
 */
class JobsScriptsTest {
  static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  @TempDir Path tmp;

  private Result run(Map<String, String> env, String... cmd)
      throws IOException, InterruptedException {
    return Scripts.run(tmp, env, cmd);
  }

  @Test
  void submitPassesSparkLinesAsConfAndOtherLinesAsSetWithTheOverlayLast() throws Exception {
    Path jar = Files.writeString(tmp.resolve("app.jar"), "");
    Path overlay =
        Files.writeString(
            tmp.resolve("env.conf"),
            "spark.executor.memory=1g  # small\npopulation.min-clients=5\n");
    Result r =
        run(
            Map.of(
                "SPARK_SUBMIT", "printf '%s\\n'",
                "BALROG_JAR", jar.toString(),
                "BALROG_MASTER", "spark://127.0.0.1:7077",
                "BALROG_INPUT", "/in",
                "BALROG_OUTPUT", "/out",
                "DAILY_CONF_OVERLAY", overlay.toString()),
            "bash",
            PROJECT.resolve("jobs/daily/submit.sh").toString(),
            "2026-11-01",
            "--verbose");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> args = r.out().lines().toList();
    assertThat(args.subList(0, 6))
        .containsExactly(
            "--class",
            "org.mozilla.balrog.logs.cli.Main",
            "--deploy-mode",
            "client",
            "--master",
            "spark://127.0.0.1:7077");
    int jarAt = args.indexOf(jar.toString());
    List<String> conf = args.subList(0, jarAt);
    assertThat(conf)
        .contains("spark.hadoop.fs.s3a.committer.name=magic", "spark.executor.memory=4g");
    // the overlay's value comes after daily.conf's, and spark-submit keeps the last --conf of a key
    assertThat(conf.lastIndexOf("spark.executor.memory=1g"))
        .isGreaterThan(conf.indexOf("spark.executor.memory=4g"));
    assertThat(conf).noneMatch(a -> a.startsWith("population."));
    assertThat(args.subList(jarAt + 1, args.size()))
        .containsSubsequence(
            "daily",
            "--date",
            "2026-11-01",
            "--input",
            "/in",
            "--output",
            "/out",
            "--max-reject-ratio",
            "0.01",
            "--set",
            "population.min-clients=50",
            "--set",
            "population.min-clients=5",
            "--verbose");
    assertThat(r.err()).contains("submit.sh: daily 2026-11-01:").contains("exit 0");
  }

  @Test
  void submitRejectsABadDateAMissingJarAndAMissingOptionsFileWithTwo() throws Exception {
    Path jar = Files.writeString(tmp.resolve("app.jar"), "");
    String submit = PROJECT.resolve("jobs/daily/submit.sh").toString();
    Result badDate =
        run(
            Map.of("SPARK_SUBMIT", "true", "BALROG_JAR", jar.toString()),
            "bash",
            submit,
            "2026-02-30");
    assertThat(badDate.code()).isEqualTo(2);
    assertThat(badDate.err()).contains("bad date '2026-02-30'").contains("usage:");
    Result noJar =
        run(
            Map.of("SPARK_SUBMIT", "true", "BALROG_JAR", tmp.resolve("nope.jar").toString()),
            "bash",
            submit,
            "2026-11-01");
    assertThat(noJar.code()).isEqualTo(2);
    assertThat(noJar.err()).contains("no application jar");
    Result noConf =
        run(
            Map.of(
                "SPARK_SUBMIT",
                "true",
                "BALROG_JAR",
                jar.toString(),
                "DAILY_CONF",
                tmp.resolve("nope.conf").toString()),
            "bash",
            submit,
            "2026-11-01");
    assertThat(noConf.code()).isEqualTo(2);
    assertThat(noConf.err()).contains("options file not found");
  }

  @Test
  void submitReturnsTheJobsExitCode() throws Exception {
    Path jar = Files.writeString(tmp.resolve("app.jar"), "");
    Result r =
        run(
            Map.of("SPARK_SUBMIT", "bash -c 'exit 3' --", "BALROG_JAR", jar.toString()),
            "bash",
            PROJECT.resolve("jobs/daily/submit.sh").toString(),
            "2026-11-01");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("exit 3");
  }

  private Path executable(String name, String... lines) throws IOException {
    Path f = tmp.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
    return f;
  }

  /**
   * A fake spark-submit that logs each call as one line; {@code ddl} prints one sync statement and
   * exits $DDL_EXIT, the day exits $DAY_EXIT. A fake {@code trino} on PATH logs its arguments and
   * copies its --file.
   */
  private Map<String, String> syncEnv(String... more) throws IOException {
    Path jar = Files.writeString(tmp.resolve("app.jar"), "");
    Path submit =
        executable(
            "fake-spark-submit.sh",
            "echo \"$*\" >> '" + tmp.resolve("submit-calls.txt") + "'",
            "if [[ \" $* \" == *' ddl '* ]]; then",
            "  echo \"CALL system.sync_partition_metadata('x', 'y', 'ADD');\"",
            "  exit ${DDL_EXIT:-0}",
            "fi",
            "exit ${DAY_EXIT:-0}");
    executable(
        "bin/trino",
        "printf '%s\\n' \"$@\" > '" + tmp.resolve("trino-args.txt") + "'",
        "while [[ $# -gt 0 ]]; do [[ $1 == --file ]] && cp \"$2\" '"
            + tmp.resolve("trino-file.sql")
            + "'; shift; done",
        "exit ${TRINO_EXIT:-0}");
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_SUBMIT", submit.toString());
    env.put("BALROG_JAR", jar.toString());
    env.put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private List<String> submitCalls() throws IOException {
    Path calls = tmp.resolve("submit-calls.txt");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  @Test
  void submitSyncsTrinoPartitionsAfterAWrittenDayWithTheConfiguredCli() throws Exception {
    Path overlay =
        Files.writeString(
            tmp.resolve("prod.conf"),
            "DDL_SYNC=trino\nDDL_SCHEMA=balrog\nTRINO_SERVER=https://trino.example:8443\n");
    String submit = PROJECT.resolve("jobs/daily/submit.sh").toString();
    Result ok =
        run(syncEnv("DAILY_CONF_OVERLAY", overlay.toString()), "bash", submit, "2026-11-01");
    assertThat(ok.code()).as(ok.err()).isZero();
    List<String> calls = submitCalls();
    assertThat(calls).hasSize(2);
    // the upper-case settings are submit.sh's own: never passed to the job as --set
    assertThat(calls.get(0)).contains(" daily --date 2026-11-01 ").doesNotContain("DDL_", "TRINO_");
    assertThat(calls.get(1))
        .endsWith(
            "--class org.mozilla.balrog.logs.cli.Main --deploy-mode client "
                + tmp.resolve("app.jar")
                + " ddl --dialect trino --schema balrog --sync-only");
    assertThat(Files.readAllLines(tmp.resolve("trino-args.txt")))
        .containsSubsequence(
            "--server", "https://trino.example:8443", "--catalog", "hive", "--file");
    assertThat(Files.readString(tmp.resolve("trino-file.sql")))
        .isEqualTo("CALL system.sync_partition_metadata('x', 'y', 'ADD');\n");
    assertThat(ok.err()).contains("trino partitions synced in hive.balrog");

    // exit 3 wrote the partitions too: synced, and the alert's code kept
    Files.delete(tmp.resolve("trino-file.sql"));
    Result alert =
        run(
            syncEnv("DAILY_CONF_OVERLAY", overlay.toString(), "DAY_EXIT", "3"),
            "bash",
            submit,
            "2026-11-01");
    assertThat(alert.code()).isEqualTo(3);
    assertThat(tmp.resolve("trino-file.sql")).exists();

    // a failed day writes nothing to sync
    Files.delete(tmp.resolve("submit-calls.txt"));
    Result failed =
        run(
            syncEnv("DAILY_CONF_OVERLAY", overlay.toString(), "DAY_EXIT", "1"),
            "bash",
            submit,
            "2026-11-01");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(submitCalls()).hasSize(1);

    // a failed sync fails the run, so the scheduler retries it (a rerun is safe)
    Result syncFailed =
        run(
            syncEnv("DAILY_CONF_OVERLAY", overlay.toString(), "TRINO_EXIT", "7"),
            "bash",
            submit,
            "2026-11-01");
    assertThat(syncFailed.code()).isEqualTo(1);
    assertThat(syncFailed.err()).contains("trino partition sync failed (exit 7)");
    Result ddlFailed =
        run(
            syncEnv("DAILY_CONF_OVERLAY", overlay.toString(), "DDL_EXIT", "2"),
            "bash",
            submit,
            "2026-11-01");
    assertThat(ddlFailed.code()).isEqualTo(1);
    assertThat(ddlFailed.err()).contains("could not print the partition sync statements");
  }

  @Test
  void submitSyncsNothingForNoneOrAthenaAndRejectsBadSyncSettingsBeforeSpark() throws Exception {
    String submit = PROJECT.resolve("jobs/daily/submit.sh").toString();
    Result none = run(syncEnv(), "bash", submit, "2026-11-01");
    assertThat(none.code()).as(none.err()).isZero();
    assertThat(submitCalls()).hasSize(1);
    assertThat(tmp.resolve("trino-args.txt")).doesNotExist();

    Result athena = run(syncEnv("DDL_SYNC", "athena"), "bash", submit, "2026-11-01");
    assertThat(athena.code()).isZero();
    assertThat(submitCalls()).hasSize(2);
    assertThat(athena.err()).contains("partition projection, no partition sync needed");
    assertThat(tmp.resolve("trino-args.txt")).doesNotExist();

    Files.delete(tmp.resolve("submit-calls.txt"));
    Result bad = run(syncEnv("DDL_SYNC", "hive"), "bash", submit, "2026-11-01");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("DDL_SYNC must be none, athena or trino, not 'hive'");
    Result noCli =
        run(
            syncEnv("DDL_SYNC", "trino", "TRINO_CLI", "no-such-trino"),
            "bash",
            submit,
            "2026-11-01");
    assertThat(noCli.code()).isEqualTo(2);
    assertThat(noCli.err()).contains("no Trino CLI 'no-such-trino'");
    Path typo = Files.writeString(tmp.resolve("typo.conf"), "DDL_SYNCH=trino\n");
    Result unknown =
        run(syncEnv("DAILY_CONF_OVERLAY", typo.toString()), "bash", submit, "2026-11-01");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown setting DDL_SYNCH");
    assertThat(submitCalls()).isEmpty();
  }

  @Test
  void submitTrinoSyncRunsTheRealDdlCommand() throws Exception {
    // spark-submit stand-in: runs the main class on this test's classpath, as spark-submit would
    Path submit =
        executable(
            "java-submit.sh",
            "shift 4; shift  # --class C --deploy-mode client JAR",
            "exec '"
                + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '"
                + System.getProperty("java.class.path")
                + "' org.mozilla.balrog.logs.cli.Main \"$@\"");
    Map<String, String> env = syncEnv("DDL_SYNC", "trino", "DDL_SCHEMA", "balrog");
    Path fakeDay =
        executable(
            "day.sh", "[[ \" $* \" == *' ddl '* ]] && exec '" + submit + "' \"$@\"", "exit 0");
    env.put("SPARK_SUBMIT", fakeDay.toString());
    Result r = run(env, "bash", PROJECT.resolve("jobs/daily/submit.sh").toString(), "2026-11-01");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> sql =
        Files.readAllLines(tmp.resolve("trino-file.sql")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("--"))
            .toList();
    assertThat(sql)
        .containsExactlyElementsOf(
            SummaryTables.all().stream()
                .map(
                    t ->
                        "CALL system.sync_partition_metadata('balrog', '" + t.name() + "', 'ADD');")
                .toList());
  }

  @Test
  void backfillRunsOldestFirstGoesOnAfterAnAlertAndStopsAtAFailure() throws Exception {
    Path calls = tmp.resolve("calls.txt");
    Path fake = tmp.resolve("fake-submit.sh");
    Files.writeString(
        fake,
        String.join(
            "\n",
            "#!/usr/bin/env bash",
            "echo \"$*\" >> '" + calls + "'",
            "[[ \"$1\" == 2026-11-01 ]] && exit 3",
            "[[ \"$1\" == \"${FAIL_ON:-}\" ]] && exit 4",
            "exit 0",
            ""));
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    String backfill = PROJECT.resolve("jobs/backfill/backfill.sh").toString();

    Result alert =
        run(
            Map.of("DAILY_SUBMIT", fake.toString()),
            "bash",
            backfill,
            "2026-10-30",
            "2026-11-02",
            "--verbose");
    assertThat(alert.code()).isEqualTo(3);
    assertThat(Files.readAllLines(calls))
        .containsExactly(
            "2026-10-30 --verbose",
            "2026-10-31 --verbose",
            "2026-11-01 --verbose",
            "2026-11-02 --verbose");
    assertThat(alert.err()).contains("data-quality alerts (exit 3) for: 2026-11-01");

    Files.delete(calls);
    Result failed =
        run(
            Map.of("DAILY_SUBMIT", fake.toString(), "FAIL_ON", "2026-11-02"),
            "bash",
            backfill,
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-04");
    assertThat(failed.code()).isEqualTo(4);
    assertThat(Files.readAllLines(calls)).containsExactly("2026-11-02");
    assertThat(failed.err())
        .contains("2026-11-02 failed with exit 4")
        .contains("backfill.sh 2026-11-02 2026-11-04");

    assertThat(
            run(
                    Map.of("DAILY_SUBMIT", fake.toString()),
                    "bash",
                    backfill,
                    "2026-11-04",
                    "2026-11-01")
                .code())
        .isEqualTo(2);
    assertThat(run(Map.of(), "bash", backfill).code()).isEqualTo(2);
  }

  @Test
  void theDailyReadmeListsEveryTableDailyWrites() throws Exception {
    String readme = Files.readString(PROJECT.resolve("jobs/daily/README.md"));
    int at = readme.indexOf("- **Output:**");
    String output = readme.substring(at, readme.indexOf("\n- **", at + 1));
    List<String> listed =
        java.util.regex.Pattern.compile("`([a-z_]+)`")
            .matcher(output)
            .results()
            .map(m -> m.group(1))
            .filter(n -> !n.equals("log_date"))
            .distinct()
            .toList();
    assertThat(listed)
        .containsExactlyInAnyOrderElementsOf(
            SummaryTables.all().stream().map(t -> t.name()).toList());
    String[] count = {
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "eleven", "twelve"
    };
    assertThat(readme)
        .contains(
            "replaces exactly the "
                + count[SummaryTables.all().size()]
                + " `log_date=D` partitions");
  }
}
