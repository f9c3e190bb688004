package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.model.LogSource;
import org.mozilla.balrog.logs.model.NginxAccessEntry;
import org.mozilla.balrog.logs.model.RequestKind;
import org.mozilla.balrog.logs.model.UpdateRequest;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.elb.ElbLineParser;
import org.mozilla.balrog.logs.parse.nginx.NginxAccessParser;
import org.mozilla.balrog.logs.parse.url.UpdateUrlParser;

/**
 * Two days with a GA (default ramp: 24 h to 25 %) and a chemspill the next day (6 h to 60 %): the
 * manifest records them, the update requests in the aus5 files move to the new versions as the
 * ramps say, the admin log has the release's writes before its start and the agent's enacts at it;
 * a run without releases is unchanged by them.
 */
class GenReleasesTest {
  static final LocalDate FROM = LocalDate.parse("2026-11-02");
  static final Pattern SCHEDULED = Pattern.compile("/api/scheduled_changes/rules/(\\d+)/.*");

  @TempDir static Path tmp;
  static Path out;
  static JsonNode manifest;

  /** Release-channel Firefox update requests of the aus5 files: time and version. */
  static final List<Instant> times = new ArrayList<>();

  static final List<String> versions = new ArrayList<>();

  /** (log date, version) -> release-channel Firefox update requests, from the files. */
  static final Map<String, Long> perDayAndVersion = new HashMap<>();

  static final List<NginxAccessEntry> admin = new ArrayList<>();

  static GeneratorConfig config(Path dir, List<ReleaseSpec> releases) {
    return new GeneratorConfig(
        dir,
        FROM,
        2,
        3000,
        19L,
        false,
        true,
        List.of(),
        1.0,
        true,
        GeneratorConfig.RegressionLogs.STEADY,
        releases);
  }

  @BeforeAll
  static void generate() {
    out = tmp.resolve("releases");
    new SampleGenerator()
        .run(
            config(
                out,
                List.of(
                    ReleaseSpec.parse("chemspill@2026-11-03T12:00Z"),
                    ReleaseSpec.parse("ga@2026-11-02T04:00Z"))),
            null);
    manifest = GenTestFiles.manifest(out);
    ElbLineParser elb = new ElbLineParser();
    UpdateUrlParser urls = new UpdateUrlParser();
    NginxAccessParser nginx = new NginxAccessParser();
    for (Path f : GenTestFiles.files(out)) {
      String rel = out.relativize(f).toString();
      if (rel.startsWith(SampleGenerator.topFolder(LogSource.AUS5) + "/")) {
        for (String line : GenTestFiles.lines(f)) {
          ParseResult<ElbEntry> e = elb.parse(line);
          assertThat(e.isOk()).as(line).isTrue();
          if (e.value().url() == null) {
            continue;
          }
          UpdateRequest u = urls.parse(e.value().url());
          if (u.kind() == RequestKind.UPDATE
              && "Firefox".equals(u.product())
              && "release".equals(u.channel())) {
            times.add(e.value().requestTime());
            versions.add(u.version());
            perDayAndVersion.merge(
                e.value().requestTime().atZone(ZoneOffset.UTC).toLocalDate() + " " + u.version(),
                1L,
                Long::sum);
          }
        }
      } else if (rel.startsWith(SampleGenerator.topFolder(LogSource.ADMIN_NGINX_ACCESS) + "/")) {
        for (String line : GenTestFiles.lines(f)) {
          admin.add(nginx.parse(line).value());
        }
      }
    }
  }

  static JsonNode release(String kind) {
    for (JsonNode r : manifest.get("releases")) {
      if (r.get("kind").asText().equals(kind)) {
        return r;
      }
    }
    throw new AssertionError(kind);
  }

  static Instant at(JsonNode release, String field) {
    return Instant.parse(release.get(field).asText());
  }

  /** The share of {@code version} among release-channel Firefox update requests in [from, to). */
  static double share(String version, Instant from, Instant to) {
    long all = 0;
    long hits = 0;
    for (int i = 0; i < times.size(); i++) {
      if (!times.get(i).isBefore(from) && times.get(i).isBefore(to)) {
        all++;
        if (versions.get(i).equals(version)) {
          hits++;
        }
      }
    }
    assertThat(all).as("requests in [%s, %s)", from, to).isGreaterThan(300);
    return (double) hits / all;
  }

