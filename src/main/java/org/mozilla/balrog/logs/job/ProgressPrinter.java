package org.mozilla.balrog.logs.job;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mozilla.balrog.logs.source.ScanProgress;

/**
 * Prints "files and lines done, lines/s" every {@code intervalSeconds} while a long step runs, and
 * only when something moved. Driver only; close it when the step ends.
 */
final class ProgressPrinter implements AutoCloseable {
  private final ScheduledExecutorService timer;
  private final long startNanos = System.nanoTime();
  private long lastLines = -1;

  ProgressPrinter(
      String label, ScanProgress progress, long totalFiles, PrintStream out, long intervalSeconds) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "balrog-logs-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          long lines = progress.lines();
          if (lines == lastLines) {
            return;
          }
          lastLines = lines;
          double secs = (System.nanoTime() - startNanos) / 1e9;
          out.printf(
              Locale.ROOT,
              "%s: %d/%d files, %,d lines read, %,.0f lines/s%n",
              label,
              progress.files(),
              totalFiles,
              lines,
              secs > 0 ? lines / secs : 0.0);
        },
        intervalSeconds,
        intervalSeconds,
        TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
