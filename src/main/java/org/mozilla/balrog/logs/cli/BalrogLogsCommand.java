package org.mozilla.balrog.logs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;

/** The top-level {@code balrog-logs} command. */
@Command(
    name = "balrog-logs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Log analytics for Balrog, Mozilla's update server. Reads the nine Balrog log tables (local"
          + " folders or s3a://, plain or gzip), writes partitioned Parquet summary tables (clients"
          + " by version, channel and OS; request and error rates; deploys and their verdicts;"
          + " error signatures; the ingest audit) and answers SQL over the raw logs and the summary"
          + " tables.",
      ""
    },
    footer = {
      "",
      "Exit codes:",
      "- 0: success",
      "- 1: failure",
      "- 2: usage error",
      "- 3: more rejected lines or damaged files than allowed (daily; the dates are written)",
      "- 4: no input found",
      "- 5: a deploy regressed (deploy-impact --fail-on-regression)",
      "- 6: another run holds the lock of an output date (daily wrote nothing for it; --break-lock"
          + " takes over a lock whose heartbeat is older than lock.stale-after, default 10m)",
      "- 7: caution: deploy-window says a push needs a second look",
      "- 8: no-go: deploy-window says do not push now",
      "",
      "Run 'balrog-logs COMMAND --help' for a command's options."
    },
    subcommands = {
      DailyCommand.class,
      DemoCommand.class,
      DdlCommand.class,
      DeployImpactCommand.class,
      DeployWindowCommand.class,
      GenerateCommand.class,
      InspectCommand.class,
      QueryCommand.class,
      ReportCommand.class,
      HelpCommand.class
    })
public final class BalrogLogsCommand implements Runnable {
  @Mixin GlobalOptions global = new GlobalOptions();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}
