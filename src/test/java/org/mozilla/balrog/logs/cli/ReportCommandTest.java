package org.mozilla.balrog.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} usage errors: all caught before Spark starts, exit 2 with a one-line message. */
class ReportCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  private int run(String... args) {
    return Main.createCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void isListedAndDocumented() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("report");
    assertThat(run("report", "--help")).isZero();
    assertThat(out.toString()).contains("--date", "--out", "FILE.html", "self-contained", "Exit 4");
  }

  @Test
  void outIsRequired() {
    assertThat(run("report", "--output", dir.toString(), "--date", "2026-11-02"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("Missing required option: '--out=FILE.html'");
  }

  @Test
  void dateMustBeADate() {
    assertThat(run("report", "--output", dir.toString(), "--date", "2026-13-01", "--out", "r.html"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("Invalid value for option '--date'", "'2026-13-01'");
  }

  @Test
  void outputRootIsRequired() {
    assertThat(run("report", "--out", dir.resolve("r.html").toString())).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString())
        .contains(
            "balrog-logs report: report reads the summary tables: give their root with --output"
                + " ROOT")
        .contains("Try 'balrog-logs report --help'.")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void outMustNotBeAFolder() {
    assertThat(run("report", "--output", dir.toString(), "--out", dir.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString())
        .contains("--out " + dir + " is a folder; give a file name such as report.html");
  }
}
