package org.mozilla.balrog.logs.source;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.mozilla.balrog.logs.model.SortedLongs;

/**
 * Tallies update requests by {@link UpdateCell} inside one scan task: requests, background
 * requests, the client fingerprints seen and the requests per UTC hour of the day. What leaves the
 * task is one {@link Partial} per cell, its fingerprints sorted and distinct, so a day's two
 * million requests cross the shuffle as a few thousand rows of packed fingerprint arrays. Not
 * thread-safe.
 */
final class PopulationCells {
  /** One cell's tally from one task; {@code fingerprints} sorted ascending, without repeats. */
  public record Partial(
      UpdateCell cell, long requests, long backgroundRequests, long[] fingerprints)
      implements java.io.Serializable {}

  /** Hours of a day. */
  static final int HOURS = 24;

  private static final class Tally {
    final long[] hours = new long[HOURS];
    long requests;
    long background;
    long[] fingerprints = new long[16];
    int n;

    void add(long fingerprint, boolean isBackground) {
      requests++;
      if (isBackground) {
        background++;
      }
      if (n == fingerprints.length) {
        fingerprints = Arrays.copyOf(fingerprints, n * 2);
      }
      fingerprints[n++] = fingerprint;
    }
  }

  private final Map<UpdateCell, Tally> cells = new HashMap<>();

  public void add(UpdateCell cell, long fingerprint, boolean background) {
    add(cell, fingerprint, background, -1);
  }

  /**
   * Adds one request of {@code cell}.
   *
   * @param hour the request's UTC hour of the day (0-23), counted in {@link #hours}; any other
   *     value counts the request in no hour
   */
  public void add(UpdateCell cell, long fingerprint, boolean background, int hour) {
    Tally t = cells.computeIfAbsent(cell, c -> new Tally());
    t.add(fingerprint, background);
    if (hour >= 0 && hour < HOURS) {
      t.hours[hour]++;
    }
  }

  /** Each cell's requests per UTC hour of the day (index 0-23). */
  public void forEachHours(BiConsumer<UpdateCell, long[]> action) {
    cells.forEach((cell, t) -> action.accept(cell, t.hours));
  }

  /** The tallies in {@link UpdateCell#ORDER}. */
  public List<Partial> partials() {
    return cells.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(UpdateCell.ORDER))
        .map(
            e ->
                new Partial(
                    e.getKey(),
                    e.getValue().requests,
                    e.getValue().background,
                    SortedLongs.distinct(e.getValue().fingerprints, e.getValue().n)))
        .toList();
  }
}
