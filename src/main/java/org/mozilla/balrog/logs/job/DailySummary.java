package org.mozilla.balrog.logs.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.mozilla.balrog.logs.metrics.IngestAudit;
import org.mozilla.balrog.logs.model.LogDate;
import org.mozilla.balrog.logs.model.SourceCounts;
import org.mozilla.balrog.logs.sink.IngestAuditRow;
import org.mozilla.balrog.logs.sink.IngestAuditTable;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * The {@code --summary-json} file of a {@code daily} run, for schedulers: inputs, per-day counts
 * per source (the {@code ingest_audit} columns, see {@link SummaryRowJson}), rows written per
 * table, timings, and the exit code with its reason. Written on success and on failure.
 */
public final class DailySummary {
  /** The ingest_audit columns a day's object has once, not per source. */
  private static final Set<String> RUN_COLUMNS =
      Set.of(
          IngestAuditTable.RUN_ID,
          IngestAuditTable.STARTED_AT,
          IngestAuditTable.FINISHED_AT,
          IngestAuditTable.JOB_VERSION);

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
      n.put(IngestAuditTable.RUN_ID, d.runId());
      n.put(IngestAuditTable.STARTED_AT, d.startedAt().toString());
      n.put(IngestAuditTable.FINISHED_AT, d.finishedAt().toString());
      n.put("seconds", RunSummary.seconds(d.startedAt(), d.finishedAt()));
      n.put("no_input", d.noInput());
      n.put(IngestAuditTable.DAMAGED_FILES, d.damagedFiles());
      ObjectNode rows = n.putObject("rows_written");
      d.rowsWritten().forEach(rows::put);
      ArrayNode sources = n.putArray("sources");
      for (SourceCounts c : d.sources()) {
        ObjectNode s = sources.addObject();
        IngestAuditRow row =
            IngestAudit.row(c, d.runId(), d.startedAt(), d.finishedAt(), JobVersion.get());
        SummaryRowJson.put(s, SummaryTables.INGEST_AUDIT, row.values(), RUN_COLUMNS);
        ArrayNode problems = s.putArray("damaged");
        c.problems().forEach(problems::add);
        s.put("reject_ratio", c.rejectRatio());
        s.put("over_threshold", c.rejectRatio() > d.maxRejectRatio());
      }
    }
    RunSummary.write(file, root);
  }
}
