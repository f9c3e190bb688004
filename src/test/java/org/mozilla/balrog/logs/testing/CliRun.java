package org.mozilla.balrog.logs.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.mozilla.balrog.logs.cli.Main;

/**
 * One run of the real CLI entry ({@link Main#createCommandLine}) with captured out and err writers.
 *
 * <p>After the run every cached Hadoop file system is closed: the cache is per JVM and keyed by
 * bucket, so without this the next run against the same bucket would reuse the previous run's
 * endpoint and retry settings.
 */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    long start = System.nanoTime();
    try {
      code =
          Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
              .execute(args.toArray(String[]::new));
    } finally {
      try {
        FileSystem.closeAll();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "CLI %s: exit %d in %.1f s%n",
        args.get(0),
        code,
        (System.nanoTime() - start) / 1e9);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** For assertion messages. */
  public String describe() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
