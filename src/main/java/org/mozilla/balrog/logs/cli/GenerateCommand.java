package org.mozilla.balrog.logs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mozilla.balrog.logs.gen.DeploySpec;
import org.mozilla.balrog.logs.gen.GeneratorConfig;
import org.mozilla.balrog.logs.gen.GeneratorResult;
import org.mozilla.balrog.logs.gen.ReleaseSpec;
import org.mozilla.balrog.logs.gen.SampleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code generate}: realistic sample logs for all nine tables plus a ground-truth manifest. Does
 * not start Spark.
 */
@Command(
    name = "generate",
    header = "Write realistic sample logs of all nine log tables, with their ground truth.",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write realistic sample logs for all nine tables in the default layout"
          + " (docs/formats.md#default-input-layout), deterministic per seed, with a ground-truth"
          + " manifest.json beside them."
    },
    footer = {
      "",
      "Example:",
      "  balrog-logs generate --out /tmp/logs --from 2026-11-01 --days 2 --deploy"
          + " web-122@2026-11-02T14:00Z:regression"
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write into.")
  Path out;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.")
  LocalDate from;

  @Option(
      names = "--days",
      defaultValue = "1",
      description = "Number of days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--clients",
      defaultValue = "20000",
      description = "Simulated installs (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Random seed; same seed, same bytes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--gzip", description = "Gzip every file (ALB files are always gzipped).")
  boolean gzip;

  @Option(names = "--clean", description = "Write no malformed lines.")
  boolean clean;

  @Option(
      names = "--deploy",
      paramLabel = "ID@TIME[:CHANGE[=EFFECT]][:migration]",
      description = {
        "Inject a deploy (repeatable). The app is web unless ID starts with admin or agent.",
        "CHANGE: (none) clean; regression: a new exception signature, more backend 500s, slower"
            + " (default EFFECT 0.03x2.5); minor: harmless, no new signature (default 0.00003x1.03:"
            + " +10%% of the usual 0.03%% update 500s, latency x1.03); rollback: back to the"
            + " version before the previous deploy of the app.",
        "EFFECT: RATE[xFACTOR] or xFACTOR, RATE the extra share of requests answered 500 (0.01 or"
            + " 1%%), FACTOR multiplies latency; it lasts until the next deploy of the app."
            + " :migration runs a schema migration first.",
        "Examples: web-122@2026-11-02T14:00Z:regression "
            + " web-123@2026-11-02T16:00Z:regression=0.005x1.3  web-124@2026-11-02T18:00Z:rollback "
            + " admin-9@2026-11-02T10:00Z:minor:migration"
      })
  List<String> deploys = new ArrayList<>();

  @Option(
      names = "--release",
      paramLabel = "KIND@TIME[:VERSION][:RAMP_HOURS][:SHARE]",
      description = {
        "Inject a Firefox release on the release channel (repeatable): admin writes (release"
            + " automation, release managers) before TIME, the agent enacting the scheduled rule"
            + " changes at TIME, then release-channel installs moving to VERSION, its share of"
            + " their update requests growing linearly over RAMP_HOURS to SHARE.",
        "KIND: ga, a new major version (writes from 2 h before; default ramp 24 h to 0.25) or"
            + " chemspill, an urgent dot release (writes in the hour before; default 6 h to 0.6)."
            + " VERSION defaults to the next major (ga) or dot release (chemspill) after the"
            + " current one; SHARE is a fraction or a percentage (25%%). Fields are positional; an"
            + " empty one keeps its default.",
        "Examples: ga@2026-11-03T14:00Z  chemspill@2026-11-05T09:30Z:145.0.3:6:0.6 "
            + " ga@2026-11-03T14:00Z::12"
      })
  List<String> releases = new ArrayList<>();

  @Option(
      names = "--scale",
      defaultValue = "1.0",
      description =
          "Multiplies update traffic (size knob for benchmarks; default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(
      names = "--no-lone-restarts",
      description =
          "Write no lone restarts (by default each app restarts one host once a day, away from"
              + " deploys; not a deploy).")
  boolean noLoneRestarts;

  @Option(
      names = "--regression-logs",
      defaultValue = "steady",
      paramLabel = "steady|per-request",
      description = {
        "How often the web app logs a regression's new exception: steady (default), every ~20 s"
            + " per host at a 3%% error rate, in proportion to the rate, whatever the traffic;"
            + " per-request, once per aus5 update request the regression fails, so a small effect"
            + " on a small day leaves few lines."
      })
  String regressionLogs;

  @Override
  public Integer call() {
    List<DeploySpec> specs = deploys.stream().map(DeploySpec::parse).toList();
    List<ReleaseSpec> releaseSpecs = releases.stream().map(ReleaseSpec::parse).toList();
    GeneratorConfig.RegressionLogs logs =
        switch (regressionLogs.toLowerCase(java.util.Locale.ROOT)) {
          case "steady" -> GeneratorConfig.RegressionLogs.STEADY;
          case "per-request", "per_request" -> GeneratorConfig.RegressionLogs.PER_REQUEST;
          default ->
              throw new IllegalArgumentException(
                  "unknown --regression-logs '"
                      + regressionLogs
                      + "'; expected steady or per-request");
        };
    GeneratorConfig cfg =
        new GeneratorConfig(
            out,
            from,
            days,
            clients,
            seed,
            gzip,
            clean,
            specs,
            scale,
            !noLoneRestarts,
            logs,
            releaseSpecs);
    GeneratorResult r =
        new SampleGenerator().run(cfg, msg -> spec.commandLine().getErr().println(msg));
    spec.commandLine().getOut().println(GeneratorSummary.describe(r));
    return ExitCode.OK;
  }
}
