package org.mozilla.balrog.logs.window;

import java.time.Duration;
import java.time.Instant;

/**
 * How far behind the push the evidence is: the end of the newest {@code request_rates} bucket at or
 * before it (and, for the record, the newest {@code ingest_audit} partition). No-go when it is
 * older than {@code window.max-staleness}: the evidence is too old to judge.
 */
public final class FreshnessRule implements WindowRule {
  public static final String ID = "freshness";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Reason judge(WindowInputs in, WindowSettings s) {
    String audit =
        in.newestAudit() == null
            ? "no ingest_audit partition"
            : "newest ingest_audit partition " + in.newestAudit();
    Instant since = in.at().minus(s.maxStaleness());
    if (in.newestRates() == null) {
      return Reason.of(
          ID,
          Call.NO_GO,
          "no request_rates data at or before the push (" + audit + "): nothing to judge on",
          new Evidence("request_rates", since, in.at(), 0));
    }
    Duration lag = Duration.between(in.newestRates(), in.at());
    if (lag.isNegative()) {
      lag = Duration.ZERO;
    }
    String text =
        "newest request_rates data ends "
            + Times.utc(in.newestRates())
            + ", "
            + Times.duration(lag)
            + " before the push; "
            + audit;
    Evidence ev =
        new Evidence(
            "request_rates", in.newestRates().minus(Duration.ofMinutes(5)), in.newestRates(), 1);
    if (lag.compareTo(s.maxStaleness()) > 0) {
      return Reason.of(
          ID,
          Call.NO_GO,
          text + "; older than " + Times.duration(s.maxStaleness()) + ": evidence too old to judge",
          ev);
    }
    return Reason.of(ID, Call.GO, text, ev);
  }
}
