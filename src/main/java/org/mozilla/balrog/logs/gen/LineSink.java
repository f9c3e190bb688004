package org.mozilla.balrog.logs.gen;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * A line-oriented file writer: chars are encoded to UTF-8 straight into a byte buffer (no {@code
 * Writer} layers), optionally gzip (header mtime 0, so the bytes depend only on the content).
 * Counts lines. Not thread-safe; one per file.
 */
final class LineSink implements Closeable {
  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private long lines;
  final LogSource source;
  final String relPath;
  final LocalDate folderDate;

  LineSink(Path root, String relPath, boolean gzip, LogSource source, LocalDate folderDate) {
    this.source = source;
    this.relPath = relPath;
    this.folderDate = folderDate;
    try {
      Path file = root.resolve(relPath);
      Files.createDirectories(file.getParent());
      OutputStream raw = Files.newOutputStream(file);
      this.out = gzip ? new FastGzip(raw) : raw;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long lines() {
    return lines;
  }

  void line(CharSequence s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (pos + 4 > buf.length) {
        drain();
      }
      if (c < 0x80) {
        buf[pos++] = (byte) c;
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xc0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[pos++] = (byte) (0xf0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        buf[pos++] = (byte) (0xe0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    newline();
  }

  /** Raw bytes as one line (binary garbage); must not contain CR or LF. */
  void rawLine(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '\n' || b == '\r') {
        throw new IllegalArgumentException("raw line contains a line break");
      }
      if (pos + 1 > buf.length) {
        drain();
      }
      buf[pos++] = b;
    }
    newline();
  }

  private void newline() {
    if (pos + 1 > buf.length) {
      drain();
    }
    buf[pos++] = '\n';
    lines++;
  }

  private void drain() {
    try {
      out.write(buf, 0, pos);
      pos = 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    drain();
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** gzip at level 1: the output stays deterministic and the generator stays fast. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
