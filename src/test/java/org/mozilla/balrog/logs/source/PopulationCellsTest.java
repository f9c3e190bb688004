package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationCellsTest {
  static final UpdateCell A = new UpdateCell("aus5", "Firefox", "release", false, "145.0", "WINNT", "x86_64");
  static final UpdateCell B = new UpdateCell("aus5", "Firefox", "beta", false, "146.0b9", "WINNT", "x86_64");

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

  @Test
  void mergingPartialsAddsCountsAndUnitesFingerprints() {
    PopulationCells cells = new PopulationCells();
    cells.merge(A, 10, 4, new long[] {1, 7});
    cells.merge(A, 5, 5, new long[] {-2, 7, 8});
    cells.add(A, 1, false);
    PopulationCells.Partial p = cells.partials().get(0);
    assertThat(p.requests()).isEqualTo(16);
    assertThat(p.backgroundRequests()).isEqualTo(9);
    assertThat(p.fingerprints()).containsExactly(-2L, 1L, 7L, 8L);
  }

  @Test
  void sortedDistinctHandlesEmptyAndRepeats() {
    assertThat(PopulationCells.sortedDistinct(new long[0], 0)).isEmpty();
    assertThat(PopulationCells.sortedDistinct(new long[] {3, 3, 3, 9}, 3)).containsExactly(3L);
    assertThat(PopulationCells.sortedDistinct(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0}, 3))
        .containsExactly(Long.MIN_VALUE, 0L, Long.MAX_VALUE);
  }
}
