package org.mozilla.balrog.logs.testing;

import java.nio.file.Path;

/**
 * Maven's build folder of this run: {@code target/}, or {@code target/spark-3.5/} under the {@code
 * spark-3.5} profile (surefire and failsafe pass it as {@code build.directory}). Tests that run the
 * packaged jar or the launcher files look there.
 */
public final class BuildDir {
  private BuildDir() {}

  /** The build folder, absolute. */
  public static Path path() {
    String dir = System.getProperty("build.directory");
    return (dir == null
            ? Path.of(System.getProperty("basedir", ".")).resolve("target")
            : Path.of(dir))
        .toAbsolutePath();
  }
}
