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
  static final List<PopulationFolds.Level> DAILY_LEVELS = UpdatePopulation.DAILY_LEVELS;

  static byte[] sketch(long from, long to) {
    Sketches.Builder b = new Sketches.Builder(Sketches.DEFAULT_LG_K);
    LongStream.range(from, to).forEach(b::add);
    return b.toBytes();
  }

  static PopulationFolds.Cell cell(
      String product,
      String channel,
      String version,
      String os,
      long requests,
      long clientsFrom,
      long clientsTo) {
    byte[] s = sketch(clientsFrom, clientsTo);
    return new PopulationFolds.Cell(
        List.of("aus5", product, channel, false, version, os, "x86_64"),
        requests,
        requests / 2,
        Sketches.estimate(s),
        s,
        0);
  }

  static PopulationFolds.Cell cell(
      String version, String os, long requests, long clientsFrom, long clientsTo) {
    return cell("Firefox", "release", version, os, requests, clientsFrom, clientsTo);
  }

  static PopulationFolds.Cell only(List<PopulationFolds.Cell> rows, Object... keyPrefix) {
    return rows.stream()
        .filter(c -> c.keys().subList(0, keyPrefix.length).equals(Arrays.asList(keyPrefix)))
        .reduce(
            (a, b) -> {
              throw new AssertionError("two rows for " + Arrays.toString(keyPrefix));
            })
        .orElseThrow(
            () -> new AssertionError("no row for " + Arrays.toString(keyPrefix) + " in " + rows));
  }

  @Test
  void aSmallOsArchCellKeepsItsVersionWhenTheVersionIsBig() {
    List<PopulationFolds.Cell> in =
        List.of(
            cell("145.0", "WINNT", 1000, 0, 500), // big: stays
            cell("145.0", "Linux", 9, 600, 605), // small cell, big version: (145.0, other, other)
            cell("145.0", "Darwin", 7, 700, 703));
    List<PopulationFolds.Cell> out = PopulationFolds.fold(in, 50, DAILY_LEVELS);
    assertThat(out).hasSize(2);
    assertThat(only(out, "aus5", "Firefox", "release", false, "145.0", "WINNT"))
        .isEqualTo(in.get(0));
    PopulationFolds.Cell small = only(out, "aus5", "Firefox", "release", false, "145.0", "other");
    assertThat(small.keys().get(6)).isEqualTo("other");
    assertThat(small.clients()).isEqualTo(8);
    assertThat(small.requests()).isEqualTo(16);
    assertThat(small.foldedCells()).isEqualTo(2);
    // every client of 145.0 is still in a 145.0 row
    assertThat(
            out.stream()
                .filter(c -> c.keys().get(4).equals("145.0"))
                .mapToLong(PopulationFolds.Cell::clients)
                .sum())
        .isEqualTo(508);
  }

  @Test
  void aSmallVersionFoldsIntoVersionOtherOfItsChannelWithItsSmallCells() {
    List<PopulationFolds.Cell> in =
        List.of(
            cell("145.0", "WINNT", 1000, 0, 500),
            cell(
                "144.0", "WINNT", 30, 500,
                520), // 144.0 and 143.0 overlap: 30 distinct clients together
            cell("143.0", "WINNT", 20, 510, 530),
            cell("143.0", "Linux", 4, 530, 531));
    List<PopulationFolds.Cell> out = PopulationFolds.fold(in, 50, DAILY_LEVELS);
    assertThat(out).hasSize(2);
    PopulationFolds.Cell other = only(out, "aus5", "Firefox", "release", false, "other");
    assertThat(other.keys())
        .containsExactly("aus5", "Firefox", "release", false, "other", "other", "other");
    assertThat(other.requests()).isEqualTo(54);
    assertThat(other.backgroundRequests()).isEqualTo(15 + 10 + 2);
    assertThat(other.foldedCells()).isEqualTo(3);
    assertThat(other.clients()).isEqualTo(31);
    assertThat(other.clients()).isEqualTo(Sketches.estimate(other.sketch()));
    assertThat(out.stream().mapToLong(PopulationFolds.Cell::requests).sum())
        .isEqualTo(in.stream().mapToLong(PopulationFolds.Cell::requests).sum());
  }

  @Test
  void aVersionBigOnlyAcrossItsCellsStaysWhole() {
    // no cell reaches 50, the version does: it keeps its name, with os = arch = other
    List<PopulationFolds.Cell> in =
        List.of(cell("1.0", "WINNT", 10, 0, 30), cell("1.0", "Linux", 10, 30, 60));
    List<PopulationFolds.Cell> out = PopulationFolds.fold(in, 50, DAILY_LEVELS);
    assertThat(out)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.keys())
                  .containsExactly("aus5", "Firefox", "release", false, "1.0", "other", "other");
              assertThat(c.clients()).isEqualTo(60);
              assertThat(c.foldedCells()).isEqualTo(2);
            });
  }

  @Test
  void smallChannelsOutsideBalrogsNamesFoldButBalrogChannelsStay() {
    List<PopulationFolds.Cell> in =
        List.of(
            cell("Firefox", "release", "145.0", "WINNT", 1000, 0, 500),
            cell(
                "Firefox",
                "release-localtest",
                "145.0",
                "WINNT",
                5,
                1000,
                1003), // Balrog's name: stays
            cell("Firefox", "my-secret-name", "145.0", "WINNT", 5, 2000, 2004), // made up: folds
            cell("Firefox", "198-51-100-x", "145.0", "WINNT", 5, 3000, 3002));
    List<PopulationFolds.Cell> out = PopulationFolds.fold(in, 50, DAILY_LEVELS);
    assertThat(only(out, "aus5", "Firefox", "release-localtest").keys())
        .containsExactly("aus5", "Firefox", "release-localtest", false, "other", "other", "other");
    PopulationFolds.Cell other = only(out, "aus5", "Firefox", "other");
    assertThat(other.keys())
        .containsExactly("aus5", "Firefox", "other", false, "other", "other", "other");
    assertThat(other.clients()).isEqualTo(6);
    assertThat(out).noneMatch(c -> c.keys().contains("my-secret-name"));
    assertThat(out).hasSize(3);
  }

  @Test
  void smallProductsFoldLast() {
    List<PopulationFolds.Cell> in =
        List.of(
            cell("Firefox", "release", "145.0", "WINNT", 1000, 0, 500),
            cell("Tiny", "release", "1.0", "WINNT", 3, 900, 903),
            cell("Thunderbird", "release", "140.0", "WINNT", 3, 950, 952));
    List<PopulationFolds.Cell> out = PopulationFolds.fold(in, 50, DAILY_LEVELS);
    PopulationFolds.Cell other = only(out, "aus5", "other");
    // the release channel of the small products is Balrog's: the channel level keeps it, the
    // product level does not
    assertThat(other.keys())
        .containsExactly("aus5", "other", "other", false, "other", "other", "other");
    assertThat(other.clients()).isEqualTo(5);
    assertThat(out).hasSize(2);
  }

  @Test
  void theSketchStoreKeepsWellFormedValuesAndFoldsMadeUpText() {
    List<PopulationFolds.Cell> in = new ArrayList<>();
    for (PopulationFolds.Cell c :
        List.of(
            cell("Firefox", "release", "145.0", "WINNT", 1000, 0, 500),
            cell(
                "Firefox", "release", "144.0.2", "WINNT", 3, 600,
                603), // a version: kept however small
            cell("Firefox", "release", "not a version", "WINNT", 3, 700, 703), // text: folds
            cell("Firefox", "beta", "146.0b9", "WINNT", 2, 800, 802),
            cell("Pinebuild", "release", "1.0", "WINNT", 2, 900, 901), // a Balrog product: kept
            cell("MyApp", "release", "1.0", "WINNT", 2, 950, 951))) { // not one: folds
      in.add(
          new PopulationFolds.Cell(
              c.keys().subList(0, 5),
              c.requests(),
              c.backgroundRequests(),
              c.clients(),
              c.sketch(),
              0));
    }
    List<PopulationFolds.Cell> out = PopulationFolds.fold(in, 50, UpdatePopulation.SKETCH_LEVELS);
    assertThat(out)
        .extracting(c -> c.keys().get(1) + "/" + c.keys().get(2) + "/" + c.keys().get(4))
        .containsExactlyInAnyOrder(
            "Firefox/release/145.0",
            "Firefox/release/144.0.2",
            "Firefox/release/other",
            "Firefox/beta/146.0b9",
            "Pinebuild/release/1.0",
            "other/other/other");
  }

  @Test
  void hiddenCountsTheRowsOfOtherAtAGrain() {
    List<PopulationFolds.Cell> out =
        PopulationFolds.fold(
            List.of(
                cell("145.0", "WINNT", 1000, 0, 500),
                cell("145.0", "Linux", 9, 600, 605),
                cell("144.0", "WINNT", 30, 700, 720)),
            50,
            DAILY_LEVELS);
    PopulationFolds.Hidden osArch = PopulationFolds.hidden("os_arch", out, 5, 6);
    assertThat(osArch).isEqualTo(new PopulationFolds.Hidden("os_arch", 2, 39, 25));
    assertThat(PopulationFolds.hidden("version", out, 4))
        .isEqualTo(new PopulationFolds.Hidden("version", 1, 30, 20));
    assertThat(PopulationFolds.hidden("channel", out, 2))
        .isEqualTo(new PopulationFolds.Hidden("channel", 0, 0, 0));
  }

  @Test
  void theResultDoesNotDependOnTheOrderRowsArriveIn() {
    List<PopulationFolds.Cell> in = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      in.add(
          cell(
              "Firefox",
              i % 5 == 0 ? "x" + i % 3 : "release",
              "v" + i % 13,
              i % 3 == 0 ? "Linux" : "WINNT",
              10 + i,
              i * 7L,
              i * 7L + 3 + i % 11));
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

  @Test
  void rollUpsAreUnionsMarkedWithNull() {
    List<PopulationFolds.Cell> in =
        List.of(
            cell("145.0", "WINNT", 10, 0, 100),
            cell("144.0", "WINNT", 10, 50, 150),
            cell("143.0", "Linux", 10, 140, 160));
    List<PopulationFolds.Cell> total = PopulationFolds.rollUp(in, new int[] {0, 1, 2, 3}, null);
    assertThat(total)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.keys())
                  .containsExactly("aus5", "Firefox", "release", false, null, null, null);
              assertThat(c.clients()).isEqualTo(160); // not 100 + 100 + 20
              assertThat(c.requests()).isEqualTo(30);
              assertThat(c.foldedCells()).isZero();
            });
  }
}
