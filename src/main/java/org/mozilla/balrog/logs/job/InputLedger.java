package org.mozilla.balrog.logs.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mozilla.balrog.logs.deploy.SourceInput;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * Keeps track of which files a run considered (found for the days its windows touch) and read, per
 * source, and the lines of what it read: the evidence that files outside the windows were not read.
 * Not thread-safe.
 */
final class InputLedger {
  private final Map<LogSource, TreeSet<String>> considered = new EnumMap<>(LogSource.class);
  private final Map<LogSource, TreeSet<String>> read = new EnumMap<>(LogSource.class);
  private final Map<LogSource, long[]> lines = new EnumMap<>(LogSource.class);

  void consider(LogSource source, Collection<InputFile> files) {
    TreeSet<String> set = considered.computeIfAbsent(source, k -> new TreeSet<>());
    files.forEach(f -> set.add(f.path()));
  }

  /** Records files as read (and considered). */
  void read(LogSource source, Collection<InputFile> files) {
    consider(source, files);
    TreeSet<String> set = read.computeIfAbsent(source, k -> new TreeSet<>());
    files.forEach(f -> set.add(f.path()));
  }

  /** Adds lines read and rejected of {@code source}. */
  void counted(LogSource source, long lineCount, long rejected) {
    long[] l = lines.computeIfAbsent(source, k -> new long[2]);
    l[0] += lineCount;
    l[1] += rejected;
  }

  boolean wasRead(LogSource source, InputFile f) {
    return read.getOrDefault(source, new TreeSet<>()).contains(f.path());
  }

  /** One entry per source that had files considered, in source order. */
  List<SourceInput> summary() {
    List<SourceInput> out = new ArrayList<>();
    for (LogSource s : LogSource.values()) {
      if (!considered.containsKey(s)) {
        continue;
      }
      long[] l = lines.getOrDefault(s, new long[2]);
      out.add(
          new SourceInput(
              s.id(),
              considered.get(s).size(),
              read.getOrDefault(s, new TreeSet<>()).size(),
              l[0],
              l[1]));
    }
    return out;
  }
}
