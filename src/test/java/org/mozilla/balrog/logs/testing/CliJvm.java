package org.mozilla.balrog.logs.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The CLI in a JVM of its own, exactly as {@code bin/balrog-logs} starts it: {@code java
 * <jvm.options> -cp <jar>:<classpath> Main ARGS}, with the launcher's log4j configuration. Needs
 * {@code mvn package} (the jar, {@code target/classpath.txt}, {@code target/launcher/}); failsafe
 * runs after it.
 */
public final class CliJvm {
  static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  /**
   * JVM flags for the short runs of small data the tests start as processes: C1 only and the serial
   * collector. Such a run spends most of its CPU compiling hot code it leaves soon after (measured
   * on a generated day: 58 CPU-s with the defaults, 31 CPU-s with these), and on two cores CPU is
   * what the suite waits for. The long-lived test JVMs keep the default (C2 pays off there). Only
   * tests use these; the launcher and the jobs do not.
   */
  public static final List<String> SHORT_RUN_FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private CliJvm() {}

  /**
   * The process for {@code args}. With {@code s3} (may be null) the args get {@code --set
   * spark.hadoop.fs.s3a.*} settings for that server, and its credentials go only into the child's
   * environment, read by S3A's environment provider.
   */
  public static ProcessBuilder command(List<String> args, S3ProxyServer s3) throws IOException {
    Path target = BuildDir.path();
    Path jar;
    try (Stream<Path> s = Files.list(target)) {
      jar =
          s.filter(p -> p.getFileName().toString().matches("balrog-logs-.+\\.jar"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no balrog-logs jar in " + target + ": run mvn package"));
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    cmd.addAll(SHORT_RUN_FLAGS);
    cmd.addAll(
        Arrays.stream(
                Files.readString(target.resolve("launcher/jvm.options")).strip().split("\\s+"))
            .filter(o -> !o.isEmpty())
            .toList());
    cmd.add("-Dlog4j2.configurationFile=" + target.resolve("launcher/log4j2.properties"));
    cmd.add("-cp");
    cmd.add(jar + File.pathSeparator + Files.readString(target.resolve("classpath.txt")).strip());
    cmd.add("org.mozilla.balrog.logs.cli.Main");
    cmd.addAll(args);
    if (s3 != null) {
      Map<String, String> s3a = new LinkedHashMap<>(s3.s3aSettings(s3.endpoint()));
      s3a.keySet().removeAll(Set.of("fs.s3a.access.key", "fs.s3a.secret.key"));
      s3a.put(
          "fs.s3a.aws.credentials.provider",
          "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider");
      s3a.forEach((key, v) -> cmd.addAll(List.of("--set", "spark.hadoop." + key + "=" + v)));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    if (s3 != null) {
      env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
      env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_EC2_METADATA_DISABLED", "true");
    }
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb;
  }
}
