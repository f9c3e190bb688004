package org.mozilla.balrog.logs.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real local Spark session per test class ({@code local[2]}, UI off, 2 shuffle partitions, UTC, java.time
 * values), stopped after the class. Register as {@code @RegisterExtension static final LocalSpark SPARK = new
 * LocalSpark();}.
 */
public final class LocalSpark implements BeforeAllCallback, AfterAllCallback {
  private SparkSession session;

  @Override
  public void beforeAll(ExtensionContext context) {
    session =
        SparkSession.builder()
            .master("local[2]")
            .appName(context.getDisplayName())
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (session != null) {
      session.stop();
      session = null;
    }
  }

  public SparkSession session() {
    if (session == null) {
      throw new IllegalStateException("LocalSpark is used outside its test class");
    }
    return session;
  }
}
