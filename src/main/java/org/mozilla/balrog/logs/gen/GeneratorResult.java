package org.mozilla.balrog.logs.gen;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * What a generator run wrote.
 *
 * @param manifest the ground-truth {@code manifest.json}
 * @param linesPerSource physical lines written per source (malformed lines included), in {@link
 *     LogSource} order
 * @param elapsedMs wall-clock duration of the run
 */
public record GeneratorResult(Path manifest, Map<LogSource, Long> linesPerSource, long elapsedMs) {

  public GeneratorResult {
    EnumMap<LogSource, Long> copy = new EnumMap<>(LogSource.class);
    copy.putAll(linesPerSource);
    linesPerSource = Collections.unmodifiableMap(copy);
  }

  public long totalLines() {
    return linesPerSource.values().stream().mapToLong(Long::longValue).sum();
  }
}
