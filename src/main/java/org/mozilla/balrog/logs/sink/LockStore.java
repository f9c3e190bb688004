package org.mozilla.balrog.logs.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Where one lock file lives and the few operations {@link OutputLock} needs on it: create it only
 * if absent, read it, replace it (heartbeat), delete it only if unchanged. Two implementations: a
 * local folder through {@code java.nio} ({@code O_CREAT|O_EXCL}, atomic renames), anything else
 * through the Hadoop file system (on S3A a conditional PUT where the store offers one).
 */
abstract class LockStore {
  /**
   * S3A's create-file option for {@code If-None-Match: *} (hadoop-aws 3.4.2, {@code
   * fs.option.create.conditional.overwrite}); a store that offers it answers {@code
   * hasPathCapability} with true.
   */
  static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

  /** A lock file's bytes and when it was last written (the store's clock). */
  record Snapshot(byte[] content, Instant modified) {}

  /**
   * The store for {@code lockFile}: local files through {@code java.nio}, any other scheme through
   * Hadoop.
   */
  static LockStore of(Configuration conf, Path lockFile) throws IOException {
    FileSystem fs = lockFile.getFileSystem(conf);
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      return new Local(java.nio.file.Path.of(fs.makeQualified(lockFile).toUri()));
    }
    return new Hadoop(fs, fs.makeQualified(lockFile));
  }

  /**
   * Creates the file with {@code content} unless a file is there; false when one is. Creates the
   * folder.
   */
  abstract boolean createIfAbsent(byte[] content) throws IOException;

  /** The file, or empty when there is none. */
  abstract Optional<Snapshot> read() throws IOException;

  /** Replaces the file's content as a whole (a reader sees the old or the new bytes). */
  abstract void replace(byte[] content) throws IOException;

  /**
   * Deletes the file if it still holds {@code expected}; false when it is gone or holds something
   * else (then it is left as it is).
   */
  abstract boolean deleteIfUnchanged(byte[] expected) throws IOException;

  /** Removes the lock folder when it is empty; best effort, never fails. */
  abstract void removeEmptyFolder();

  /** How create-if-absent works on this store, for messages and tests. */
  abstract String createKind();

  /**
   * A local folder: {@code CREATE_NEW} is {@code open(O_CREAT|O_EXCL)}, atomic between processes on
   * one machine (and on NFSv3+); content is replaced and moved aside by atomic renames. (Hadoop's
   * local file system checks for the file and then creates it: not atomic, and it writes {@code
   * .crc} files next to it.)
   */
  static final class Local extends LockStore {
    private final java.nio.file.Path file;

    Local(java.nio.file.Path file) {
      this.file = file;
    }

    @Override
    boolean createIfAbsent(byte[] content) throws IOException {
      for (int attempt = 1; ; attempt++) {
        Files.createDirectories(file.getParent());
        try {
          Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          return true;
        } catch (FileAlreadyExistsException e) {
          return false;
        } catch (NoSuchFileException e) {
          // another run removed the empty lock folder between the two calls
          if (attempt == 3) {
            throw e;
          }
        }
      }
    }

    @Override
    Optional<Snapshot> read() throws IOException {
      try {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        return Optional.of(new Snapshot(Files.readAllBytes(file), modified));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    }

    @Override
    void replace(byte[] content) throws IOException {
      java.nio.file.Path tmp = aside("tmp");
      try {
        Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        move(tmp, file, true);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }

    /**
     * Renames the file aside (atomic: of two renames only one finds it), then compares what it
     * moved: the expected content is deleted; anything else (a lock taken in between) is renamed
     * back.
     */
    @Override
    boolean deleteIfUnchanged(byte[] expected) throws IOException {
      java.nio.file.Path moved = aside("gone");
      try {
        move(file, moved, false);
      } catch (NoSuchFileException e) {
        return false;
      }
      if (Arrays.equals(Files.readAllBytes(moved), expected)) {
        Files.delete(moved);
        return true;
      }
      try {
        move(moved, file, false);
      } catch (FileAlreadyExistsException e) {
        // a third run created a lock meanwhile: it holds the date; the one moved aside finds its
        // lock lost
        Files.delete(moved);
      }
      return false;
    }

    @Override
    void removeEmptyFolder() {
      try {
        Files.deleteIfExists(file.getParent());
      } catch (DirectoryNotEmptyException e) {
        // another date's lock, or another run's
      } catch (IOException e) {
        // best effort: an empty folder starting with '_' is ignored by every reader
      }
    }

    @Override
    String createKind() {
      return "local file created with O_EXCL (atomic)";
    }

    /** A hidden sibling name unique to this call: {@code .<name>.<uuid>.<what>}. */
    private java.nio.file.Path aside(String what) {
      return file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + "." + what);
    }

    private static void move(java.nio.file.Path from, java.nio.file.Path to, boolean replace)
        throws IOException {
      try {
        if (replace) {
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else if (!Files.exists(to)) {
          // rename(2) replaces silently, so the check comes first; only the rename back after a
          // lost race needs it
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } else {
          throw new FileAlreadyExistsException(to.toString());
        }
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(
            "the lock folder " + to.getParent() + " does not support atomic renames", e);
      }
    }
  }

  /**
   * Any Hadoop file system. When the store offers a conditional create ({@value
   * #CONDITIONAL_CREATE}: S3A on AWS S3 and on S3-compatible stores that honour {@code
   * If-None-Match: *}), the single PUT of the lock file fails with 412 when the key exists: atomic.
   * Otherwise {@code create(overwrite=false)}, which on S3A is a HEAD then a PUT (not atomic;
   * {@link OutputLock} reads the file back and compares the owner), and on HDFS is atomic.
   */
  static final class Hadoop extends LockStore {
    private final FileSystem fs;
    private final Path file;
    private final boolean conditional;

    Hadoop(FileSystem fs, Path file) {
      this.fs = fs;
      this.file = file;
      boolean c;
      try {
        c = fs.hasPathCapability(file, CONDITIONAL_CREATE);
      } catch (IOException e) {
        c = false;
      }
      this.conditional = c;
    }

    @Override
    boolean createIfAbsent(byte[] content) throws IOException {
      FSDataOutputStreamBuilder<FSDataOutputStream, ?> b = fs.createFile(file);
      b.overwrite(false);
      b.recursive();
      if (conditional) {
        b.must(CONDITIONAL_CREATE, true);
      }
      try {
        // S3A sends the PUT (with If-None-Match) on close; a 412 there is a
        // RemoteFileChangedException
        try (FSDataOutputStream out = b.build()) {
          out.write(content);
        }
        return true;
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        if (read().isPresent()) {
          return false; // the precondition failed (or a retried PUT of ours met its own first
          // attempt: read back)
        }
        throw e;
      }
    }

    @Override
    Optional<Snapshot> read() throws IOException {
      try {
        FileStatus st = fs.getFileStatus(file);
        try (FSDataInputStream in = fs.open(file)) {
          return Optional.of(
              new Snapshot(in.readAllBytes(), Instant.ofEpochMilli(st.getModificationTime())));
        }
      } catch (FileNotFoundException e) {
        return Optional.empty();
      }
    }

    @Override
    void replace(byte[] content) throws IOException {
      try (FSDataOutputStream out = fs.create(file, true)) {
        out.write(content);
      }
    }

    /**
     * Reads, compares, deletes: a run that replaces the file between the read and the delete loses
     * its lock.
     */
    @Override
    boolean deleteIfUnchanged(byte[] expected) throws IOException {
      Optional<Snapshot> now = read();
      if (now.isEmpty() || !Arrays.equals(now.get().content(), expected)) {
        return false;
      }
      return fs.delete(file, false);
    }

    @Override
    void removeEmptyFolder() {
      Path dir = file.getParent();
      try {
        // on S3A deleting the last lock leaves a folder marker; a non-recursive delete of a
        // non-empty folder fails
        if (fs.listStatus(dir).length == 0) {
          fs.delete(dir, false);
        }
      } catch (IOException e) {
        // best effort: an empty folder starting with '_' is ignored by every reader
      }
    }

    @Override
    String createKind() {
      return conditional
          ? "conditional create (If-None-Match: *, atomic)"
          : "create without overwrite, read back";
    }
  }
}
