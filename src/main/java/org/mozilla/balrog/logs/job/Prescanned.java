package org.mozilla.balrog.logs.job;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * What the daily job reads of one day: {@link DeployFiles} uses it instead of reading those files
 * again: the nginx and syslog scans when they have the columns the deploy analysis reads, and the
 * day's ELB pass for the minutes of the deploy windows.
 *
 * @param scans scan rows (any {@code _kind}) per nginx or syslog source
 * @param files the files each scan read
 * @param elb the day's ELB files and their pass
 */
record Prescanned(
    LocalDate day,
    Map<LogSource, Dataset<Row>> scans,
    Map<LogSource, List<InputFile>> files,
    ElbDay elb) {
  Prescanned {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(elb, "elb");
    scans = Map.copyOf(scans);
    files = Map.copyOf(files);
  }

  /**
   * The scan of {@code source} when it read some of {@code wanted} and has {@code columns}, else
   * null.
   */
  Dataset<Row> usable(LogSource source, Collection<InputFile> wanted, List<String> columns) {
    Dataset<Row> scan = scans.get(source);
    if (scan == null || !List.of(scan.columns()).containsAll(columns)) {
      return null;
    }
    Set<String> read = paths(source);
    return wanted.stream().anyMatch(f -> read.contains(f.path())) ? scan : null;
  }

  Set<String> paths(LogSource source) {
    Set<String> out = new HashSet<>();
    files.getOrDefault(source, List.of()).forEach(f -> out.add(f.path()));
    return out;
  }
}