  /** The ramp's expected share over [from, to) inside it: the linear ramp at the middle. */
  static double ramp(JsonNode release, Instant from, Instant to) {
    Instant start = at(release, "start");
    double mid = (from.toEpochMilli() + to.toEpochMilli()) / 2.0 - start.toEpochMilli();
    double length = at(release, "ramp_end").toEpochMilli() - start.toEpochMilli();
    return release.get("final_share").asDouble() * mid / length;
  }

  @Test
  void theManifestRecordsEachReleaseByStart() {
    JsonNode ga = manifest.get("releases").get(0);
    JsonNode cs = manifest.get("releases").get(1);
    assertThat(ga.get("kind").asText()).isEqualTo("ga");
    assertThat(cs.get("kind").asText()).isEqualTo("chemspill");
    for (JsonNode r : List.of(ga, cs)) {
      assertThat(r.get("product").asText()).isEqualTo("Firefox");
      assertThat(r.get("channel").asText()).isEqualTo("release");
    }
    assertThat(ga.get("from_version").asText()).isEqualTo(Population.RELEASE_VERSION);
    assertThat(ga.get("version").asText())
        .isEqualTo(ReleasePlan.nextVersion(ReleaseSpec.Kind.GA, Population.RELEASE_VERSION));
    assertThat(cs.get("from_version").asText()).isEqualTo(ga.get("version").asText());
    assertThat(cs.get("version").asText())
        .isEqualTo(ReleasePlan.nextVersion(ReleaseSpec.Kind.CHEMSPILL, ga.get("version").asText()));
    assertThat(at(ga, "start")).isEqualTo(Instant.parse("2026-11-02T04:00:00Z"));
    assertThat(at(ga, "ramp_end")).isEqualTo(Instant.parse("2026-11-03T04:00:00Z"));
    assertThat(ga.get("final_share").asDouble()).isEqualTo(0.25);
    assertThat(at(cs, "ramp_end")).isEqualTo(Instant.parse("2026-11-03T18:00:00Z"));
    assertThat(cs.get("final_share").asDouble()).isEqualTo(0.6);
    // GA writes start about two hours before, a chemspill's one hour before
    assertThat(Duration.between(at(ga, "writes_start"), at(ga, "start")))
        .isBetween(Duration.ofMinutes(110), Duration.ofHours(2));
    assertThat(Duration.between(at(cs, "writes_start"), at(cs, "start")))
        .isBetween(Duration.ofMinutes(50), Duration.ofHours(1));
    assertThat(manifest.get("config").get("releases"))
        .extracting(JsonNode::asText)
        .containsExactly("ga@2026-11-02T04:00:00Z", "chemspill@2026-11-03T12:00:00Z");
  }

  @Test
  void releaseChannelUpdateRequestsMoveToTheNewVersionsAsTheRampsSay() {
    JsonNode ga = release("ga");
    JsonNode cs = release("chemspill");
    String gaVersion = ga.get("version").asText();
    String csVersion = cs.get("version").asText();
    Instant gaStart = at(ga, "start");
    Instant csStart = at(cs, "start");
    Instant end = FROM.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();

    assertThat(share(gaVersion, FROM.atStartOfDay(ZoneOffset.UTC).toInstant(), gaStart)).isZero();
    assertThat(share(csVersion, FROM.atStartOfDay(ZoneOffset.UTC).toInstant(), csStart)).isZero();
    // halfway through the GA's ramp (a window around start + 12 h)
    Instant from = gaStart.plus(Duration.ofHours(8));
    Instant to = gaStart.plus(Duration.ofHours(16));
    assertThat(share(gaVersion, from, to)).isCloseTo(ramp(ga, from, to), within(0.04));
    // the GA's ramp done, before the chemspill
    assertThat(share(gaVersion, at(ga, "ramp_end"), csStart))
        .isCloseTo(ga.get("final_share").asDouble(), within(0.05));
    // halfway through the chemspill's ramp, and after it
    from = csStart.plus(Duration.ofHours(1));
    to = csStart.plus(Duration.ofHours(5));
    assertThat(share(csVersion, from, to)).isCloseTo(ramp(cs, from, to), within(0.07));
    assertThat(share(csVersion, at(cs, "ramp_end"), end))
        .isCloseTo(cs.get("final_share").asDouble(), within(0.07));
  }

