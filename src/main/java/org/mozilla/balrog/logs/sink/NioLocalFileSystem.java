package org.mozilla.balrog.logs.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file://}), setting permissions through {@code java.nio}
 * instead of a {@code chmod} process. Without Hadoop's native library, which a local run does not
 * load, {@link RawLocalFileSystem#setPermission} starts {@code chmod} for every folder and file it
 * creates: the eleven partitions {@code daily} writes for a date made about 130 processes, half a
 * second of a cold 2 M-line day. Local runs ({@code bin/balrog-logs}, not {@code spark-submit}) use
 * it ({@link org.mozilla.balrog.logs.job.SparkSessions}); a mode {@code java.nio} cannot set (the
 * sticky bit), or a file system without POSIX permissions, goes to Hadoop's own way.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) file system under it. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      String mode =
          permission.getUserAction().SYMBOL
              + permission.getGroupAction().SYMBOL
              + permission.getOtherAction().SYMBOL;
      try {
        Files.setPosixFilePermissions(
            pathToFile(p).toPath(), PosixFilePermissions.fromString(mode));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }
  }
}
