package org.mozilla.balrog.logs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.GeneratorResult;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: realistic sample logs for all nine tables plus a ground-truth manifest. Does not start Spark. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write realistic sample logs for all nine tables in the default layout (FORMATS.md section 10),",
      "deterministic per seed, with a ground-truth manifest.json beside them."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
  Path out;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.")
  LocalDate from;

  @Option(names = "--days", defaultValue = "1", description = "Number of days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--clients",
      defaultValue = "20000",
      description = "Simulated installs (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed; same seed, same bytes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--gzip", description = "Gzip every file (ALB files are always gzipped).")
  boolean gzip;

  @Option(names = "--clean", description = "Write no malformed lines.")
  boolean clean;

  @Option(
      names = "--deploy",
      paramLabel = "ID@TIME[:regression][:migration]",
      description = "Inject a deploy, e.g. v3.122@2026-11-02T14:00Z:regression. Repeatable.")
  List<String> deploys = new ArrayList<>();

  @Option(
      names = "--scale",
      defaultValue = "1.0",
      description = "Multiplies update traffic (size knob for benchmarks; default: ${DEFAULT-VALUE}).")
  double scale;

  @Override
  public Integer call() {
    List<DeploySpec> specs = deploys.stream().map(DeploySpec::parse).toList();
    GeneratorConfig cfg = new GeneratorConfig(out, from, days, clients, seed, gzip, clean, specs, scale);
    GeneratorResult r = new SampleGenerator().run(cfg, msg -> spec.commandLine().getErr().println(msg));
    spec.commandLine().getOut().println(GeneratorSummary.describe(r));
    return ExitCode.OK;
  }
}
