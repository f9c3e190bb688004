package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Hand-built rule inputs: a push at a time, and whatever rows a test adds. */
final class Inputs {
  Instant at;
  Duration duration = Duration.ofMinutes(30);
  final List<UpdateBucket> updates = new ArrayList<>();
  final List<AdminWrite> writes = new ArrayList<>();
  final List<VersionCount> versions = new ArrayList<>();
  final List<JudgedDeploy> judged = new ArrayList<>();
  final List<DeployStart> deploys = new ArrayList<>();
  final List<ErrorHour> errors = new ArrayList<>();
  Instant newestRates;
  LocalDate newestAudit;

  Inputs(String at) {
    this.at = Instant.parse(at);
    this.newestRates = this.at;
  }

  /** One hour of update traffic ending {@code daysBefore} days before the push: 12 buckets. */
  Inputs hour(int daysBefore, long requestsPerBucket, long errorsPerBucket, Double p95) {
    Instant start = at.minus(Duration.ofDays(daysBefore)).minus(Duration.ofHours(1));
    for (int i = 0; i < 12; i++) {
      updates.add(
          new UpdateBucket(
              start.plus(Duration.ofMinutes(5L * i)), requestsPerBucket, errorsPerBucket, p95));
    }
    return this;
  }

  WindowInputs build() {
    return new WindowInputs(
        at, duration, updates, writes, versions, judged, deploys, errors, newestRates, newestAudit);
  }
}
