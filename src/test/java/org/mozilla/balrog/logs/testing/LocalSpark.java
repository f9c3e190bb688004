package org.mozilla.balrog.logs.testing;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mozilla.balrog.logs.job.JobConfig;
import org.mozilla.balrog.logs.job.SparkSessions;

/**
 * One real local Spark session per test class ({@code local[2]}, 2 shuffle partitions, otherwise
 * the job's own settings from {@link SparkSessions}), stopped after the class. Register as
 * {@code @RegisterExtension static final LocalSpark SPARK = new LocalSpark();}.
 */
public final class LocalSpark implements BeforeAllCallback, AfterAllCallback {
  private SparkSession session;

  @Override
  public void beforeAll(ExtensionContext context) {
    // the job's own session factory, so tests run with the settings the job runs with
    JobConfig cfg =
        new JobConfig(
            "local[2]", null, null, false, Map.of("spark.sql.shuffle.partitions", "2"), Map.of());
    session = SparkSessions.create(cfg, context.getDisplayName());
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
