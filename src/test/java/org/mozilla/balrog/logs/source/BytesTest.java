package org.mozilla.balrog.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The eight-bytes-at-a-time searches agree with a byte-by-byte loop on every offset, length and
 * content.
 */
class BytesTest {
  private static int naiveIndexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void indexOfAgreesWithTheNaiveLoop() {
    Random random = new Random(7);
    byte[] alphabet = {' ', '"', '%', 0, (byte) 0x80, (byte) 0xff, 'a', 0x7f, 0x01, (byte) 0xa0};
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = alphabet[random.nextInt(alphabet.length)];
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
      int to = from + random.nextInt(b.length - from + 1);
      byte c = alphabet[random.nextInt(alphabet.length)];
      assertThat(Bytes.indexOf(b, from, to, c)).isEqualTo(naiveIndexOf(b, from, to, c));
      int last = -1;
      for (int i = to - 1; i >= from && last < 0; i--) {
        last = b[i] == c ? i : -1;
      }
      assertThat(Bytes.lastIndexOf(b, from, to, c)).isEqualTo(last);
      boolean ascii = true;
      for (int i = from; i < to; i++) {
        ascii &= b[i] >= 0;
      }
      assertThat(Bytes.isAscii(b, from, to)).isEqualTo(ascii);
    }
  }
}
