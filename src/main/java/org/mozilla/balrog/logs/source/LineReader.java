package org.mozilla.balrog.logs.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads the physical lines of one log file, plain or gzip (detected by its magic bytes, so the file
 * name does not matter). Lines end at {@code \n}; a trailing {@code \r} is dropped. Bytes are
 * decoded as UTF-8 with replacement characters, never rejected. A line longer than {@link
 * #maxLineBytes} is returned as {@link #TOO_LONG} (its bytes are skipped up to the next newline) so
 * binary garbage without newlines cannot exhaust memory.
 *
 * <p>A damaged gzip stream (truncated, corrupt) ends the file early: the lines before the damage
 * are returned, {@link #damage()} says what happened, and no exception escapes {@link #next()}. Any
 * other failure to read (a refused or failed storage request, a time-out, an I/O error) is not
 * damage in the data but a failed read: it also ends the file, and {@link #ioError()} says what
 * happened, so the caller can fail the run instead of counting a partial file. Not thread-safe.
 */
public final class LineReader implements AutoCloseable {
  /** Marker returned for a line over the length limit. Compare by identity. */
  public static final String TOO_LONG = new String("<line too long>");

  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] buf = new byte[8192];
  private long lines;
  private String damage;
  private String ioError;
  private boolean eof;

  private LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Wraps {@code raw}, decompressing when it starts with the gzip magic bytes. */
  public static LineReader open(InputStream raw, int maxLineBytes) throws IOException {
    BufferedInputStream b = new BufferedInputStream(raw, 1 << 12);
    try {
      b.mark(2);
      int m1;
      int m2;
      try {
        m1 = b.read();
        m2 = b.read();
      } catch (FSError e) {
        throw asIoException(e);
      }
      b.reset();
      InputStream in = b;
      if (m1 == 0x1f && m2 == 0x8b) {
        in = new GZIPInputStream(b, 1 << 16);
      }
      return new LineReader(in, maxLineBytes);
    } catch (IOException | RuntimeException e) {
      // the caller gets no reader to close: close the file here (S3A reports it as a leak)
      try {
        raw.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  public static LineReader open(InputStream raw) throws IOException {
    return open(raw, DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * Opens the file at {@code path} on its Hadoop file system. A local file is read through the raw
   * local file system: the checksummed one around it only looks for {@code .crc} files, which logs
   * never have, at a cost per file. A local path that is not a regular file (a FIFO, a device, a
   * socket) is refused: opening it could block for ever.
   */
  public static LineReader open(String path, Configuration conf) throws IOException {
    OpenCounts.opened(path);
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    if (fs instanceof LocalFileSystem local) {
      fs = local.getRawFileSystem();
    }
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(p.toUri().getPath());
      if (!java.nio.file.Files.isRegularFile(local)) {
        throw new IOException(
            java.nio.file.Files.exists(local)
                ? "not a regular file: " + path
                : "no such file: " + path);
      }
    }
    return open(fs.open(p));
  }

  /** Returned by {@link #nextBytes} at the end of the file (or at the damage). */
  public static final int END = -1;

  /** Returned by {@link #nextBytes} for a line over the length limit. */
  public static final int LINE_TOO_LONG = -2;

  /** The next line, {@link #TOO_LONG}, or null at the end of the file (or at the damage). */
  public String next() {
    int len = nextBytes();
    if (len == END) {
      return null;
    }
    return len == LINE_TOO_LONG ? TOO_LONG : new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  /**
   * Reads the next line without decoding it: its length, its bytes in {@link #bytes()}{@code [0,
   * length)} (valid until the next call; a trailing {@code \r} dropped), or {@link #END} or {@link
   * #LINE_TOO_LONG}. {@link #next} is this line decoded as UTF-8 with replacement characters.
   */
  public int nextBytes() {
    if (eof) {
      return END;
    }
    int len = 0;
    boolean tooLong = false;
    while (true) {
      if (pos == limit && !fill()) {
        break;
      }
      int i = Bytes.indexOf(chunk, pos, limit, (byte) '\n');
      if (i < 0) {
        i = limit;
      }
      int n = i - pos;
      if (!tooLong) {
        if (len + n > maxLineBytes) {
          tooLong = true;
        } else {
          ensure(len + n);
          System.arraycopy(chunk, pos, buf, len, n);
          len += n;
        }
      }
      if (i < limit) {
        pos = i + 1;
        lines++;
        return finish(len, tooLong);
      }
      pos = limit;
    }
    eof = true;
    if (len == 0 && !tooLong) {
      return END;
    }
    lines++;
    return finish(len, tooLong);
  }

  /** The bytes of the line {@link #nextBytes} returned last. */
  public byte[] bytes() {
    return buf;
  }

  /**
   * Reads the next chunk; false at the end of the stream or at damage (recorded in {@link
   * #damage}).
   */
  private boolean fill() {
    try {
      int n;
      do {
        n = in.read(chunk, 0, chunk.length);
      } while (n == 0);
      if (n < 0) {
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    } catch (EOFException e) {
      damage = "truncated: " + e.getMessage();
    } catch (ZipException e) {
      damage = "corrupt gzip: " + e.getMessage();
    } catch (IOException e) {
      ioError = "read error: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (FSError e) {
      ioError = "read error: " + asIoException(e).getMessage();
    }
    return false;
  }

  /**
   * Hadoop's local file system throws its I/O errors as {@link FSError}, an {@link Error}: a failed
   * read all the same.
   */
  private static IOException asIoException(FSError e) {
    Throwable c = e.getCause() == null ? e : e.getCause();
    return new IOException(c.getMessage() == null ? c.toString() : c.getMessage(), e);
  }

  private void ensure(int capacity) {
    if (capacity > buf.length) {
      int size = Math.max(capacity, Math.min(buf.length * 2, maxLineBytes));
      byte[] bigger = new byte[size];
      System.arraycopy(buf, 0, bigger, 0, buf.length);
      buf = bigger;
    }
  }

  private int finish(int len, boolean tooLong) {
    if (tooLong) {
      return LINE_TOO_LONG;
    }
    return len > 0 && buf[len - 1] == '\r' ? len - 1 : len;
  }

  /** Physical lines returned so far (including {@link #TOO_LONG} ones). */
  public long lines() {
    return lines;
  }

  /**
   * Null unless damaged data (a truncated or corrupt gzip stream) ended the file early: what the
   * damage was.
   */
  public String damage() {
    return damage;
  }

  /** Null unless a failed read (not damaged data) ended the file early: what failed. */
  public String ioError() {
    return ioError;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
