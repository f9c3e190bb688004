package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import org.mozilla.balrog.logs.testing.CliRun;
import org.mozilla.balrog.logs.testing.ParquetAvroReader;

/**
 * Issue 13, "Read failures are failures", on local files: each case of "What was measured" run
 * through the CLI, with its exit code, its one-line message, and (where good partitions existed)
 * those partitions byte-identical after.
 */
class DailyInputFailuresSparkTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 1);

  @TempDir static Path work;
  static Path logs;
  static Path good;
  static Map<String, String> goodListing;

  @BeforeAll
  static void generateAndRunOnce() throws IOException {
    logs = work.resolve("logs");
    new SampleGenerator()
        .run(new GeneratorConfig(logs, DAY, 1, 150, 11L, false, false, List.of(), 1.0), null);
    good = work.resolve("good");
    CliRun run = daily(logs, good);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    goodListing = listing(good);
  }

  static CliRun daily(Path in, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "daily",
                "--date",
                DAY.toString(),
                "--input",
                in.toString(),
                "--output",
                out.toString(),
                "--max-reject-ratio",
                "1"));
    args.addAll(Arrays.asList(extra));
    return CliRun.of(args);
  }

  /** A copy of the good output, for a run that must leave it as it was. */
  static Path copyOfGood(String name) throws IOException {
    Path copy = work.resolve(name);
    try (Stream<Path> s = Files.walk(good)) {
      for (Path p : s.toList()) {
        Path t = copy.resolve(good.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return copy;
  }

  /** A copy of the logs to damage. */
  static Path copyOfLogs(String name) throws IOException {
    Path copy = work.resolve(name);
    try (Stream<Path> s = Files.walk(logs)) {
      for (Path p : s.toList()) {
        Path t = copy.resolve(logs.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return copy;
  }

  static Path syslogWebFolder(Path root) {
    return root.resolve("syslog/web/" + DAY.toString().replace('-', '/'));
  }

  static String oneLine(String err) {
    return err.strip().lines().findFirst().orElse("");
  }

  @Test
  void aRerunWithoutFilesForTheDateExits4AndTouchesNoPartition() throws IOException {
    Path out = copyOfGood("out-noinput");
    Path emptyRoot = Files.createDirectories(work.resolve("empty-root"));
    CliRun run = daily(emptyRoot, out);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.NO_INPUT);
    assertThat(run.out())
        .contains("no input file for " + DAY)
        .contains("nothing was written for this date");
    assertThat(run.err()).doesNotContain("\tat ");
    assertThat(listing(out)).isEqualTo(goodListing);
  }

  @Test
  void aRequiredSourceWithoutFilesExits4AndWritesNothing() throws IOException {
    Path in = copyOfLogs("logs-no-agent");
    deleteTree(in.resolve("syslog/agent"));
    Path out = copyOfGood("out-required");
    CliRun warned = daily(in, work.resolve("out-warned"));
    assertThat(warned.exitCode()).as(warned.describe()).isZero();
    assertThat(warned.out())
        .contains("WARNING: no files for syslog_agent while other sources delivered");
    GenericRecord agent =
        ParquetAvroReader.read(work.resolve("out-warned/ingest_audit/log_date=" + DAY)).stream()
            .filter(r -> r.get("source").toString().equals("syslog_agent"))
            .findFirst()
            .orElseThrow();
    assertThat(agent.get("files")).isEqualTo(0L);

    CliRun run = daily(in, out, "--require-sources", "aus5,syslog_agent");
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.NO_INPUT);
    assertThat(run.out()).contains("no file for the required sources syslog_agent");
    assertThat(listing(out)).isEqualTo(goodListing);

    CliRun unknown = daily(in, out, "--require-sources", "aus9");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(oneLine(unknown.err())).contains("unknown log source: aus9");
  }

  @Test
  void aFileThatCannotBeReadFailsTheRunAndWritesNothing() throws IOException {
    unreadable("logs-unreadable", "out-unreadable", DailyInputFailuresSparkTest::syslogWebFolder);
  }

  @Test
  void anElbFileThatCannotBeReadFailsTheRunAndWritesNothing() throws IOException {
    // read by the day's single ELB pass, not by the syslog's scan
    unreadable(
        "logs-unreadable-elb", "out-unreadable-elb", DailyInputFailuresSparkTest::aus5Folder);
  }

  /** The day's folder of aus5 under {@code root} (AWS's layout below {@code elb/aus5}). */
  static Path aus5Folder(Path root) {
    String day = DAY.toString().replace('-', '/');
    try (Stream<Path> s = Files.walk(root.resolve("elb/aus5"))) {
      return s.filter(p -> Files.isDirectory(p) && p.toString().endsWith(day))
          .findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A file {@code web-unreadable.log} that cannot be read in the folder {@code folderOf} gives of a
   * copy of the logs.
   */
  private void unreadable(
      String logs, String output, java.util.function.UnaryOperator<Path> folderOf)
      throws IOException {
    Path in = copyOfLogs(logs);
    Path out = copyOfGood(output);
    Path folder = folderOf.apply(in);
    assertThat(folder).isDirectory();
    Path bad = folder.resolve("web-unreadable.log");
    if ("root".equals(System.getProperty("user.name"))) {
      // root reads any file whatever its mode: a file whose read fails with EIO instead (this JVM's
      // own memory at
      // offset 0, never mapped)
      Files.createSymbolicLink(bad, Path.of("/proc/self/mem"));
    } else {
      Files.writeString(bad, "May 13 21:10:17 web1 uwsgi[1]: hello\n");
      Files.setPosixFilePermissions(bad, java.util.Set.of());
    }
    CliRun run = daily(in, out);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.FAILURE);
    assertThat(oneLine(run.err()))
        .contains("1 of ")
        .contains("input files for " + DAY + " could not be read")
        .contains("web-unreadable.log")
        .contains("nothing was written for " + DAY);
    assertThat(run.err()).doesNotContain("\tat ");
    assertThat(listing(out)).isEqualTo(goodListing);
  }

  @Test
  void aTruncatedGzipKeepsItsFirstLinesIsShownAndExits3AfterWriting() throws IOException {
    Path in = copyOfLogs("logs-truncated");
    Path folder = syslogWebFolder(in);
    Path source;
    try (Stream<Path> s = Files.list(folder)) {
      source = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
    }
    Path gz = folder.resolve("web-truncated.log.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(Files.readAllBytes(source));
    }
    byte[] all = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(all, all.length * 2 / 3));
    Path out = work.resolve("out-truncated");
    CliRun run = daily(in, out);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.DATA_QUALITY);
    assertThat(run.out())
        .containsPattern("syslog_web .* 1 damaged files \\(lines before the damage kept\\)")
        .contains("web-truncated.log.gz: truncated")
        .contains("1 damaged files, over --max-damaged-files 0");
    assertThat(out.resolve("update_population/log_date=" + DAY)).isDirectory();
    GenericRecord web =
        ParquetAvroReader.read(out.resolve("ingest_audit/log_date=" + DAY)).stream()
            .filter(r -> r.get("source").toString().equals("syslog_web"))
            .findFirst()
            .orElseThrow();
    assertThat(web.get("damaged_files")).isEqualTo(1L);

    CliRun allowed = daily(in, work.resolve("out-truncated-allowed"), "--max-damaged-files", "1");
    assertThat(allowed.exitCode()).as(allowed.describe()).isZero();
  }

  @Test
  void aSymlinkLoopIsReadOnceAndTheSameFileTwiceToo() throws IOException {
    Path in = copyOfLogs("logs-loop");
    Path folder = syslogWebFolder(in);
    Files.createSymbolicLink(folder.resolve("loop"), folder);
    Path first;
    try (Stream<Path> s = Files.list(folder)) {
      first = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
    }
    Files.createSymbolicLink(folder.resolve("again.log"), first);
    Path out = work.resolve("out-loop");
    CliRun run = daily(in, out);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out())
        .contains("WARNING: skipped")
        .contains("a symbolic link back to")
        .contains("read once");
    assertThat(audit(out)).isEqualTo(audit(good));
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aFifoIsSkippedWithAWarningAndNothingHangs() throws Exception {
    Path in = copyOfLogs("logs-fifo");
    Path fifo = syslogWebFolder(in).resolve("pipe.log");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mk.waitFor()).isZero();
    Path out = work.resolve("out-fifo");
    CliRun run = daily(in, out);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).contains("pipe.log (not a regular file)");
    assertThat(audit(out)).isEqualTo(audit(good));
  }

  /** source → files, lines, parsed, rejected of the day's ingest_audit. */
  static Map<String, List<Object>> audit(Path out) throws IOException {
    Map<String, List<Object>> m = new TreeMap<>();
    for (GenericRecord r : ParquetAvroReader.read(out.resolve("ingest_audit/log_date=" + DAY))) {
      m.put(
          r.get("source").toString(),
          List.of(r.get("files"), r.get("lines"), r.get("parsed"), r.get("rejected")));
    }
    return m;
  }

  /** Relative path → content of every file under {@code root}. */
  static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(
            root.relativize(p).toString(),
            Arrays.toString(Files.readAllBytes(p)).hashCode() + ":" + Files.size(p));
      }
    }
    return m;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
