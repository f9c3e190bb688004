package org.mozilla.balrog.logs.source;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Files and lines read so far by scans, for progress messages on long runs. Executors add to Spark
 * accumulators as each file finishes; the driver reads them while jobs run. A retried task counts
 * again, so these figures are for progress only, never for the audit (which counts from the scan's
 * own rows).
 */
public final class ScanProgress implements Serializable {
  private static final long serialVersionUID = 1L;
  private final LongAccumulator files;
  private final LongAccumulator lines;

  public ScanProgress(SparkContext sc) {
    files = sc.longAccumulator("balrog-logs files read");
    lines = sc.longAccumulator("balrog-logs lines read");
  }

  void fileDone(long fileLines) {
    files.add(1);
    lines.add(fileLines);
  }

  public long files() {
    return files.value();
  }

  public long lines() {
    return lines.value();
  }
}
