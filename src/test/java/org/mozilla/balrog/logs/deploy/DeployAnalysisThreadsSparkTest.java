package org.mozilla.balrog.logs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mozilla.balrog.logs.model.ElbWindowMinute;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.TimeWindow;
import org.mozilla.balrog.logs.testing.LocalSpark;

/**
 * The analysis counts the ELB minutes of its windows in a driver thread of its own, beside the
 * other sources' counts (so in {@code daily} the small sources' jobs run beside the ELB pass), and
 * a failure on either side reaches the caller as it was. The input here is an in-memory {@link
 * DeployInput} without files: one web and one admin deploy declared, no syslog.
 */
class DeployAnalysisThreadsSparkTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();

  static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  static final List<DeclaredDeploy> DECLARED =
      List.of(
          DeclaredDeploy.parse("web-7@2026-11-02T06:00Z"),
          DeclaredDeploy.parse("admin-3@2026-11-02T12:00Z"));

  @Test
  void theElbMinutesAreCountedWhileTheOtherSourcesAreAskedFor() {
    Input input = new Input();
    // the admin access scan, asked for while the windows are counted, waits until the ELB minutes
    // have been asked for: counted one after the other, it would wait in vain
    input.scanWaitsForElb = true;
    input.elbWaitsForScan = true;

    DeployAnalysis.Result r =
        DeployAnalysis.run(
            SPARK.session(), input, DeployAnalysis.Options.of(DECLARED, DAY), m -> {});

    assertThat(r.deploys()).extracting(Deploy::id).containsExactlyInAnyOrder("web-7", "admin-3");
    assertThat(input.elbThread.get()).isNotNull().isNotSameAs(input.scanThread.get());
    assertThat(input.scanThread.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void aFailureCountingTheElbMinutesReachesTheCallerAsItWas() {
    Input input = new Input();
    IllegalStateException boom = new IllegalStateException("aus5 minutes failed");
    input.elbFailure = boom;

    assertThatThrownBy(
            () ->
                DeployAnalysis.run(
                    SPARK.session(), input, DeployAnalysis.Options.of(DECLARED, DAY), m -> {}))
        .isSameAs(boom);
  }

  @Test
  void whenBothSidesFailTheOtherSourcesFailureIsThrownWithTheElbOneAttached() {
    Input input = new Input();
    IllegalStateException elb = new IllegalStateException("aus5 minutes failed");
    IllegalArgumentException scan = new IllegalArgumentException("admin access scan failed");
    input.elbFailure = elb;
    input.scanFailure = scan;

    assertThatThrownBy(
            () ->
                DeployAnalysis.run(
                    SPARK.session(), input, DeployAnalysis.Options.of(DECLARED, DAY), m -> {}))
        .isSameAs(scan)
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(elb));
  }

  /** A day without files that records which threads ask for what, and can wait or fail. */
  static final class Input implements DeployInput {
    final CountDownLatch elbAsked = new CountDownLatch(1);
    final CountDownLatch scanAsked = new CountDownLatch(1);
    final AtomicReference<Thread> elbThread = new AtomicReference<>();
    final AtomicReference<Thread> scanThread = new AtomicReference<>();
    volatile boolean scanWaitsForElb;
    volatile boolean elbWaitsForScan;
    volatile RuntimeException elbFailure;
    volatile RuntimeException scanFailure;

    @Override
    public Dataset<Row> scan(LogSource source, LocalDate from, LocalDate to) {
      if (source == LogSource.ADMIN_NGINX_ACCESS) {
        scanThread.set(Thread.currentThread());
        scanAsked.countDown();
        if (scanWaitsForElb) {
          await(elbAsked, "the ELB minutes were not asked for while the other sources were");
        }
        if (scanFailure != null) {
          throw scanFailure;
        }
      }
      return null;
    }

    @Override
    public List<ElbWindowMinute> elbMinutes(
        LogSource source, LocalDate from, LocalDate to, List<TimeWindow> windows) {
      elbThread.set(Thread.currentThread());
      elbAsked.countDown();
      if (elbWaitsForScan) {
        await(scanAsked, "the other sources were not asked for while the ELB minutes were");
      }
      if (elbFailure != null) {
        throw elbFailure;
      }
      return List.of();
    }

    private static void await(CountDownLatch latch, String otherwise) {
      try {
        if (!latch.await(60, TimeUnit.SECONDS)) {
          throw new AssertionError(otherwise);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    @Override
    public void requireSomeInput(LocalDate day) {}

    @Override
    public Set<LocalDate> daysRead(LogSource source) {
      return Set.of();
    }

    @Override
    public List<KnownSignature> knownSignatures(LocalDate from, LocalDate to) {
      return List.of();
    }

    @Override
    public void countLines() {}

    @Override
    public List<SourceInput> summary() {
      return List.of();
    }

    @Override
    public String filesLine() {
      return "no files";
    }
  }
}
