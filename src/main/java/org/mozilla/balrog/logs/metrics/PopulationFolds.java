package org.mozilla.balrog.logs.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.mozilla.balrog.logs.parse.url.UpdateValues;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * The small-cell folds of the population tables (docs/design.md#folding), in plain Java over
 * population rows.
 *
 * <p>Folds run level by level, in the order of the questions people ask: os/arch, then version,
 * then channel, then product. At each level a row is folded when the distinct clients of its
 * <em>decision group</em> (the rows that share its value at that level and every coarser key: for
 * the version level, all rows of that version) are fewer than {@code minClients}, and its value is
 * not exempt (a Balrog channel name, say). Folded rows merge, per <em>kept</em> keys, into one row
 * whose other keys are {@code other}. So a small os/arch cell keeps its version, and a version
 * leaves its channel only when the whole version is small: no coarser grain loses clients to a
 * finer fold.
 *
 * <p>Requests add up, {@code folded_cells} counts the cells a row holds, and a group's clients and
 * a folded row's sketch are unions of sketches taken in their unsigned byte order ({@link
 * Sketches#union}, Spark's {@code hll_union}), so the result does not depend on the order rows
 * arrive in. Rows already folded take part like any other row.
 */
final class PopulationFolds {
  /**
   * One population row: its keys (strings, booleans or null, in the table's key order), requests,
   * background requests, the clients estimate, the sketch, and how many cells were folded into it
   * (0 for an ordinary row).
   */
  public record Cell(
      List<Object> keys,
      long requests,
      long backgroundRequests,
      long clients,
      byte[] sketch,
      int foldedCells) {}

  /**
   * Values that stay visible even below the threshold: Balrog's own vocabulary, not text a client
   * made up.
   */
  public enum Exempt {
    /** Nothing is exempt. */
    NONE,
    /** Balrog's channel names ({@link UpdateValues#isBalrogChannel}). */
    BALROG_CHANNEL,
    /** Version numbers in Mozilla's syntax ({@link UpdateValues#isVersion}). */
    VERSION_SYNTAX,
    /** The products Balrog serves ({@link UpdateValues#isKnownProduct}). */
    KNOWN_PRODUCT;

    boolean covers(Object value) {
      return switch (this) {
        case NONE -> false;
        case BALROG_CHANNEL -> value instanceof String s && UpdateValues.isBalrogChannel(s);
        case VERSION_SYNTAX -> value instanceof String s && UpdateValues.isVersion(s);
        case KNOWN_PRODUCT -> value instanceof String s && UpdateValues.isKnownProduct(s);
      };
    }
  }

  /**
   * One fold level.
   *
   * @param grain what the level hides (os_arch, version, channel, product): the name in {@code
   *     update_population_folds}
   * @param decision key positions of the decision group (the rows whose union must reach the
   *     threshold)
   * @param kept key positions a folded row keeps; the others become {@code other}
   * @param subject key position whose value {@code exempt} looks at, or -1
   * @param exempt values of the subject that are never folded
   */
  public record Level(String grain, int[] decision, int[] kept, int subject, Exempt exempt)
      implements Serializable {
    public Level {
      Objects.requireNonNull(grain, "grain");
      Objects.requireNonNull(exempt, "exempt");
      decision = decision.clone();
      kept = kept.clone();
    }
  }

  /**
   * Rows in a fixed order: by their keys, then by sketch bytes (two rows may share keys: a real
   * version "other").
   */
  static final Comparator<Cell> ORDER =
      Comparator.comparing(Cell::keys, PopulationFolds::compareKeys)
          .thenComparing(Cell::sketch, Arrays::compareUnsigned);

  private PopulationFolds() {}

  /**
   * Folds {@code cells} once per level, in order. Every row of each decision group and each kept
   * group must be in {@code cells}. The result is sorted by {@link #ORDER}.
   */
  public static List<Cell> fold(List<Cell> cells, long minClients, List<Level> levels) {
    List<Cell> rows = cells;
    for (Level level : levels) {
      rows = foldLevel(rows, minClients, level);
    }
    List<Cell> out = new ArrayList<>(rows);
    out.sort(ORDER);
    return out;
  }

  /**
   * Rows of decision groups that reach {@code minClients} (or are exempt) unchanged, one row per
   * kept group of the rest.
   */
  private static List<Cell> foldLevel(List<Cell> cells, long minClients, Level level) {
    Map<List<Object>, List<Cell>> groups = new TreeMap<>(PopulationFolds::compareKeys);
    for (Cell c : cells) {
      groups.computeIfAbsent(project(c.keys(), level.decision()), k -> new ArrayList<>()).add(c);
    }
    List<Cell> out = new ArrayList<>();
    Map<List<Object>, List<Cell>> small = new TreeMap<>(PopulationFolds::compareKeys);
    for (List<Cell> group : groups.values()) {
      Cell first = group.get(0);
      boolean exempt =
          level.subject() >= 0 && level.exempt().covers(first.keys().get(level.subject()));
      if (exempt || clients(group) >= minClients) {
        out.addAll(group);
      } else {
        for (Cell c : group) {
          small.computeIfAbsent(groupKeys(c.keys(), level.kept()), k -> new ArrayList<>()).add(c);
        }
      }
    }
    for (Map.Entry<List<Object>, List<Cell>> e : small.entrySet()) {
      out.add(merge(e.getKey(), e.getValue()));
    }
    return out;
  }

  /**
   * Distinct clients of the rows together: the row's own estimate for one row, else the union's.
   */
  private static long clients(List<Cell> rows) {
    return rows.size() == 1 ? rows.get(0).clients() : Sketches.estimate(union(rows));
  }

  /** The union of the rows' sketches, taken in unsigned byte order. */
  static byte[] union(List<Cell> rows) {
    List<byte[]> sketches = new ArrayList<>(rows.size());
    for (Cell c : rows) {
      sketches.add(c.sketch());
    }
    sketches.sort(Arrays::compareUnsigned);
    byte[] sketch = sketches.get(0);
    for (int i = 1; i < sketches.size(); i++) {
      sketch = Sketches.union(sketch, sketches.get(i));
    }
    return sketch;
  }

  /**
   * The rows as one row with the given keys: requests added up, the sketches' union, and the cells
   * they hold (an ordinary row counts as one cell).
   */
  public static Cell merge(List<Object> keys, List<Cell> members) {
    long requests = 0;
    long background = 0;
    int folded = 0;
    for (Cell c : members) {
      requests += c.requests();
      background += c.backgroundRequests();
      folded += c.foldedCells() == 0 ? 1 : c.foldedCells();
    }
    byte[] sketch = union(members);
    return new Cell(keys, requests, background, Sketches.estimate(sketch), sketch, folded);
  }

  /**
   * The rows grouped by the key positions {@code by} (the other positions set to {@code fill}),
   * each group merged ({@link #merge}, without counting folded cells: a roll-up is not a fold), in
   * {@link #ORDER}.
   */
  public static List<Cell> rollUp(List<Cell> rows, int[] by, Object fill) {
    Map<List<Object>, List<Cell>> groups = new TreeMap<>(PopulationFolds::compareKeys);
    for (Cell c : rows) {
      Object[] k = new Object[c.keys().size()];
      Arrays.fill(k, fill);
      for (int i : by) {
        k[i] = c.keys().get(i);
      }
      groups.computeIfAbsent(Arrays.asList(k), x -> new ArrayList<>()).add(c);
    }
    List<Cell> out = new ArrayList<>(groups.size());
    for (Map.Entry<List<Object>, List<Cell>> e : groups.entrySet()) {
      Cell m = merge(e.getKey(), e.getValue());
      out.add(new Cell(m.keys(), m.requests(), m.backgroundRequests(), m.clients(), m.sketch(), 0));
    }
    out.sort(ORDER);
    return out;
  }

  /**
   * What a grain hides: rows whose value there is {@code other}, their requests and distinct
   * clients.
   */
  public record Hidden(String grain, long rows, long requests, long clients) {}

  /**
   * What {@code grain} hides in {@code rows}: the rows whose keys at {@code positions} are all
   * {@code other}, their requests, and the union of their clients.
   */
  public static Hidden hidden(String grain, List<Cell> rows, int... positions) {
    List<Cell> other = new ArrayList<>();
    long requests = 0;
    for (Cell c : rows) {
      boolean all = true;
      for (int p : positions) {
        all &= SummaryTables.OTHER.equals(c.keys().get(p));
      }
      if (all) {
        other.add(c);
        requests += c.requests();
      }
    }
    return new Hidden(
        grain, other.size(), requests, other.isEmpty() ? 0 : Sketches.estimate(union(other)));
  }

  /** The keys at {@code positions}, in that order. */
  private static List<Object> project(List<Object> keys, int[] positions) {
    Object[] g = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      g[i] = keys.get(positions[i]);
    }
    return Arrays.asList(g);
  }

  /** The keys with those not {@code kept} replaced by {@code other}. */
  private static List<Object> groupKeys(List<Object> keys, int[] kept) {
    Object[] g = new Object[keys.size()];
    Arrays.fill(g, SummaryTables.OTHER);
    for (int i : kept) {
      g[i] = keys.get(i);
    }
    return Arrays.asList(g);
  }

  /** Key by key, nulls first (a roll-up's null marks "all values"). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? -1 : 1;
        }
        continue;
      }
      int c = ((Comparable) x).compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
