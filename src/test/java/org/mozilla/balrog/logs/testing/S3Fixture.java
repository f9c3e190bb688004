package org.mozilla.balrog.logs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The S3 set-up of an integration test class, in one place: an {@link S3ProxyServer} started before
 * the class (its data in a temporary folder of its own), one bucket created on it, optionally the
 * generated day of {@link S3DailyRuns#local()} uploaded under {@code logs/}, the {@code fs.s3a.*}
 * settings for the CLI, and a reading Spark session; all stopped and deleted after the class.
 * Register as {@code @RegisterExtension static final S3Fixture S3 = S3Fixture.withTheDay("b");}:
 * the server is up and the bucket filled before the class's {@code @BeforeAll} methods run.
 */
public final class S3Fixture implements BeforeAllCallback, AfterAllCallback {
  /** Where {@link #withTheDay} puts the generated day in the bucket. */
  public static final String LOGS = "logs";

  private final String bucket;
  private final boolean uploadTheDay;
  private Path dir;
  private S3ProxyServer server;
  private SparkSession reader;

  private S3Fixture(String bucket, boolean uploadTheDay) {
    this.bucket = bucket;
    this.uploadTheDay = uploadTheDay;
  }

  /**
   * A bucket holding the shared generated day ({@link S3DailyRuns#local()}) under {@link #LOGS}.
   */
  public static S3Fixture withTheDay(String bucket) {
    return new S3Fixture(bucket, true);
  }

  /** An empty bucket: the class uploads what it needs with {@link #upload}. */
  public static S3Fixture empty(String bucket) {
    return new S3Fixture(bucket, false);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("balrog-s3-fixture-");
    server = S3ProxyServer.start(dir);
    server.createBucket(bucket);
    if (uploadTheDay) {
      upload(S3DailyRuns.local().logs(), LOGS);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (reader != null) {
        reader.stop();
        reader = null;
      }
    } finally {
      if (server != null) {
        server.close();
        server = null;
      }
      S3DailyRuns.deleteTree(dir);
    }
  }

  /** The running server (for its client, port and keys). */
  public S3ProxyServer server() {
    if (server == null) {
      throw new IllegalStateException("S3Fixture is used outside its test class");
    }
    return server;
  }

  public String bucket() {
    return bucket;
  }

  /** {@code s3a://BUCKET/path}. */
  public String url(String path) {
    return "s3a://" + bucket + "/" + path;
  }

  /** {@code s3a://BUCKET/logs}: where {@link #withTheDay} put the day. */
  public String logs() {
    return url(LOGS);
  }

  /**
   * Uploads every file under {@code local} to {@code BUCKET/prefix/}; fails when there is none.
   *
   * @return how many files
   */
  public int upload(Path local, String prefix) throws IOException {
    int n = server().upload(local, bucket, prefix);
    if (n == 0) {
      throw new IllegalStateException("nothing to upload under " + local);
    }
    return n;
  }

  /** The CLI's {@code --set spark.hadoop.fs.s3a.*} arguments for reaching the server directly. */
  public List<String> cliSettings() {
    return cliSettings(Map.of());
  }

  /** {@link #cliSettings()} plus {@code extra} fs.s3a.* settings. */
  public List<String> cliSettings(Map<String, String> extra) {
    return server().cliSettings(server().endpoint(), extra);
  }

  /** The CLI's settings for reaching the server through {@code endpoint} (a proxy in front). */
  public List<String> cliSettingsVia(String endpoint, Map<String, String> extra) {
    return server().cliSettings(endpoint, extra);
  }

  /** Key → ETag of every object of the bucket under {@code prefix}. */
  public SortedMap<String, String> objects(String prefix) {
    return server().objects(bucket, prefix);
  }

  /** Keys of the bucket's multipart uploads neither completed nor aborted. */
  public List<String> pendingUploads() {
    return server().pendingUploads(bucket);
  }

  public byte[] get(String key) {
    return server().get(bucket, key);
  }

  /**
   * A local Spark session reading the server through S3A, started on first use and stopped after
   * the class. Use it only after the class's CLI runs: the CLI would pick up an active session and
   * stop it.
   */
  public SparkSession reader() {
    if (reader == null) {
      reader = S3DailyRuns.reader(server().s3aSettings(server().endpoint()));
    }
    return reader;
  }
}
