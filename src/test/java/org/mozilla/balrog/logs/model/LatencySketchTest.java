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
