package org.mozilla.balrog.logs.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.parse.LineParser;
import org.mozilla.balrog.logs.parse.Parsers;

/**
 * Detects the format of a file outside the default layout by parsing its first non-empty lines with
 * every parser and taking the one that accepts the most (at least one). Driver only.
 */
public final class FormatDetector implements InputDiscovery.FormatSniffer {
  static final int SAMPLE_LINES = 20;

  @Override
  public Optional<LogFormat> detect(FileSystem fs, Path file) {
    String[] lines = new String[SAMPLE_LINES];
    int n = 0;
    try (InputStream in = fs.open(file);
        LineReader r = LineReader.open(in)) {
      String line;
      while (n < SAMPLE_LINES && (line = r.next()) != null) {
        if (line != LineReader.TOO_LONG && !line.isBlank()) {
          lines[n++] = line;
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    LogFormat best = null;
    int bestOk = 0;
    for (LogFormat f : LogFormat.values()) {
      LineParser<?> p = Parsers.lineParser(f, null);
      int ok = 0;
      for (int i = 0; i < n; i++) {
        if (p.parse(lines[i]).isOk()) {
          ok++;
        }
      }
      if (ok > bestOk) {
        best = f;
        bestOk = ok;
      }
    }
    return Optional.ofNullable(best);
  }
}
