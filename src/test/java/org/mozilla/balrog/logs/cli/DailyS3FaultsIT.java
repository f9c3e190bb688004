package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.FaultProxy;
import org.mozilla.balrog.logs.testing.S3DailyRuns;
import org.mozilla.balrog.logs.testing.S3Fixture;

/**
 * {@code daily} on S3 through a fault-injecting proxy: with a fifth of all connections answered
 * {@code 503 SlowDown}, or reset, the run still succeeds and writes exactly the tables of a
 * fault-free local run, because S3A retries; with retries switched off the same faults fail the run
 * with exit 1 and a clear message (the negative control that shows the injection bites).
 *
 * <p>All CLI runs happen in {@code @BeforeAll} (each creates and stops its own Spark session); the
 * reading session starts after them.
 */
class DailyS3FaultsIT {
  static final String BUCKET = "balrog-faults";
  static final String IN = "s3a://" + BUCKET + "/logs";
  static final double SHARE = 0.2;

  /**
   * Fresh connections every 200 ms so faults keep biting (the proxy faults a connection's first
   * request only), and retries as docs/operations.md#s3-settings describes, with short sleeps to
   * keep the test quick.
   */
  static final Map<String, String> RETRIES =
      Map.of(
          "fs.s3a.connection.ttl", "200ms",
          "fs.s3a.attempts.maximum", "2",
          "fs.s3a.retry.limit", "5",
          "fs.s3a.retry.interval", "100ms",
          "fs.s3a.retry.throttle.limit", "10",
          "fs.s3a.retry.throttle.interval", "100ms");

  static final Map<String, String> NO_RETRIES =
      Map.of(
          "fs.s3a.connection.ttl", "200ms",
          "fs.s3a.attempts.maximum", "0",
          "fs.s3a.retry.limit", "0",
          "fs.s3a.retry.throttle.limit", "0");

  @RegisterExtension static final S3Fixture S3 = S3Fixture.withTheDay(BUCKET);
  static String localOut;
  static Outcome slowDown;
  static Outcome reset;
  static Outcome noRetries;

  /**
   * One faulted run: what the CLI said, what the proxy injected, what the bucket held afterwards.
   */
  record Outcome(
      CliRun run, FaultProxy proxy, List<String> pendingUploads, List<String> magicObjects) {}

  @BeforeAll
  static void runDailyThroughFaults() throws IOException {
    localOut = S3DailyRuns.local().summary();

    slowDown = runThrough(new FaultProxy(S3.server().port(), SHARE, 0, 7L), "summary-503", RETRIES);
    reset = runThrough(new FaultProxy(S3.server().port(), 0, SHARE, 11L), "summary-reset", RETRIES);
    noRetries =
        runThrough(
            new FaultProxy(S3.server().port(), SHARE, 0, 7L), "summary-no-retries", NO_RETRIES);
  }

  private static Outcome runThrough(FaultProxy proxy, String out, Map<String, String> retries)
      throws IOException {
    try (proxy) {
      CliRun run = S3DailyRuns.daily(IN, S3.url(out), S3.cliSettingsVia(proxy.endpoint(), retries));
      System.out.println(out + ": exit " + run.exitCode() + ", proxy " + proxy.report());
      return new Outcome(
          run,
          proxy,
          S3.pendingUploads(),
          S3.objects("").keySet().stream().filter(k -> k.contains("__magic")).toList());
    }
  }

  @Test
  void slowDownsAreRetriedAndTheTablesAreExact() {
    assertSurvived(slowDown, "summary-503");
    assertThat(slowDown.proxy().slowDowns()).isPositive();
    assertThat(slowDown.proxy().resets()).isZero();
    assertThat((double) slowDown.proxy().slowDowns() / slowDown.proxy().connections())
        .isGreaterThanOrEqualTo(0.1);
  }

  @Test
  void resetsAreRetriedAndTheTablesAreExact() {
    assertSurvived(reset, "summary-reset");
    assertThat(reset.proxy().resets()).isPositive();
    assertThat(reset.proxy().slowDowns()).isZero();
    assertThat((double) reset.proxy().resets() / reset.proxy().connections())
        .isGreaterThanOrEqualTo(0.1);
  }

  @Test
  void withoutRetriesTheSameFaultsFailTheRunWithExitOne() {
    CliRun run = noRetries.run();
    System.out.println(
        "summary-no-retries: " + noRetries.proxy().report() + "; stderr: " + run.err().strip());
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.FAILURE);
    // Which request meets the first fault depends on timing: a HEAD (no body: the status line's
    // "Slow Down"), a
    // GET/PUT (the XML body's message), or a request whose connection the client gives up on.
    // Either way the user
    // gets one line naming the error and ending with the hint, and no stack trace.
    assertThat(run.err())
        .matches("balrog-logs daily: error: [^\\n]+ \\(run with --verbose for the stack trace\\)\n")
        .doesNotContain("\tat ");
    assertThat(noRetries.proxy().slowDowns()).isPositive();
  }

  private static void assertSurvived(Outcome o, String out) {
    System.out.println(out + ": " + o.proxy().report());
    assertThat(o.run().exitCode()).as(o.run().describe()).isZero();
    assertThat(o.pendingUploads()).isEmpty();
    assertThat(o.magicObjects()).isEmpty();
    S3DailyRuns.assertSameTables(S3.reader(), localOut, S3.url(out));
  }
}
