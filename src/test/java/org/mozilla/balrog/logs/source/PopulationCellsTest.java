package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationCellsTest {
  static final UpdateCell A =
      new UpdateCell("aus5", "Firefox", "release", false, "145.0", "WINNT", "x86_64");
  static final UpdateCell B =
      new UpdateCell("aus5", "Firefox", "beta", false, "146.0b9", "WINNT", "x86_64");

  @Test
  void tallyCountsRequestsAndKeepsEachFingerprintOnceInOrder() {
    PopulationCells cells = new PopulationCells();
    cells.add(A, 5L, true);
    cells.add(A, -3L, false);
    cells.add(A, 5L, true);
    cells.add(B, 9L, false);
    List<PopulationCells.Partial> p = cells.partials();
    // cells come in UpdateCell.ORDER: beta before release
    assertThat(p).extracting(PopulationCells.Partial::cell).containsExactly(B, A);
    assertThat(p.get(1).requests()).isEqualTo(3);
    assertThat(p.get(1).backgroundRequests()).isEqualTo(2);
    assertThat(p.get(1).fingerprints()).containsExactly(-3L, 5L);
  }

  /** Requests of an hour of the day count in it; an hour outside the day counts in none. */
  @Test
  void hoursCountTheRequestsOfEachHourOfTheDay() {
    PopulationCells cells = new PopulationCells();
    cells.add(A, 1L, true, 0);
    cells.add(A, 2L, true, 23);
    cells.add(A, 3L, true, 23);
    cells.add(A, 4L, true, -1);
    cells.add(A, 5L, true, 24);
    cells.add(B, 6L, false);
    java.util.Map<UpdateCell, long[]> hours = new java.util.HashMap<>();
    cells.forEachHours(hours::put);
    assertThat(hours.get(A)[0]).isEqualTo(1);
    assertThat(hours.get(A)[23]).isEqualTo(2);
    assertThat(java.util.Arrays.stream(hours.get(A)).sum()).isEqualTo(3);
    assertThat(java.util.Arrays.stream(hours.get(B)).sum()).isZero();
    assertThat(cells.partials().get(1).requests()).isEqualTo(5); // every request counts in its cell
  }

  @Test
  void fingerprintRangesOrderAsTheirFingerprints() {
    java.util.Random random = new java.util.Random(5);
    long[] values = new long[10_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i < 4 ? new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}[i] : random.nextLong();
    }
    java.util.Arrays.sort(values);
    for (int i = 1; i < values.length; i++) {
      assertThat(PopulationScan.range(values[i]))
          .isGreaterThanOrEqualTo(PopulationScan.range(values[i - 1]));
    }
    assertThat(PopulationScan.range(Long.MIN_VALUE)).isEqualTo(-PopulationScan.RANGES / 2);
    assertThat(PopulationScan.range(Long.MAX_VALUE)).isEqualTo(PopulationScan.RANGES / 2 - 1);
  }
}
