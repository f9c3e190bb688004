package org.mozilla.balrog.logs.window;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code release_activity} row of signal {@code update_version}: the update requests of one
 * product, channel and version in the UTC hour starting at {@code hour}.
 */
public record VersionCount(
    Instant hour, String product, String channel, String version, long requests) {
  public VersionCount {
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(version, "version");
  }
}
