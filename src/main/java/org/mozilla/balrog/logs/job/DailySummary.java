package org.mozilla.balrog.logs.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mozilla.balrog.logs.metrics.IngestAudit.SourceCounts;
import org.mozilla.balrog.logs.model.LogDate;

/**
 * The {@code --summary-json} file of a {@code daily} run, for schedulers: inputs, per-day counts
 * per source, rows written per table, timings, and the exit code with its reason. Written on
 * success and on failure.
 */
public final class DailySummary {
  private DailySummary() {}

  public static void write(
      Path file,
      JobConfig cfg,
      DailyJob.Options options,
      int lookbackDays,
      Instant started,
      List<DailyJob.DayResult> days,
      int exitCode,
      String exitReason) {
    ObjectNode root = RunSummary.start("daily", cfg);
    if (options != null) {
      root.put("from", options.from().toString());
      root.put("to", options.to().toString());
      root.put("lg_k", options.lgK());
      root.put("min_clients", options.minClients());
      root.put("max_reject_ratio", options.maxRejectRatio());
      root.put("max_damaged_files", options.maxDamagedFiles());
      ArrayNode required = root.putArray("require_sources");
      options.requiredSources().stream().map(s -> s.id()).sorted().forEach(required::add);
    }
    root.put("lookback_days", lookbackDays);
    RunSummary.finish(root, started, exitCode, exitReason);
    ArrayNode ds = root.putArray("days");
    for (DailyJob.DayResult d : days) {
      ObjectNode n = ds.addObject();
      n.put(LogDate.COLUMN, d.day().toString());
      n.put("run_id", d.runId());
      n.put("started_at", d.startedAt().toString());
      n.put("finished_at", d.finishedAt().toString());
      n.put("seconds", RunSummary.seconds(d.startedAt(), d.finishedAt()));
      n.put("no_input", d.noInput());
      n.put("damaged_files", d.damagedFiles());
      ObjectNode rows = n.putObject("rows_written");
      d.rowsWritten().forEach(rows::put);
      ArrayNode sources = n.putArray("sources");
      for (SourceCounts c : d.sources()) {
        ObjectNode s = sources.addObject();
        s.put("source", c.source());
        s.put("files", c.files());
        s.put("bytes", c.bytes());
        s.put("lines", c.lines());
        s.put("parsed", c.parsed());
        s.put("rejected", c.rejected());
        ObjectNode reasons = s.putObject("rejected_by_reason");
        for (Map.Entry<String, Long> e : c.rejectedByReason().entrySet()) {
          reasons.put(e.getKey(), e.getValue());
        }
        s.put("rows", c.rows());
        s.put("damaged_files", c.damagedFiles());
        ArrayNode problems = s.putArray("damaged");
        c.problems().forEach(problems::add);
        s.put("reject_ratio", c.rejectRatio());
        s.put("over_threshold", c.rejectRatio() > d.maxRejectRatio());
      }
    }
    RunSummary.write(file, root);
  }
}
