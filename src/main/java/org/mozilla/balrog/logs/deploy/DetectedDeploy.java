package org.mozilla.balrog.logs.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.mozilla.balrog.logs.model.BalrogApp;

/**
 * A rollout seen in the logs: a burst of restarts across most hosts of an app.
 *
 * @param startedAt the burst's first restart marker
 * @param finishedAt the last host's ready marker (the burst's last marker when no ready line was
 *     seen)
 * @param hosts the hosts that restarted, sorted
 * @param hostsTotal hosts of the app seen in the logs that day
 * @param evidence what was seen, in words
 */
record DetectedDeploy(
    BalrogApp app,
    Instant startedAt,
    Instant finishedAt,
    List<String> hosts,
    int hostsTotal,
    boolean schemaMigration,
    String evidence) {
  public DetectedDeploy {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(evidence, "evidence");
    if (finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "finishedAt " + finishedAt + " is before startedAt " + startedAt);
    }
  }
}
