package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.job.DemoJob;
import org.mozilla.balrog.logs.testing.BuildDir;
import org.mozilla.balrog.logs.testing.CliJvm;
import org.mozilla.balrog.logs.testing.StandaloneCluster;

/**
 * {@code daily} through {@code spark-submit} (local master) with no logging configuration anywhere:
 * no {@code conf/} in SPARK_HOME, no {@code -Dlog4j2.configurationFile}. The jar quiets Spark on
 * its own (cli.RunLogging), so a demo day prints a few lines, none of them a WARN that the run did
 * not cause. Runs the jar of this build: the Spark 4.x one, or under {@code -P spark-3.5} the Spark
 * 3.5 one ({@link BuildDir}).
 */
class SparkSubmitQuietIT {
  @TempDir static Path tmp;

  @Test
  void aDemoDayUnderSparkSubmitIsQuietAndWritesItsTables() throws Exception {
    Path logs = tmp.resolve("demo");
    DemoJob.generate(
        logs, 2000, new PrintStream(java.io.OutputStream.nullOutputStream(), true, "UTF-8"));
    Path home =
        StandaloneCluster.linkJars(
            tmp.resolve("spark-home"),
            Files.readString(BuildDir.path().resolve("classpath.txt")).strip());
    Path emptyConf = Files.createDirectories(tmp.resolve("empty-conf"));
    Path jar;
    try (Stream<Path> s = Files.list(BuildDir.path())) {
      jar =
          s.filter(p -> p.getFileName().toString().matches("balrog-logs-.+\\.jar"))
              .filter(p -> !p.getFileName().toString().startsWith("original-"))
              .findFirst()
              .orElseThrow();
    }
    Path out = tmp.resolve("summary");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(CliJvm.SHORT_RUN_FLAGS);
    cmd.addAll(
        List.of(
            Files.readString(BuildDir.path().resolve("launcher/jvm.options"))
                .strip()
                .split("\\s+")));
    cmd.addAll(
        List.of(
            "-cp",
            home.resolve("jars") + "/*",
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            "local[2]",
            "--conf",
            "spark.ui.enabled=false",
            "--class",
            Main.class.getName(),
            jar.toString(),
            "daily",
            "--input",
            logs.toString(),
            "--output",
            out.toString(),
            "--date",
            DemoJob.FIRST_DAY.plusDays(1).toString(),
            // the demo's logs carry malformed lines on purpose: over the default 1 % on a small day
            "--max-reject-ratio",
            "0.5"));
    Path stdout = tmp.resolve("stdout.txt");
    Path stderr = tmp.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(tmp.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_CONF_DIR", emptyConf.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("SPARK_CONF_DIR_OVERRIDE");
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("spark-submit finished").isTrue();
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    String outText = Files.readString(stdout, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err + outText).isZero();
    assertThat(err.lines().count()).as(err).isLessThanOrEqualTo(40);
    assertThat(err.lines().filter(l -> l.contains(" WARN ") || l.contains(" INFO ")))
        .as("Spark's and Hadoop's lines on stderr")
        .isEmpty();
    assertThat(outText).contains("update_population");
    assertThat(out.resolve("update_population/log_date=" + DemoJob.FIRST_DAY.plusDays(1)))
        .isDirectory();
    assertThat(out.resolve("ingest_audit/log_date=" + DemoJob.FIRST_DAY.plusDays(1))).isDirectory();
  }
}
