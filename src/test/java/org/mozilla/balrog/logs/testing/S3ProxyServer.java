package org.mozilla.balrog.logs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server on loopback for integration tests: gaul S3Proxy (filesystem backend,
 * SigV2/V4 signatures checked) started from {@code
 * target/test-servers/s3proxy-jar-with-dependencies.jar} in its own JVM, so its AWS SDK and logging
 * never meet Spark's classpath. Plus an SDK client for setting up buckets and inspecting what a job
 * left behind.
 *
 * <p>Credentials: the {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} of the test JVM when
 * both are set (failsafe sets test-only values, so S3A can read them from the environment like in
 * production), otherwise fixed test values that {@link #s3aSettings} then passes as configuration.
 *
 * <p>One server per test class, started and stopped by {@link S3Fixture}; not thread-safe.
 */
public final class S3ProxyServer implements AutoCloseable {
  /**
   * Where the pom's {@code fetch-test-servers} execution puts the jar; failsafe passes it as a
   * system property.
   */
  static final String JAR_PROPERTY = "s3proxy.jar";

  private static final String DEFAULT_JAR = "target/test-servers/s3proxy-jar-with-dependencies.jar";
  private static final int STARTUP_SECONDS = 60;

  private final Process process;
  private final Path log;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private final boolean fromEnvironment;
  private final S3Client client;

  private S3ProxyServer(
      Process process,
      Path log,
      int port,
      String accessKey,
      String secretKey,
      boolean fromEnvironment) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.fromEnvironment = fromEnvironment;
    this.client =
        S3Client.builder()
            .endpointOverride(URI.create(endpoint()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();
  }

  /**
   * Starts a server whose data and logs live under {@code workDir} and waits until it answers HTTP.
   *
   * @throws IllegalStateException when the jar is missing or the server does not come up within a
   *     minute
   */
  public static S3ProxyServer start(Path workDir) throws IOException {
    Path jar = Paths.get(System.getProperty(JAR_PROPERTY, DEFAULT_JAR));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: run the generate-test-resources phase (mvn verify)");
    }
    String envKey = System.getenv("AWS_ACCESS_KEY_ID");
    String envSecret = System.getenv("AWS_SECRET_ACCESS_KEY");
    boolean fromEnv =
        envKey != null && !envKey.isBlank() && envSecret != null && !envSecret.isBlank();
    String accessKey = fromEnv ? envKey : "AKIABALROGLOGSLOCAL1";
    String secretKey = fromEnv ? envSecret : "balrogLogsLocalSecret0c8d2b6e4a9f1357";

    int port = freePort();
    Path data = Files.createDirectories(workDir.resolve("s3proxy-data"));
    Path conf = workDir.resolve("s3proxy.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + accessKey,
            "s3proxy.credential=" + secretKey,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + data,
            ""),
        StandardCharsets.UTF_8);
    // S3Proxy logs every request at DEBUG without a configuration
    Path logback = workDir.resolve("s3proxy-logback.xml");
    Files.writeString(
        logback,
        """
        <configuration>
          <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss} %-5level %logger{20}: %msg%n</pattern></encoder>
          </appender>
          <root level="WARN"><appender-ref ref="out"/></root>
        </configuration>
        """,
        StandardCharsets.UTF_8);
    Path log = workDir.resolve("s3proxy.log");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-Dlogback.configurationFile=" + logback,
                "-jar",
                jar.toString(),
                "--properties",
                conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3ProxyServer server = new S3ProxyServer(p, log, port, accessKey, secretKey, fromEnv);
    try {
      server.awaitUp();
    } catch (RuntimeException | IOException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Any HTTP status means the server is up (an unsigned request gets 403). */
  private void awaitUp() throws IOException {
    long deadline = System.nanoTime() + STARTUP_SECONDS * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with " + process.exitValue() + ":\n" + logText());
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        c.getResponseCode();
        c.disconnect();
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for S3Proxy", e);
        }
      }
    }
    throw new IllegalStateException(
        "S3Proxy did not answer within " + STARTUP_SECONDS + " s:\n" + logText());
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /**
   * The {@code fs.s3a.*} settings (without the {@code spark.hadoop.} prefix) for reaching this
   * server through {@code endpoint}: this server's, or a proxy's in front of it. Credentials come
   * from the environment when the server took them from there, else they are part of the settings.
   */
  public Map<String, String> s3aSettings(String endpoint) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fs.s3a.endpoint", endpoint);
    m.put("fs.s3a.endpoint.region", "us-east-1");
    m.put("fs.s3a.path.style.access", "true");
    m.put("fs.s3a.connection.ssl.enabled", "false");
    if (fromEnvironment) {
      // only the environment: never the EC2 metadata endpoint of the default chain
      m.put(
          "fs.s3a.aws.credentials.provider",
          "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider");
    } else {
      m.put(
          "fs.s3a.aws.credentials.provider",
          "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      m.put("fs.s3a.access.key", accessKey);
      m.put("fs.s3a.secret.key", secretKey);
    }
    return m;
  }

  /**
   * {@code --set spark.hadoop.K=V} arguments for {@link #s3aSettings} plus {@code extra} (fs.s3a.*
   * keys).
   */
  public List<String> cliSettings(String endpoint, Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(s3aSettings(endpoint));
    all.putAll(extra);
    List<String> args = new ArrayList<>();
    all.forEach(
        (k, v) -> {
          args.add("--set");
          args.add("spark.hadoop." + k + "=" + v);
        });
    return args;
  }

  public S3Client client() {
    return client;
  }

  public void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  /**
   * Uploads every file under {@code dir} to {@code bucket/prefix/<relative path>}; returns how
   * many.
   */
  public int upload(Path dir, String bucket, String prefix) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String key = prefix + "/" + dir.relativize(f).toString().replace('\\', '/');
      client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(f));
    }
    return files.size();
  }

  /** Key → ETag of every object under {@code prefix}, sorted by key. */
  public SortedMap<String, String> objects(String bucket, String prefix) {
    SortedMap<String, String> m = new TreeMap<>();
    for (S3Object o :
        client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      m.put(o.key(), o.eTag());
    }
    return m;
  }

  /** Keys of the multipart uploads that were started and neither completed nor aborted. */
  public List<String> pendingUploads(String bucket) {
    return client.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
        .map(MultipartUpload::key)
        .toList();
  }

  public byte[] get(String bucket, String key) {
    return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  @Override
  public void close() {
    client.close();
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
