package org.mozilla.balrog.logs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mozilla.balrog.logs.job.JobRequests;
import picocli.CommandLine.Option;

/**
 * {@code --deploy} and {@code --deploys-file}, shared by {@code daily} and {@code deploy-impact}.
 */
final class DeclaredDeployOptions {
  @Option(
      names = "--deploy",
      paramLabel = "ID@TIME[:app=NAME][:migration]",
      description =
          "A declared deploy, repeatable. TIME is ISO-8601 with a zone (2026-11-02T14:00Z). The app"
              + " is admin or agent when the id starts with that word, else web;"
              + " :app=admin|agent|web says it explicitly. :migration says a schema migration ran"
              + " with it.")
  List<String> deploys = new ArrayList<>();

  @Option(
      names = "--deploys-file",
      paramLabel = "FILE",
      description =
          "Declared deploys, one per line as for --deploy; blank lines and # comments are ignored.")
  Path deploysFile;

  /** The options as given; {@link JobRequests} parses them. */
  JobRequests.DeclaredDeploys declared() {
    return new JobRequests.DeclaredDeploys(deploys, deploysFile);
  }
}
