package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the rules judge: the push {@code [at, at + duration)} and the summary rows read for it
 * (those of the days up to {@code at} that the rules' windows reach). Rows after {@code at} may be
 * present: every rule looks only at its own window before {@code at}.
 *
 * @param newestRates the end of the newest {@code request_rates} bucket at or before {@code at};
 *     null when there is none
 * @param newestAudit the newest {@code ingest_audit} partition at or before {@code at}'s date; null
 *     when there is none
 */
public record WindowInputs(
    Instant at,
    Duration duration,
    List<UpdateBucket> updates,
    List<AdminWrite> adminWrites,
    List<VersionCount> versions,
    List<JudgedDeploy> judged,
    List<DeployStart> deploys,
    List<ErrorHour> errors,
    Instant newestRates,
    LocalDate newestAudit) {

  public WindowInputs {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(duration, "duration");
    updates = List.copyOf(updates);
    adminWrites = List.copyOf(adminWrites);
    versions = List.copyOf(versions);
    judged = List.copyOf(judged);
    deploys = List.copyOf(deploys);
    errors = List.copyOf(errors);
  }

  /** The push's end. */
  public Instant end() {
    return at.plus(duration);
  }
}
