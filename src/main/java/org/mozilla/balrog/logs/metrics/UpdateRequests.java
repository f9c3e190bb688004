package org.mozilla.balrog.logs.metrics;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * Update requests (docs/design.md#update-requests: {@code /update} and {@code /json}; Dockerflow
 * and other paths left out): which sources carry them. What one request counts for is {@link
 * org.mozilla.balrog.logs.source.UpdateCell}'s; the ELB pass ({@link
 * org.mozilla.balrog.logs.source.ElbPass}) applies it while it parses.
 */
public final class UpdateRequests {
  /** The update domains, whose requests make the population. */
  public static final Set<LogSource> DOMAINS =
      Collections.unmodifiableSet(EnumSet.of(LogSource.AUS3, LogSource.AUS4, LogSource.AUS5));

  private UpdateRequests() {}
}
