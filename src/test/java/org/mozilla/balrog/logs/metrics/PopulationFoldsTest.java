package org.mozilla.balrog.logs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PopulationFoldsTest {
  static final List<int[]> DAILY_LEVELS = List.of(new int[] {0, 1, 2, 3, 5, 6}, new int[] {0, 1, 2, 3});

  static byte[] sketch(long from, long to) {
    Sketches.Builder b = new Sketches.Builder(Sketches.DEFAULT_LG_K);
    LongStream.range(from, to).forEach(b::add);
    return b.toBytes();
  }

  static PopulationFolds.Cell cell(String version, String os, long requests, long clientsFrom, long clientsTo) {
    byte[] s = sketch(clientsFrom, clientsTo);
    return new PopulationFolds.Cell(List.of("aus5", "Firefox", "release", false, version, os, "x86_64"), requests,
        requests / 2, Sketches.estimate(s), s, 0);
  }

  @Test
  void smallCellsFoldIntoOtherVersionThenIntoOtherEverything() {
    List<PopulationFolds.Cell> in = List.of(
        cell("145.0", "WINNT", 1000, 0, 500), // big: stays
        cell("144.0", "WINNT", 30, 500, 520), // small: version other of WINNT (with 143.0: 40 clients, still small)
        cell("143.0", "WINNT", 20, 510, 530),
        cell("145.0", "Linux", 9, 600, 605)); // small: version other of Linux (5 clients), then all other
    List<PopulationFolds.Cell> out = PopulationFolds.fold(in, 50, DAILY_LEVELS);
    assertThat(out).hasSize(2);
    PopulationFolds.Cell big = out.stream().filter(c -> c.foldedCells() == 0).findFirst().orElseThrow();
    assertThat(big).isEqualTo(in.get(0));
    PopulationFolds.Cell other = out.stream().filter(c -> c.foldedCells() > 0).findFirst().orElseThrow();
    assertThat(other.keys()).containsExactly("aus5", "Firefox", "release", false, "other", "other", "other");
    assertThat(other.requests()).isEqualTo(59);
    assertThat(other.backgroundRequests()).isEqualTo(15 + 10 + 4);
    assertThat(other.foldedCells()).isEqualTo(3);
    // distinct clients 500..529 and 600..604: 35, not 45 (the two WINNT cells overlap)
    assertThat(other.clients()).isEqualTo(35);
    assertThat(other.clients()).isEqualTo(Sketches.estimate(other.sketch()));
    // requests always add up
    assertThat(out.stream().mapToLong(PopulationFolds.Cell::requests).sum())
        .isEqualTo(in.stream().mapToLong(PopulationFolds.Cell::requests).sum());
  }

  @Test
  void aFoldedRowBigEnoughStaysAtTheFirstLevel() {
    List<PopulationFolds.Cell> in = List.of(cell("1.0", "WINNT", 10, 0, 30), cell("2.0", "WINNT", 10, 30, 60));
    List<PopulationFolds.Cell> out = PopulationFolds.fold(in, 50, DAILY_LEVELS);
    assertThat(out).singleElement().satisfies(c -> {
      assertThat(c.keys()).containsExactly("aus5", "Firefox", "release", false, "other", "WINNT", "x86_64");
      assertThat(c.clients()).isEqualTo(60);
      assertThat(c.foldedCells()).isEqualTo(2);
    });
  }

  @Test
  void theResultDoesNotDependOnTheOrderRowsArriveIn() {
    List<PopulationFolds.Cell> in = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      in.add(cell("v" + i, i % 3 == 0 ? "Linux" : "WINNT", 10 + i, i * 7L, i * 7L + 3 + i % 11));
    }
    List<PopulationFolds.Cell> first = PopulationFolds.fold(in, 12, DAILY_LEVELS);
    Random random = new Random(3);
    for (int trial = 0; trial < 5; trial++) {
      List<PopulationFolds.Cell> shuffled = new ArrayList<>(in);
      Collections.shuffle(shuffled, random);
      List<PopulationFolds.Cell> again = PopulationFolds.fold(shuffled, 12, DAILY_LEVELS);
      assertThat(again).hasSameSizeAs(first);
      for (int i = 0; i < first.size(); i++) {
        assertThat(again.get(i).keys()).isEqualTo(first.get(i).keys());
        assertThat(again.get(i).sketch()).isEqualTo(first.get(i).sketch());
        assertThat(again.get(i).clients()).isEqualTo(first.get(i).clients());
        assertThat(again.get(i).foldedCells()).isEqualTo(first.get(i).foldedCells());
      }
    }
  }

  @Test
  void aFoldedSketchIsTheUnionInUnsignedByteOrder() {
    PopulationFolds.Cell a = cell("1.0", "WINNT", 1, 0, 3);
    PopulationFolds.Cell b = cell("2.0", "WINNT", 1, 100, 104);
    List<byte[]> sorted = new ArrayList<>(List.of(a.sketch(), b.sketch()));
    sorted.sort(Arrays::compareUnsigned);
    byte[] expected = Sketches.union(sorted.get(0), sorted.get(1));
    PopulationFolds.Cell folded = PopulationFolds.fold(List.of(b, a), 50, DAILY_LEVELS).get(0);
    assertThat(folded.sketch()).isEqualTo(expected);
    assertThat(folded.clients()).isEqualTo(7);
  }
}
