package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static List<String> readAll(LineReader r) {
    List<String> out = new ArrayList<>();
    String l;
    while ((l = r.next()) != null) {
      out.add(l);
    }
    return out;
  }

  private static LineReader reader(byte[] b, int max) throws IOException {
    return LineReader.open(new ByteArrayInputStream(b), max);
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
      g.write(b);
    }
    return bo.toByteArray();
  }

  @Test
  void splitsOnNewlineAndDropsCarriageReturn() throws IOException {
    LineReader r = reader("a\r\nb\n\nc".getBytes(StandardCharsets.UTF_8), 100);
    assertThat(readAll(r)).containsExactly("a", "b", "", "c");
    assertThat(r.lines()).isEqualTo(4);
    assertThat(r.damage()).isNull();
  }

  @Test
  void nextBytesGivesTheSameLinesUndecoded() throws IOException {
    byte[] text = "a\r\nb\n\n\u00e9\u00e9\r\r\nlong line here\nc".getBytes(StandardCharsets.UTF_8);
    List<String> viaStrings = readAll(reader(text, 10));
    LineReader r = reader(text, 10);
    List<String> viaBytes = new ArrayList<>();
    for (int len = r.nextBytes(); len != LineReader.END; len = r.nextBytes()) {
      viaBytes.add(
          len == LineReader.LINE_TOO_LONG
              ? LineReader.TOO_LONG
              : new String(r.bytes(), 0, len, StandardCharsets.UTF_8));
    }
    assertThat(viaBytes).containsExactlyElementsOf(viaStrings);
    assertThat(viaBytes).containsExactly("a", "b", "", "\u00e9\u00e9\r", LineReader.TOO_LONG, "c");
    assertThat(r.lines()).isEqualTo(6);
  }

  @Test
  void emptyFileHasNoLines() throws IOException {
    LineReader r = reader(new byte[0], 100);
    assertThat(readAll(r)).isEmpty();
    assertThat(r.lines()).isZero();
  }

  @Test
  void badUtf8IsReplacedNotRejected() throws IOException {
    byte[] b = {'o', 'k', (byte) 0xff, (byte) 0xc3, '\n'};
    assertThat(readAll(reader(b, 100))).containsExactly("ok\uFFFD\uFFFD");
  }

  @Test
  void overlongLinesAreMarkedAndSkippedToTheNextNewline() throws IOException {
    String big = "x".repeat(10_000);
    LineReader r = reader((big + "\nshort\n" + big).getBytes(StandardCharsets.UTF_8), 4096);
    List<String> lines = readAll(r);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isSameAs(LineReader.TOO_LONG);
    assertThat(lines.get(1)).isEqualTo("short");
    assertThat(lines.get(2)).isSameAs(LineReader.TOO_LONG);
  }

  @Test
  void tenKilobyteLinesAreReadWholeUnderTheDefaultLimit() throws IOException {
    String big = "y".repeat(10_240);
    assertThat(
            readAll(
                LineReader.open(
                    new ByteArrayInputStream((big + "\n").getBytes(StandardCharsets.UTF_8)))))
        .containsExactly(big);
  }

  @Test
  void gzipIsDetectedByMagicBytes() throws IOException {
    byte[] gz = gzip("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
    LineReader r = reader(gz, 100);
    assertThat(readAll(r)).containsExactly("one", "two");
    assertThat(r.damage()).isNull();
  }

  @Test
  void truncatedGzipKeepsTheLinesBeforeTheDamage() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append("line ").append(i).append(' ').append(Integer.toHexString(i * 7919)).append('\n');
    }
    byte[] gz = gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    LineReader r = reader(cut, 1000);
    List<String> lines = readAll(r);
    assertThat(r.damage()).startsWith("truncated");
    assertThat(lines.size()).isBetween(1000, 19_999);
    // every complete line before the damage is intact
    for (int i = 0; i < lines.size() - 1; i++) {
      assertThat(lines.get(i)).startsWith("line " + i + " ");
    }
    assertThat(r.lines()).isEqualTo(lines.size());
  }

  @Test
  void binaryGarbageNeverThrows() throws IOException {
    byte[] junk = new byte[200_000];
    new Random(7).nextBytes(junk);
    LineReader r = reader(junk, 1 << 16);
    List<String> lines = readAll(r);
    long newlines = 0;
    for (byte b : junk) {
      newlines += b == '\n' ? 1 : 0;
    }
    assertThat(lines.size()).isBetween((int) newlines, (int) newlines + 1);
  }
}
