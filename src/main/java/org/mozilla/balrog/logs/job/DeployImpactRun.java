package org.mozilla.balrog.logs.job;

import java.io.PrintStream;
import java.io.Writer;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.deploy.DeployAnalysis;

/**
 * One finished {@code deploy-impact} run ({@link DeployImpactJob#run}): what the command line needs
 * of its result to choose the exit code, and the result itself for the summary ({@link
 * DeployImpactSummary}).
 */
public final class DeployImpactRun {
  private final DeployAnalysis.Result result;

  private DeployImpactRun(DeployAnalysis.Result result) {
    this.result = result;
  }

  /** Runs {@link DeployImpactJob#run}. */
  public static DeployImpactRun run(
      SparkSession spark,
      JobConfig cfg,
      DeployImpactJob.Request request,
      Writer out,
      PrintStream progress) {
    return new DeployImpactRun(DeployImpactJob.run(spark, cfg, request, out, progress));
  }

  /** True when no deploy was found to judge. */
  public boolean noDeploys() {
    return result.deploys().isEmpty();
  }

  /** The ids of the judged deploys whose overall verdict is regression. */
  public List<String> regressions() {
    return result.regressions();
  }

  /** The ids of the judged deploys without any input in their after window. */
  public List<String> withoutAfterInput() {
    return result.withoutAfterInput();
  }

  DeployAnalysis.Result result() {
    return result;
  }
}
