package org.mozilla.balrog.logs.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SortedLongsTest {
  @Test
  void distinctHandlesEmptyRepeatsAndExtremes() {
    assertThat(SortedLongs.distinct(new long[0], 0)).isEmpty();
    assertThat(SortedLongs.distinct(new long[] {3, 3, 3, 9}, 3)).containsExactly(3L);
    assertThat(SortedLongs.distinct(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0}, 3))
        .containsExactly(Long.MIN_VALUE, 0L, Long.MAX_VALUE);
    assertThat(SortedLongs.distinct(new long[] {5, 1, 5, 1, 2}, 5)).containsExactly(1L, 2L, 5L);
  }
}
