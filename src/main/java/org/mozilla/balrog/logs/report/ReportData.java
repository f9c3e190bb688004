package org.mozilla.balrog.logs.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.mozilla.balrog.logs.privacy.Redactor;
import org.mozilla.balrog.logs.sink.DeployRow;
import org.mozilla.balrog.logs.sink.ImpactRow;
import org.mozilla.balrog.logs.sink.IngestAuditRow;

/**
 * Everything the HTML report of one date shows, already aggregated: plain values, no Spark. {@link
 * ReportLoader} builds it from the summary tables, {@link HtmlReport} renders it, and it is
 * embedded in the page as JSON.
 *
 * <p>Deploys, verdicts and audit rows are the tables' own rows ({@link DeployRow}, {@link
 * ImpactRow}, {@link IngestAuditRow}); the other parts are aggregated views. Free text (error
 * samples and signatures, deploy evidence, verdict reasons and new signatures) is passed through
 * {@link Redactor#redact} here, so no IP address reaches the report even from a table written
 * before redaction existed. Lists keep the order given (the loader sorts them); they are never
 * null.
 *
 * @param date the UTC day reported
 * @param toolVersion balrog-logs version that built the report
 * @param missingTables summary tables without a partition for {@code date}: their sections say so
 * @param updateBuckets update requests (update and json endpoints of aus3, aus4, aus5, no
 *     dockerflow) per 5-minute bucket, in time order; buckets without requests are absent
 * @param deploys deploys that started on {@code date}, by start time
 * @param verdicts deploy_impact rows of {@code date}: per deploy its {@code overall} row first,
 *     then by metric
 * @param channels clients by version for the main channels present, in {@link
 *     ReportLoader#MAIN_CHANNELS} order
 * @param topErrors application error signatures with the most events on {@code date}
 * @param newErrors signatures deploy_impact lists as new after a deploy of {@code date}
 * @param audit ingest_audit rows of {@code date}
 * @param pushWindows the deploy-window verdict of a push at every full hour of the {@value
 *     #PUSH_WINDOW_DAYS} UTC days ending on {@code date}, in time order (empty when not judged)
 */
