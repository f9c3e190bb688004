package org.mozilla.balrog.logs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files and folders it makes get the same permissions as with Hadoop's own local file system
 * (whose {@code chmod} process is the reference), for the modes Spark's writers use and odd ones.
 */
class NioLocalFileSystemTest {
  @TempDir java.nio.file.Path tmp;

  private static FileSystem open(FileSystem fs) throws IOException {
    fs.initialize(java.net.URI.create("file:///"), new Configuration(false));
    return fs;
  }

  /** The permissions of what {@code fs} made under {@code dir} for each mode, as rwx strings. */
  private static String made(FileSystem fs, java.nio.file.Path dir) throws IOException {
    StringBuilder out = new StringBuilder();
    for (short mode : new short[] {0755, 0644, 0700, 0640, 0777, 0000, 0751, 01777}) {
      Path folder = new Path(dir.toUri().toString(), "d" + Integer.toOctalString(mode));
      assertThat(fs.mkdirs(folder, new FsPermission(mode))).isTrue();
      Path file = new Path(folder, "f");
      try (FSDataOutputStream o =
          fs.create(file, new FsPermission(mode), true, 4096, (short) 1, 1 << 20, null)) {
        o.writeUTF("x");
      }
      fs.setPermission(file, new FsPermission(mode));
      out.append(Integer.toOctalString(mode))
          .append(' ')
          .append(permissions(folder))
          .append(' ')
          .append(permissions(file))
          .append('\n');
      fs.setPermission(folder, new FsPermission((short) 0755)); // so the test can clean up
    }
    return out.toString();
  }

  private static String permissions(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(java.nio.file.Path.of(p.toUri())));
  }

  @Test
  void setsTheSamePermissionsAsHadoopsLocalFileSystem() throws IOException {
    java.nio.file.Path ours = Files.createDirectory(tmp.resolve("ours"));
    java.nio.file.Path hadoop = Files.createDirectory(tmp.resolve("hadoop"));
    String expected = made(open(new LocalFileSystem()), hadoop);
    assertThat(made(open(new NioLocalFileSystem()), ours)).isEqualTo(expected);
    assertThat(expected).contains("640 rw-r----- rw-r-----");
  }

  @Test
  void aSessionsHadoopConfigurationGivesItForFileUris() throws IOException {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    FileSystem fs = FileSystem.get(tmp.toUri(), conf);
    assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
    assertThat(((LocalFileSystem) fs).getRaw()).isInstanceOf(NioLocalFileSystem.Raw.class);
  }
}
