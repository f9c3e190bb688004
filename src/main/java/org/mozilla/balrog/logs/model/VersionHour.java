package org.mozilla.balrog.logs.model;

import java.io.Serializable;

/**
 * The update requests ({@code /update} and {@code /json} routes) of one product, channel
 * (normalized, test channels left out) and version in one UTC hour, over every update domain:
 * counted in the scan tasks, for {@code release_activity}'s version shares.
 *
 * @param hourStart epoch second of the hour's start
 */
public record VersionHour(
    long hourStart, String product, String channel, String version, long requests)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
