package org.mozilla.balrog.logs.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * The small-cell folds of the population tables (ARCHITECTURE.md 6), in plain Java over population rows: a row with
 * fewer than {@code minClients} clients is folded, with the other small rows of its group, into one row whose keys
 * outside the group are {@code other}. Requests add up, {@code folded_cells} counts the cells a row holds, and a
 * folded row's sketch is the union of its rows' sketches taken in their unsigned byte order ({@link Sketches#union},
 * Spark's {@code hll_union}), so the result does not depend on the order rows arrive in. Rows already folded take
 * part like any other row.
 */
public final class PopulationFolds {
  /**
   * One population row: its keys (strings and booleans, in the table's key order), requests, background requests,
   * the clients estimate, the sketch, and how many cells were folded into it (0 for an ordinary row).
   */
  public record Cell(
      List<Object> keys, long requests, long backgroundRequests, long clients, byte[] sketch, int foldedCells) {}

  /** Rows in a fixed order: by their keys, then by sketch bytes (two rows may share keys: a real version "other"). */
  static final Comparator<Cell> ORDER =
      Comparator.comparing(Cell::keys, PopulationFolds::compareKeys)
          .thenComparing(Cell::sketch, Arrays::compareUnsigned);

  private PopulationFolds() {}

  /**
   * Folds {@code cells} once per level, in order; a level lists the key positions a group keeps. Every row of each
   * group of the last (coarsest) level must be in {@code cells}. The result is sorted by {@link #ORDER}.
   */
  public static List<Cell> fold(List<Cell> cells, long minClients, List<int[]> levels) {
    List<Cell> rows = cells;
    for (int[] kept : levels) {
      rows = foldSmall(rows, minClients, kept);
    }
    List<Cell> out = new ArrayList<>(rows);
    out.sort(ORDER);
    return out;
  }

  /** Rows of at least {@code minClients} clients unchanged, and one row per group of the others. */
  private static List<Cell> foldSmall(List<Cell> cells, long minClients, int[] kept) {
    List<Cell> out = new ArrayList<>();
    Map<List<Object>, List<Cell>> small = new TreeMap<>(PopulationFolds::compareKeys);
    for (Cell c : cells) {
      if (c.clients() >= minClients) {
        out.add(c);
      } else {
        small.computeIfAbsent(groupKeys(c.keys(), kept), k -> new ArrayList<>()).add(c);
      }
    }
    for (List<Cell> members : small.values()) {
      out.add(merge(members, kept));
    }
    return out;
  }

  /** The keys with those not {@code kept} replaced by {@code other}. */
  private static List<Object> groupKeys(List<Object> keys, int[] kept) {
    Object[] g = new Object[keys.size()];
    Arrays.fill(g, SummaryTables.OTHER_VERSION);
    for (int i : kept) {
      g[i] = keys.get(i);
    }
    return List.of(g);
  }

  private static Cell merge(List<Cell> members, int[] kept) {
    long requests = 0;
    long background = 0;
    int folded = 0;
    List<byte[]> sketches = new ArrayList<>();
    for (Cell c : members) {
      requests += c.requests();
      background += c.backgroundRequests();
      folded += c.foldedCells() == 0 ? 1 : c.foldedCells();
      sketches.add(c.sketch());
    }
    sketches.sort(Arrays::compareUnsigned);
    byte[] sketch = sketches.get(0);
    for (int i = 1; i < sketches.size(); i++) {
      sketch = Sketches.union(sketch, sketches.get(i));
    }
    return new Cell(groupKeys(members.get(0).keys(), kept), requests, background, Sketches.estimate(sketch), sketch,
        folded);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