public record ReportData(
    LocalDate date,
    String toolVersion,
    List<String> missingTables,
    List<UpdateBucket> updateBuckets,
    List<DeployRow> deploys,
    List<ImpactRow> verdicts,
    List<ChannelVersions> channels,
    List<ErrorSignature> topErrors,
    List<NewSignature> newErrors,
    List<IngestAuditRow> audit,
    List<PushWindow> pushWindows) {

  /** Days of the push-window grid: this many UTC days ending on {@link #date}. */
  public static final int PUSH_WINDOW_DAYS = 7;

  public ReportData {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(toolVersion, "toolVersion");
    missingTables = List.copyOf(missingTables);
    updateBuckets = List.copyOf(updateBuckets);
    deploys = deploys.stream().map(d -> d.mapText(Redactor::redact)).toList();
    verdicts = verdicts.stream().map(v -> v.mapText(Redactor::redact)).toList();
    channels = List.copyOf(channels);
    topErrors = List.copyOf(topErrors);
    newErrors = List.copyOf(newErrors);
    audit = List.copyOf(audit);
    pushWindows = List.copyOf(pushWindows);
  }

  /** This data with {@code windows} as its {@link #pushWindows}. */
  public ReportData withPushWindows(List<PushWindow> windows) {
    return new ReportData(
        date,
        toolVersion,
        missingTables,
        updateBuckets,
        deploys,
        verdicts,
        channels,
        topErrors,
        newErrors,
        audit,
        windows);
  }

  /** Start of the first day of the push-window grid (UTC). */
  public Instant pushWindowStart() {
    return dayStart().minus(java.time.Duration.ofDays(PUSH_WINDOW_DAYS - 1));
  }

  /** Start of {@link #date} (UTC). */
  public Instant dayStart() {
    return date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }

  /** Whether {@code table} had no partition for the date. */
  public boolean missing(String table) {
    return missingTables.contains(table);
  }

  /** The {@code overall} verdict of a deploy, or null when deploy_impact has none. */
  public String overallVerdict(String deployId) {
    return verdicts.stream()
        .filter(v -> v.deployId().equals(deployId) && v.isOverall())
        .map(ImpactRow::verdict)
        .findFirst()
        .orElse(null);
  }

  /** One line for the terminal: the day's headline numbers. */
  public String summaryLine() {
    long requests = updateBuckets.stream().mapToLong(UpdateBucket::requests).sum();
    long errors = updateBuckets.stream().mapToLong(UpdateBucket::status5xx).sum();
    long regressions =
        deploys.stream()
            .filter(d -> ImpactRow.REGRESSION.equals(overallVerdict(d.deployId())))
            .count();
    long lines = audit.stream().mapToLong(IngestAuditRow::lines).sum();
    long rejected = audit.stream().mapToLong(IngestAuditRow::rejected).sum();
    return date
        + ": "
        + Numbers.count(requests)
        + " update requests, "
        + (requests == 0 ? "no" : Numbers.percent((double) errors / requests))
        + " 5xx; "
        + deploys.size()
        + (deploys.size() == 1 ? " deploy" : " deploys")
        + " ("
        + regressions
        + (regressions == 1 ? " regression" : " regressions")
        + "); "
        + newErrors.stream().map(NewSignature::signature).distinct().count()
        + " new error signatures; "
        + Numbers.count(rejected)
        + " of "
        + Numbers.count(lines)
        + " lines rejected";
  }

  /**
   * Update requests of one 5-minute bucket, summed over the update domains and the update and json
   * endpoints.
   */
  public record UpdateBucket(
      Instant start, long requests, long status5xx, long lb5xx, Double latencyP95Ms) {
    public UpdateBucket {
      Objects.requireNonNull(start, "start");
    }

    /** 5xx responses as a fraction of requests (0 without requests). */
    public double errorRate() {
      return requests == 0 ? 0 : (double) status5xx / requests;
    }

    /** Load-balancer-generated 5xx as a fraction of requests. */
    public double lbErrorRate() {
      return requests == 0 ? 0 : (double) lb5xx / requests;
    }
  }

  /** Distinct clients and requests of one product version on a channel. */
  public record VersionClients(String product, String version, long clients, long requests) {}

  /**
   * Clients by version on one channel: the top versions, then the remaining versions (including the
   * folded {@code other} cells) as one group. Clients are distinct over the union of the group's
   * sketches, so they do not add up to the total when a client reported two versions in a day.
   *
   * @param otherVersions named versions in the remaining group
   * @param otherFolded whether the remaining group also holds cells folded for having too few
   *     clients
   */
  public record ChannelVersions(
      String channel,
      List<VersionClients> top,
      long otherVersions,
      boolean otherFolded,
      long otherClients,
      long otherRequests,
      long totalClients,
      long totalRequests) {
    public ChannelVersions {
      Objects.requireNonNull(channel, "channel");
      top = List.copyOf(top);
    }
  }

  /** One application error signature over the day (app_errors' hourly rows summed). */
  public record ErrorSignature(
      String app,
      String signature,
      String severity,
      String exceptionType,
      long events,
      long maxHostsPerHour,
      Instant firstSeen,
      Instant lastSeen,
      String sample) {
    public ErrorSignature {
      signature = Redactor.redact(Objects.requireNonNull(signature, "signature"));
      sample = Redactor.redact(sample);
    }
  }

  /**
   * A signature first seen after a deploy, with its events on the day (0 when app_errors has none).
   */
  public record NewSignature(String deployId, String signature, long events, Instant firstSeen) {
    public NewSignature {
      Objects.requireNonNull(deployId, "deployId");
      signature = Redactor.redact(Objects.requireNonNull(signature, "signature"));
    }
  }

  /**
   * The deploy-window verdict of one push starting at {@code at}.
   *
   * @param verdict {@code go}, {@code caution} or {@code no-go}
   * @param notGo the ids of the rules that did not say go (e.g. {@code calendar}), in rule order
   */
  public record PushWindow(Instant at, String verdict, List<String> notGo) {
    /** The verdicts, best first. */
    public static final List<String> VERDICTS = List.of("go", "caution", "no-go");

    public PushWindow {
      Objects.requireNonNull(at, "at");
      if (!VERDICTS.contains(verdict)) {
        throw new IllegalArgumentException("not a push verdict (go, caution, no-go): " + verdict);
      }
      notGo = List.copyOf(notGo);
    }
  }
}
