package org.mozilla.balrog.logs.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.mozilla.balrog.logs.impact.ImpactSubject;
import org.mozilla.balrog.logs.model.BalrogApp;
import org.mozilla.balrog.logs.sink.DeployRow;

/**
 * A deploy to judge: declared, detected, or both (a row of {@code deploys}).
 *
 * @param startedAt first restart (the declared time when no restart burst matched)
 * @param finishedAt last host back up; null when the rollout was not seen in the logs
 * @param hosts hosts that restarted in the rollout (0 when not seen)
 * @param hostsTotal hosts of the app seen in the logs that day
 */
public record Deploy(
    String id,
    BalrogApp app,
    Instant startedAt,
    Instant finishedAt,
    int hosts,
    int hostsTotal,
    boolean schemaMigration,
    Source source,
    String evidence)
    implements ImpactSubject {

  /**
   * The rollout length assumed for a declared deploy whose rollout was not seen: the after window
   * starts this long after the declared time (a rolling restart of Balrog's few hosts takes a few
   * minutes).
   */
  public static final Duration ASSUMED_ROLLOUT = Duration.ofMinutes(10);

  /** Where a deploy comes from; {@link #code()} is the {@code source} column. */
  public enum Source {
    DECLARED("declared"),
    DETECTED("detected"),
    DECLARED_AND_DETECTED("declared+detected");

    private final String code;

    Source(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  public Deploy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(evidence, "evidence");
    if (finishedAt != null && finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "finishedAt " + finishedAt + " is before startedAt " + startedAt);
    }
  }

  /** This deploy as a row of {@code deploys}. */
  public DeployRow row() {
    return new DeployRow(
        id,
        app.code(),
        startedAt,
        finishedAt,
        hosts,
        hostsTotal,
        schemaMigration,
        source.code(),
        evidence);
  }

  /**
   * When the rollout ended: {@link #finishedAt}, or {@link #ASSUMED_ROLLOUT} after the start when
   * not seen.
   */
  public Instant rolloutEnd() {
    return finishedAt != null ? finishedAt : startedAt.plus(ASSUMED_ROLLOUT);
  }
}
