package org.mozilla.balrog.logs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --summary-json}, shared by {@code daily}, {@code deploy-impact} and {@code deploy-window}.
 */
final class SummaryJsonOption {
  @Option(
      names = "--summary-json",
      paramLabel = "FILE",
      description =
          "Write the run's inputs, counts, outputs or verdicts, timings and exit reason to FILE as"
              + " JSON (also when the run fails).")
  Path file;
}
