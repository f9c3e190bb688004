package org.mozilla.balrog.logs.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.mozilla.balrog.logs.deploy.DeclaredDeploy;
import org.mozilla.balrog.logs.deploy.Deploy;
import org.mozilla.balrog.logs.deploy.DeployAnalysis;
import org.mozilla.balrog.logs.deploy.SourceInput;
import org.mozilla.balrog.logs.impact.ImpactWindows;
import org.mozilla.balrog.logs.model.Durations;
import org.mozilla.balrog.logs.sink.DeployImpactTable;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * The {@code --summary-json} file of a {@code deploy-impact} run, for pipelines: what was asked,
 * the inputs per source (files found and read, lines), every deploy (its {@code deploys} columns,
 * see {@link SummaryRowJson}) with its windows, overall verdict, new signatures and per-metric
 * verdicts, and the exit code with its reason. Written on success and on failure.
 */
public final class DeployImpactSummary {
  private DeployImpactSummary() {}

  /**
   * @param request null when the run failed before its options were valid
   * @param run null when the run failed before it had a result
   */
  public static void write(
      Path file,
      JobConfig cfg,
      DeployImpactJob.Request request,
      Instant started,
      DeployImpactRun run,
      int exitCode,
      String exitReason) {
    write(
        file,
        cfg,
        request == null ? null : request.options(),
        started,
        run == null ? null : run.result(),
        exitCode,
        exitReason);
  }

  private static void write(
      Path file,
      JobConfig cfg,
      DeployAnalysis.Options options,
      Instant started,
      DeployAnalysis.Result result,
      int exitCode,
      String exitReason) {
    ObjectNode root = RunSummary.start("deploy-impact", cfg);
    if (options != null) {
      root.put("date", options.date() == null ? null : options.date().toString());
      ArrayNode declared = root.putArray("declared");
      for (DeclaredDeploy d : options.declared()) {
        declared.add(d.toString());
      }
      root.put("before", Durations.format(options.before()));
      root.put("after", Durations.format(options.after()));
      root.put("restart_gap", Durations.format(options.gap()));
    }
    RunSummary.finish(root, started, exitCode, exitReason);
    if (result != null) {
      ArrayNode inputs = root.putArray("inputs");
      for (SourceInput s : result.inputs()) {
        ObjectNode n = inputs.addObject();
        n.put("source", s.source());
        n.put("files_considered", s.filesConsidered());
        n.put("files_read", s.filesRead());
        n.put("lines", s.lines());
        n.put("rejected", s.rejected());
      }
      ArrayNode deploys = root.putArray("deploys");
      for (Deploy d : result.deploys()) {
        ObjectNode n = deploys.addObject();
        SummaryRowJson.put(n, SummaryTables.DEPLOYS, d.row().values(), Set.of());
        ImpactWindows w = result.windows().get(d.id());
        n.put(DeployImpactTable.BEFORE_START, w.beforeStart().toString());
        n.put(DeployImpactTable.BEFORE_END, w.beforeEnd().toString());
        n.put(DeployImpactTable.AFTER_START, w.afterStart().toString());
        n.put(DeployImpactTable.AFTER_END, w.afterEnd().toString());
        ObjectNode metrics = n.putObject("metrics");
        for (ImpactRow i : result.impact()) {
          if (!i.deployId().equals(d.id())) {
            continue;
          }
          if (i.isOverall()) {
            n.put(DeployImpactTable.VERDICT, i.verdict());
            n.put(DeployImpactTable.REASON, i.reason());
            ArrayNode sigs = n.putArray(DeployImpactTable.NEW_SIGNATURES);
            i.newSignatures().forEach(sigs::add);
          } else {
            metrics.put(i.metric(), i.verdict());
          }
        }
      }
      ArrayNode regressions = root.putArray("regressions");
      result.regressions().forEach(regressions::add);
    }
    RunSummary.write(file, root);
  }
}