  @Test
  void thePopulationTruthCountsEachRequestUnderTheVersionItWasSentWith() {
    Map<String, Long> truth = new HashMap<>();
    for (JsonNode row : manifest.get("population").get("by_channel")) {
      if (row.get("domain").asText().equals("aus5")
          && row.get("product").asText().equals("Firefox")
          && row.get("channel").asText().equals("release")) {
        truth.put(
            row.get("log_date").asText() + " " + row.get("version").asText(),
            row.get("requests").asLong());
      }
    }
    assertThat(truth).isEqualTo(perDayAndVersion);
    assertThat(truth).containsKeys("2026-11-02 146.0", "2026-11-03 146.0", "2026-11-03 146.0.1");
  }

  @Test
  void theAdminLogHasTheWritesBeforeTheStartAndTheAgentsEnactsAtIt() {
    for (String kind : List.of("ga", "chemspill")) {
      JsonNode r = release(kind);
      Instant writesStart = at(r, "writes_start");
      Instant start = at(r, "start");
      String name = "/api/releases/Firefox-" + r.get("version").asText() + "-build";
      // release automation's writes of the release and its builds, first of all
      List<NginxAccessEntry> ofRelease =
          admin.stream().filter(e -> e.uri().startsWith(name)).toList();
      assertThat(ofRelease).hasSizeGreaterThan(40);
      assertThat(ofRelease)
          .allMatch(e -> e.method().equals("PUT") && e.status() / 100 == 2)
          .allMatch(e -> !e.eventTime().isBefore(writesStart) && e.eventTime().isBefore(start));
      assertThat(Duration.between(writesStart, ofRelease.get(0).eventTime()))
          .isLessThan(Duration.ofSeconds(2));
      // the scheduled changes its managers sign off are enacted by the agent at the start
      List<String> signedOff =
          admin.stream()
              .filter(
                  e ->
                      e.uri().endsWith("/signoffs")
                          && !e.eventTime().isBefore(writesStart)
                          && e.eventTime().isBefore(start))
              .map(e -> scheduledChange(e.uri()))
              .distinct()
              .toList();
      List<NginxAccessEntry> enacts =
          admin.stream()
              .filter(
                  e -> e.uri().endsWith("/enact") && signedOff.contains(scheduledChange(e.uri())))
              .toList();
      assertThat(enacts).hasSizeGreaterThanOrEqualTo(2);
      assertThat(enacts)
          .allMatch(e -> e.server().equals("agent") && e.method().equals("POST"))
          .allMatch(e -> e.status() == 200)
          .allMatch(
              e ->
                  !e.eventTime().isBefore(start)
                      && e.eventTime().isBefore(start.plus(Duration.ofMinutes(1))));
      assertThat(r.get("admin_writes").asInt()).isGreaterThan(ofRelease.size() + enacts.size());
    }
    // a chemspill's writes are compressed into its hour and more numerous
    assertThat(release("chemspill").get("admin_writes").asInt())
        .isGreaterThan(release("ga").get("admin_writes").asInt());
  }

  private static String scheduledChange(String uri) {
    Matcher m = SCHEDULED.matcher(uri);
    return m.matches() ? m.group(1) : uri;
  }

  @Test
  void withoutReleasesTheManifestListsNoneAndTheBytesRepeat() throws IOException {
    Path a = tmp.resolve("quiet-a");
    Path b = tmp.resolve("quiet-b");
    new SampleGenerator().run(config(a, List.of()), null);
    new SampleGenerator().run(config(b, null), null);
    JsonNode m = GenTestFiles.manifest(a);
    assertThat(m.get("releases")).isEmpty();
    assertThat(m.get("config").get("releases")).isEmpty();
    List<Path> files = GenTestFiles.files(a).stream().map(a::relativize).toList();
    assertThat(GenTestFiles.files(b).stream().map(b::relativize).toList()).isEqualTo(files);
    for (Path rel : files) {
      assertThat(Files.readAllBytes(b.resolve(rel)))
          .as(rel.toString())
          .isEqualTo(Files.readAllBytes(a.resolve(rel)));
    }
    // releases draw from their own streams: what they do not touch is as without them
    for (LogSource s :
        List.of(LogSource.AUS3, LogSource.AUS4, LogSource.AUS_API, LogSource.SYSLOG_WEB)) {
      for (Path f : GenTestFiles.files(a.resolve(SampleGenerator.topFolder(s)))) {
        Path rel = a.relativize(f);
        assertThat(Files.readAllBytes(out.resolve(rel)))
            .as(rel.toString())
            .isEqualTo(Files.readAllBytes(f));
      }
    }
  }
}
