package org.mozilla.balrog.logs.job;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.mozilla.balrog.logs.deploy.Deploy;
import org.mozilla.balrog.logs.deploy.DeployAnalysis;
import org.mozilla.balrog.logs.deploy.SourceInput;
import org.mozilla.balrog.logs.impact.ImpactMetric;
import org.mozilla.balrog.logs.impact.ImpactRule;
import org.mozilla.balrog.logs.model.Durations;
import org.mozilla.balrog.logs.sink.DeploysTable;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.SummaryTables;

/**
 * {@code deploy-impact}: judges deploys (declared, or detected on a date) and prints a verdict
 * table (or CSV/JSON rows), the new error signatures and what was read per source.
 */
public final class DeployImpactJob {
  /**
   * Columns of the CSV/JSON output: the {@code deploy_impact} columns plus three of {@code
   * deploys}.
   */
  public static final List<String> COLUMNS = columns();

  private DeployImpactJob() {}

  /**
   * @param format table: deploys, verdicts, new signatures and inputs, for people; csv/json: one
   *     record per {@code deploy_impact} row ({@link #COLUMNS}), for programs
   */
  public record Request(DeployAnalysis.Options options, ResultFormat format) {}

  private static List<String> columns() {
    List<String> c = new ArrayList<>(SummaryTables.DEPLOY_IMPACT.columnNames());
    c.addAll(List.of("deploy_source", DeploysTable.SCHEMA_MIGRATION, DeploysTable.HOSTS));
    return List.copyOf(c);
  }

  /**
   * Runs the analysis and writes its result to {@code out}; progress and, for csv/json, the input
   * counts go to {@code progress}.
   */
  public static DeployAnalysis.Result run(
      SparkSession spark, JobConfig cfg, Request req, Writer out, PrintStream progress) {
    if (cfg.input() == null) {
      throw new IllegalArgumentException("deploy-impact needs --input ROOT");
    }
    DeployAnalysis.Result r =
        DeployFiles.analyse(
            spark, cfg.input(), cfg.output(), req.options(), null, line -> progress.println(line));
    try {
      if (req.format() == ResultFormat.TABLE) {
        table(r, req.options(), out);
      } else {
        req.format().write(COLUMNS, records(r).iterator(), out, Integer.MAX_VALUE);
        progress.print(inputs(r));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.flush();
    return r;
  }

  /** The CSV/JSON records: {@link #COLUMNS} values of every impact row. */
  static List<List<Object>> records(DeployAnalysis.Result r) {
    Map<String, Deploy> byId = new HashMap<>();
    r.deploys().forEach(d -> byId.put(d.id(), d));
    List<List<Object>> rows = new ArrayList<>();
    for (ImpactRow i : r.impact()) {
      Deploy d = byId.get(i.deployId());
      List<Object> v = new ArrayList<>(java.util.Arrays.asList(i.values()));
      v.add(d.source().code());
      v.add(d.schemaMigration());
      v.add(d.hosts());
      rows.add(v);
    }
    return rows;
  }

  private static void table(DeployAnalysis.Result r, DeployAnalysis.Options o, Writer out)
      throws IOException {
    out.write(
        String.format(
            Locale.ROOT,
            "Windows: %s before the first restart, %s after the rollout finished;"
                + " restarts searched in the syslog of %s%n",
            Durations.format(o.before()),
            Durations.format(o.after()),
            r.detectionDays()));
    if (r.deploys().isEmpty()) {
      out.write(
          o.declared().isEmpty()
              ? "No deploys found on "
                  + o.date()
                  + ": no burst of restarts across the hosts of an app.\n"
              : "No deploys to judge.\n");
      out.write(inputs(r));
      return;
    }
    out.write("\nDeploys\n");
    List<List<Object>> deploys = new ArrayList<>();
    for (Deploy d : r.deploys()) {
      deploys.add(
          List.of(
              d.id(),
              d.app().code(),
              d.startedAt(),
              d.finishedAt() == null ? "-" : d.finishedAt(),
              d.hosts() + "/" + d.hostsTotal(),
              d.schemaMigration() ? "yes" : "no",
              d.source().code()));
    }
    ResultFormat.TABLE.write(
        List.of("deploy", "app", "started", "finished", "hosts", "migration", "source"),
        deploys.iterator(),
        out,
        Integer.MAX_VALUE);
    out.write("\nVerdicts\n");
    List<List<Object>> verdicts = new ArrayList<>();
    for (ImpactRow i : r.impact()) {
      verdicts.add(
          List.of(
              i.deployId(),
              i.app(),
              i.metric(),
              change(i),
              ratio(i),
              p(i.pValue()),
              i.verdict(),
              i.reason()));
    }
    ResultFormat.TABLE.write(
        List.of(
            "deploy",
            "app",
            "metric",
            "before → after",
            "ratio [95% CI]",
            "p",
            "verdict",
            "reason"),
        verdicts.iterator(),
        out,
        Integer.MAX_VALUE);
    boolean any = false;
    for (ImpactRow i : r.impact()) {
      if (i.isOverall() && !i.newSignatures().isEmpty()) {
        if (!any) {
          out.write(
              "\n"
                  + "New error signatures (after the deploy, not before it nor in "
                  + SummaryTables.APP_ERRORS.name()
                  + " of the previous days)\n");
          any = true;
        }
        for (String s : i.newSignatures()) {
          out.write("  " + i.deployId() + ": " + s + "\n");
        }
      }
    }
    List<String> regressions = r.regressions();
    out.write(
        regressions.isEmpty()
            ? "\nNo regression.\n"
            : "\nREGRESSION: " + String.join(", ", regressions) + "\n");
    out.write(inputs(r));
  }

  /** What was read per source, as text. */
  static String inputs(DeployAnalysis.Result r) {
    StringBuilder sb =
        new StringBuilder(
            "\nInput (files found for the days the windows touch / files read, lines read)\n");
    for (SourceInput s : r.inputs()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-18s %6d found %6d read %,12d lines%s%n",
              s.source(),
              s.filesConsidered(),
              s.filesRead(),
              s.lines(),
              s.rejected() > 0 ? String.format(Locale.ROOT, " (%,d rejected)", s.rejected()) : ""));
    }
    return sb.toString();
  }

