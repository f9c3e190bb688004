package org.mozilla.balrog.logs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;

class LatencySketchTest {
  static final double[] QS = {0.0, 0.01, 0.5, 0.95, 0.99, 1.0};

  static double nearestRank(List<Double> values, double q) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int rank = (int) Math.min(s.size(), Math.max(1, (long) Math.ceil(q * s.size())));
    return s.get(rank - 1);
  }

  static List<Double> latencies(int n, long seed) {
    Random r = new Random(seed);
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // lognormal around 40 ms, microsecond precision as ELB logs them
      out.add(Math.round(Math.exp(Math.log(40) + r.nextGaussian()) * 1000.0) / 1000.0);
    }
    return out;
  }

  @Test
  void anEmptySketchHasNoPercentiles() {
    assertThat(new LatencySketch().quantile(0.5)).isNull();
    assertThat(new LatencySketch().count()).isZero();
  }

  @Test
  void upToTheExactLimitPercentilesAreTheValuesOfTheirRank() {
    List<Double> v = latencies(LatencySketch.EXACT, 1);
    LatencySketch s = new LatencySketch();
    v.forEach(s::add);
    for (double q : QS) {
      assertThat(s.quantile(q)).as("q=" + q).isEqualTo(nearestRank(v, q));
    }
  }

  @Test
  void beyondItPercentilesStayWithinATenthOfAPercentOfTheValueOfTheirRank() {
    List<Double> v = latencies(20_000, 2);
    LatencySketch s = new LatencySketch();
    v.forEach(s::add);
    assertThat(s.count()).isEqualTo(20_000);
    for (double q : QS) {
      double want = nearestRank(v, q);
      assertThat(s.quantile(q)).as("q=" + q).isCloseTo(want, within(want * 0.001 + 0.001));
    }
  }

  @Test
  void mergedSketchesDoNotDependOnHowOrInWhatOrderTheValuesWereSplit() throws Exception {
    List<Double> v = latencies(3_000, 3);
    LatencySketch whole = new LatencySketch();
    v.forEach(whole::add);
    for (int parts : new int[] {2, 7, 40}) {
      List<LatencySketch> sketches = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        sketches.add(new LatencySketch());
      }
      for (int i = 0; i < v.size(); i++) {
        sketches.get(i % parts).add(v.get(i));
      }
      Collections.reverse(sketches);
      LatencySketch merged = roundTrip(sketches.get(0));
      for (int p = 1; p < parts; p++) {
        merged.merge(roundTrip(sketches.get(p)));
      }
      assertThat(merged.count()).isEqualTo(whole.count());
      for (double q : QS) {
        assertThat(merged.quantile(q)).as(parts + " parts, q=" + q).isEqualTo(whole.quantile(q));
      }
    }
  }

  /**
   * The percentile HdrHistogram's own packed histogram of whole microseconds gives: the middle of
   * the range that holds the value of rank {@code ceil(q n)}.
   */
  static double packedReference(List<Double> values, double q) {
    PackedHistogram h = new PackedHistogram(LatencySketch.DIGITS);
    values.forEach(v -> h.recordValue(Math.round(v * 1000.0)));
    long rank = Math.min(values.size(), Math.max(1, (long) Math.ceil(q * values.size())));
    long seen = 0;
    for (HistogramIterationValue v : h.recordedValues()) {
      seen += v.getCountAtValueIteratedTo();
      if (seen >= rank) {
        return h.medianEquivalentValue(v.getValueIteratedTo()) / 1000.0;
      }
    }
    throw new AssertionError("rank " + rank + " beyond the histogram");
  }

  @Test
  void pastTheExactLimitPercentilesAreThoseOfHdrHistogramsPackedHistogram() throws Exception {
    Random r = new Random(7);
    for (int size : new int[] {LatencySketch.EXACT + 1, 5_000, LatencySketch.PENDING * 3 + 17}) {
      List<Double> v = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        // zero, sub-millisecond, typical and minute-long latencies, repeated values
        double x =
            switch (r.nextInt(5)) {
              case 0 -> 0.0;
              case 1 -> r.nextInt(1000) / 1000.0;
              case 2 -> 12.5;
              case 3 -> r.nextInt(60_000_000) / 1000.0;
              default -> Math.round(Math.exp(Math.log(40) + r.nextGaussian()) * 1000.0) / 1000.0;
            };
        v.add(x);
      }
      LatencySketch whole = new LatencySketch();
      v.forEach(whole::add);
      // the same values as exact and settled parts, merged after a round trip
      LatencySketch merged = new LatencySketch();
      int cut = LatencySketch.EXACT / 2;
      LatencySketch small = new LatencySketch();
      LatencySketch big = new LatencySketch();
      for (int i = 0; i < v.size(); i++) {
        (i < cut ? small : big).add(v.get(i));
      }
      merged.merge(roundTrip(big));
      merged.merge(roundTrip(small));
      assertThat(whole.count()).isEqualTo(size);
      assertThat(merged.count()).isEqualTo(size);
      for (double q : new double[] {0.0, 0.001, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
        double want = packedReference(v, q);
        assertThat(whole.quantile(q)).as(size + " values, q=" + q).isEqualTo(want);
        assertThat(merged.quantile(q)).as(size + " values merged, q=" + q).isEqualTo(want);
      }
    }
  }

  static LatencySketch roundTrip(LatencySketch s) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(b)) {
      o.writeObject(s);
    }
    try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
      return (LatencySketch) i.readObject();
    }
  }
}
