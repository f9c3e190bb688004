package org.mozilla.balrog.logs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback, built from the Maven jars only
 * (docs/development.md#standalone-cluster-tests): a fake {@code SPARK_HOME} whose {@code jars/}
 * links every jar of {@code target/classpath.txt}, one Master JVM and one Worker JVM (2 cores, 1.5
 * GB). Executors are separate JVMs, children of the Worker. The application jar is not in {@code
 * jars/}: as on a real cluster, executors fetch it from the driver.
 *
 * <p>Needs {@code mvn package} first ({@code target/classpath.txt}, {@code
 * target/launcher/jvm.options}), which is why only failsafe ITs use it. Not thread-safe; {@link
 * #close()} kills the JVMs and their children.
 */
public final class StandaloneCluster implements AutoCloseable {
  /** What the Worker offers; an executor must fit ({@code spark.executor.memory} at most this). */
  public static final int WORKER_CORES = 2;

  public static final String WORKER_MEMORY = "1536m";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path sparkHome;
  private final List<String> jvmOptions;
  private final int masterPort;
  private final int masterUiPort;
  private final List<Process> daemons = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process worker;

  private StandaloneCluster(
      Path dir, Path sparkHome, List<String> jvmOptions, int masterPort, int masterUiPort) {
    this.dir = dir;
    this.sparkHome = sparkHome;
    this.jvmOptions = jvmOptions;
    this.masterPort = masterPort;
    this.masterUiPort = masterUiPort;
  }

  /**
   * Builds {@code dir/spark-home}, starts the Master and the Worker and returns once the Master
   * reports one alive worker. Logs go to {@code dir/logs/}; the jars and JVM flags come from the
   * build folder ({@link BuildDir}).
   */
  public static StandaloneCluster start(Path dir) throws IOException, InterruptedException {
    Path target = BuildDir.path();
    Path classpath = target.resolve("classpath.txt");
    Path jvmOptionsFile = target.resolve("launcher/jvm.options");
    if (!Files.isRegularFile(classpath) || !Files.isRegularFile(jvmOptionsFile)) {
      throw new IllegalStateException(
          "run 'mvn package' first: " + classpath + " or " + jvmOptionsFile + " missing");
    }
    Path home = sparkHome(dir.resolve("spark-home"), Files.readString(classpath).strip());
    List<String> opts = new ArrayList<>(CliJvm.SHORT_RUN_FLAGS);
    Arrays.stream(Files.readString(jvmOptionsFile).strip().split("\\s+"))
        .filter(s -> !s.isEmpty())
        .forEach(opts::add);
    StandaloneCluster c = new StandaloneCluster(dir, home, opts, freePort(), freePort());
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("work"));
    try {
      c.daemons.add(
          c.startDaemon(
              "master",
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(c.masterPort),
              "--webui-port",
              String.valueOf(c.masterUiPort)));
      c.waitForMaster(json -> json.path("status").asText().equals("ALIVE"), "master ALIVE");
      c.worker =
          c.startDaemon(
              "worker",
              "org.apache.spark.deploy.worker.Worker",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(freePort()),
              "--webui-port",
              String.valueOf(freePort()),
              "--cores",
              String.valueOf(WORKER_CORES),
              "--memory",
              WORKER_MEMORY,
              "--work-dir",
              dir.resolve("work").toString(),
              c.masterUrl());
      c.daemons.add(c.worker);
      c.waitForMaster(json -> json.path("aliveworkers").asInt() == 1, "1 alive worker");
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:PORT}. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  public Path sparkHome() {
    return sparkHome;
  }

  /**
   * The Worker's {@code --work-dir}: one folder per application, in it one folder per executor id
   * it launched.
   */
  public Path workDir() {
    return dir.resolve("work");
  }

  /**
   * The Java 17 flags every Spark JVM needs ({@code target/launcher/jvm.options}), after {@link
   * CliJvm#SHORT_RUN_FLAGS}: the Master, the Worker and the driver.
   */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /**
   * A {@code SPARK_SUBMIT} command for {@code jobs/daily/submit.sh}: plain {@code java} running
   * {@code SparkSubmit} over this {@code SPARK_HOME} (Maven ships no {@code bin/spark-submit}). In
   * client mode the driver runs in that JVM, so {@code driverMemory} is its heap.
   */
  public String sparkSubmitCommand(String driverMemory) {
    return String.join(" ", javaBin(), "-Xmx" + driverMemory, String.join(" ", jvmOptions))
        + " -cp '"
        + sparkHome.resolve("conf")
        + File.pathSeparator
        + sparkHome.resolve("jars")
        + "/*'"
        + " org.apache.spark.deploy.SparkSubmit";
  }

  /** Environment for any process that talks to the cluster (submit.sh, the driver). */
  public Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME",
        sparkHome.toString(),
        "SPARK_SCALA_VERSION",
        System.getProperty("scala.binary.version", "2.13"),
        "SPARK_LOCAL_IP",
        "127.0.0.1",
        "SPARK_CONF_DIR",
        sparkHome.resolve("conf").toString());
  }

  /** The executor JVMs: the Worker's child processes. */
  public List<ProcessHandle> executors() {
    return worker.toHandle().children().filter(ProcessHandle::isAlive).toList();
  }

  /** The Master's state as JSON ({@code /json/}: workers, activeapps, completedapps). */
  public JsonNode masterState() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("master /json/ answered " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  /**
   * Waits (up to 90 s, then fails with the logs' tails) until the Master's state satisfies {@code
   * ready}.
   */
  public JsonNode waitForMaster(Predicate<JsonNode> ready, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a cluster JVM exited ("
                  + p.exitValue()
                  + ") waiting for "
                  + what
                  + "\n"
                  + logTails());
        }
      }
      try {
        JsonNode state = masterState();
        if (ready.test(state)) {
          return state;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "cluster not ready after " + READY_TIMEOUT + ": " + what + "\n" + logTails());
      }
      Thread.sleep(200);
    }
  }

  /**
   * Kills the Worker's executors, the Worker and the Master (children first, so none is orphaned).
   */
  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      killTree(daemons.get(i).toHandle());
    }
    daemons.clear();
  }

  /** Kills {@code root}'s descendants, then {@code root}, and waits for them to be gone. */
  public static void killTree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(root);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : all) {
      h.onExit().join();
    }
  }

  private Process startDaemon(String name, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m"));
    cmd.addAll(jvmOptions);
    cmd.addAll(
        List.of(
            "-cp",
            sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + "/*"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("logs/" + name + ".log").toFile());
    // SPARK_SCALA_VERSION: without it the Worker's executor launch fails with "Cannot find any
    // build directories."
    pb.environment().putAll(environment());
    return pb.start();
  }

  private String logTails() {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
      for (Path log : logs.sorted().toList()) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        b.append("--- ").append(log.getFileName()).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(l -> b.append(l).append('\n'));
      }
    } catch (IOException e) {
      b.append("(logs unreadable: ").append(e).append(")");
    }
    return b.toString();
  }

  /**
   * {@code home/jars/} = links to every runtime jar; {@code home/conf/log4j2.properties} keeps logs
   * at WARN.
   */
  private static Path sparkHome(Path home, String classpath) throws IOException {
    linkJars(home, classpath);
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.writeString(
        conf.resolve("log4j2.properties"),
        String.join(
            "\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stderr.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex",
            "logger.nativecode.name = org.apache.hadoop.util.NativeCodeLoader",
            "logger.nativecode.level = error",
            ""));
    return home;
  }

  /**
   * {@code home/jars/}: links to every jar of {@code classpath} (the build's {@code
   * classpath.txt}), as a Spark distribution's {@code jars/} holds them; no {@code conf/}.
   */
  public static Path linkJars(Path home, String classpath) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    Set<String> names = new HashSet<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
        continue;
      }
      String name = jar.getFileName().toString();
      // two artifacts may share a file name (same artifactId and version in different groups): keep
      // both
      if (!names.add(name)) {
        name = jar.getParent().getParent().getParent().getFileName() + "-" + name;
      }
      Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
    }
    return home;
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