  private static String change(ImpactRow i) {
    ImpactRule.Kind kind = ImpactMetric.kindOf(i.metric());
    if (kind == null) {
      return "";
    }
    return value(kind, i.beforeValue()) + " → " + value(kind, i.afterValue());
  }

  private static String value(ImpactRule.Kind kind, Double v) {
    if (v == null) {
      return "-";
    }
    return switch (kind) {
      case RATE -> sig(v * 100) + "%";
      case EVENT_RATE -> sig(v) + "/h";
      case LATENCY -> sig(v) + " ms";
    };
  }

  private static String ratio(ImpactRow i) {
    if (i.isOverall()) {
      return "";
    }
    String r =
        i.changeRatio() != null
            ? "x" + sig(i.changeRatio())
            : i.afterEvents() > 0 && i.beforeEvents() == 0 ? "up from 0" : "-";
    if (r.equals("-") || (i.ciLow() == null && i.ciHigh() == null)) {
      return r;
    }
    return r
        + " ["
        + (i.ciLow() == null ? "-" : sig(i.ciLow()))
        + ", "
        + (i.ciHigh() == null ? "inf" : sig(i.ciHigh()))
        + "]";
  }

  private static String p(Double p) {
    if (p == null) {
      return "";
    }
    return p < 0.001
        ? String.format(Locale.ROOT, "%.1e", p)
        : String.format(Locale.ROOT, "%.3f", p);
  }

  /** Three significant digits, no exponent for ordinary values. */
  static String sig(double v) {
    if (v == 0) {
      return "0";
    }
    if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    String s =
        new java.math.BigDecimal(v)
            .round(new java.math.MathContext(3))
            .stripTrailingZeros()
            .toPlainString();
    return s;
  }
}
