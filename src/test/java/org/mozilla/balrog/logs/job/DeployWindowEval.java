package org.mozilla.balrog.logs.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.mozilla.balrog.logs.model.Durations;
import org.mozilla.balrog.logs.window.Reason;

/**
 * Bench main of {@code bench/deploy-window-eval}: the {@code deploy-window} answer for every push
 * window of a span, judged from one output root read once through the embedded DuckDB (each table's
 * rows are read once for all windows: the rules look only at rows before each push).
 *
 * <p>Usage: {@code DeployWindowEval OUTPUT FROM TO STEP [KEY=VALUE...]}: pushes of 30 minutes at
 * FROM, FROM + STEP, ... before TO (instants); the settings are {@code window.*} settings. Prints
 * one JSON object per window: {@code at}, {@code verdict}, and {@code reasons}: each rule's answer
 * and, unless go, its explanation.
 */
public final class DeployWindowEval {
  private DeployWindowEval() {}

  public static void main(String[] args) {
    if (args.length < 4) {
      System.err.println("usage: DeployWindowEval OUTPUT FROM TO STEP [window.KEY=VALUE...]");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    Instant from = Instant.parse(args[1]);
    Instant to = Instant.parse(args[2]);
    Duration step = Durations.parse("STEP", args[3]);
    Map<String, String> settings = new HashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      settings.put(kv[0], kv[1]);
    }
    JobConfig cfg = new JobConfig(null, null, root.toString(), false, Map.of(), settings);
    for (DeployWindowJob.Result r :
        DeployWindowJob.grid(
            new DeployWindowJob.DuckDbRows(root),
            DeployWindowJob.request(cfg, from.toString(), "30m", "json"),
            to,
            step)) {
      Instant at = r.verdict().at();
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("at", at.toString());
      o.put("verdict", r.label());
      ObjectNode reasons = o.putObject("reasons");
      for (Reason reason : r.verdict().reasons()) {
        ObjectNode n = reasons.putObject(reason.rule());
        n.put("verdict", reason.call().label());
        if (reason.call() != org.mozilla.balrog.logs.window.Call.GO) {
          n.put("explanation", reason.explanation());
        }
      }
      System.out.println(o);
    }
  }
}
