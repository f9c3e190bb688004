package org.mozilla.balrog.logs.metrics;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * Distinct-count sketches: DataSketches HLL_8 images, the format Spark's {@code hll_sketch_agg},
 * {@code hll_union_agg} and {@code hll_sketch_estimate} read and write (docs/design.md#sketches),
 * so stored sketches can be merged in Spark SQL too.
 *
 * <p>Why not Spark's {@code hll_sketch_agg} directly: a DataSketches image (and even its HIP
 * estimate) depends on the order values arrive in, and Spark's shuffle order is not deterministic;
 * a rerun would then write different bytes and slightly different {@code clients}. Here values are
 * fed in a deterministic order (sorted fingerprints, sketches in a sorted list, see {@link
 * UpdatePopulation}), so the same input always gives the same row. {@link #union} and {@link
 * #estimate} compute what Spark's {@code hll_union} and {@code hll_sketch_estimate} do.
 */
public final class Sketches {
  /**
   * lgK 14: relative standard error 1.04/sqrt(2^14) = 0.81 %, within the 1 % the population table
   * promises.
   */
  public static final int DEFAULT_LG_K = 14;

  private Sketches() {}

  /** Builds one sketch from values in the order given. Not thread-safe. */
  public static final class Builder {
    private final HllSketch sketch;

    public Builder(int lgK) {
      sketch = new HllSketch(lgK, TgtHllType.HLL_8);
    }

    public void add(long value) {
      sketch.update(value);
    }

    public byte[] toBytes() {
      return sketch.toUpdatableByteArray();
    }
  }

  /**
   * Spark's {@code hll_union(a, b)}: a DataSketches union with the smaller lgK of the two, updated
   * with {@code a} then {@code b}, as an updatable HLL_8 image.
   */
  public static byte[] union(byte[] a, byte[] b) {
    HllSketch first = HllSketch.heapify(Memory.wrap(a));
    HllSketch second = HllSketch.heapify(Memory.wrap(b));
    Union union = new Union(Math.min(first.getLgConfigK(), second.getLgConfigK()));
    union.update(first);
    union.update(second);
    return union.getResult(TgtHllType.HLL_8).toUpdatableByteArray();
  }

  /** Spark's {@code hll_sketch_estimate}: the sketch's estimate, rounded. */
  public static long estimate(byte[] sketch) {
    return Math.round(HllSketch.heapify(Memory.wrap(sketch)).getEstimate());
  }

  /** Valid lgK for Spark's HLL functions (4..21). */
  public static int checkLgK(int lgK) {
    if (lgK < 4 || lgK > 21) {
      throw new IllegalArgumentException("population.lg-k must be between 4 and 21: " + lgK);
    }
    return lgK;
  }
}
