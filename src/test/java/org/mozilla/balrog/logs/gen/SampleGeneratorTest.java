package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mozilla.balrog.logs.model.LogFormat;
import org.mozilla.balrog.logs.model.LogSource;

/**
 * One two-day run with a regression deploy (web, with migration) and an admin deploy; checks files
 * vs manifest.
 */
class SampleGeneratorTest {
  static final LocalDate FROM = LocalDate.parse("2026-11-02");
  static final Pattern ELB_NAME =
      Pattern.compile(
          "^(\\d{12})_elasticloadbalancing_([a-z0-9-]+)_(.+)_(\\d{8}T\\d{4}Z)_([0-9.]+)_([a-z0-9]+)\\.log(\\.gz)?$");

  @TempDir static Path tmp;
  static Path out;
  static GeneratorResult result;
  static JsonNode manifest;
  static Map<Path, List<byte[]>> lines = new TreeMap<>();

  @BeforeAll
  static void generate() {
    out = tmp.resolve("run");
    GeneratorConfig cfg =
        new GeneratorConfig(
            out,
            FROM,
            2,
            20_000,
            11L,
            false,
            false,
            List.of(
                DeploySpec.parse("v3.122@2026-11-02T14:00Z:regression:migration"),
                DeploySpec.parse("admin-v3.122@2026-11-03T10:00Z")),
            1.0);
    List<String> progress = new ArrayList<>();
    result = new SampleGenerator().run(cfg, progress::add);
    assertThat(progress).isNotEmpty();
    manifest = GenTestFiles.manifest(out);
    for (Path f : GenTestFiles.files(out)) {
      if (!f.getFileName().toString().equals("manifest.json")) {
        lines.put(f, GenTestFiles.rawLines(f));
      }
    }
  }

  static LogSource sourceOf(Path file) {
    String rel = out.relativize(file).toString().replace('\\', '/');
    for (LogSource s : LogSource.values()) {
      if (rel.startsWith(SampleGenerator.topFolder(s) + "/")) {
        return s;
      }
    }
    throw new AssertionError("file outside the layout: " + rel);
  }

  /** The delivery date from the last three folders of a file's path. */
  static LocalDate folderDate(Path file) {
    Path dd = file.getParent();
    return LocalDate.of(
        Integer.parseInt(dd.getParent().getParent().getFileName().toString()),
        Integer.parseInt(dd.getParent().getFileName().toString()),
        Integer.parseInt(dd.getFileName().toString()));
  }

  static String rel(Path f) {
    return out.relativize(f).toString().replace('\\', '/');
  }

  @Test
  void everySourceFollowsTheDefaultLayout() {
    for (LogSource s : LogSource.values()) {
      Pattern folder =
          Pattern.compile(
              s.basePattern().replace(".", "\\.").replace("*", "[^/]+")
                  + "/\\d{4}/\\d{2}/\\d{2}/[^/]+$");
      List<Path> files = lines.keySet().stream().filter(f -> sourceOf(f) == s).toList();
      assertThat(files).as(s.viewName()).isNotEmpty();
      for (Path f : files) {
        assertThat(rel(f)).as(s.viewName()).matches(folder);
      }
      for (int d = 0; d < 2; d++) {
        assertThat(
                out.resolve(
                    s.dayFolderGlob(FROM.plusDays(d))
                        .replace(
                            "*/elasticloadbalancing/*",
                            "361527076523/elasticloadbalancing/us-west-2")))
            .isDirectory();
      }
    }
  }

  @Test
  void elbFileNamesFollowTheAwsPatternAndLandInTheFolderOfTheirEndTime() {
    int checked = 0;
    for (Path f : lines.keySet()) {
      LogSource s = sourceOf(f);
      if (s.format() != LogFormat.ELB) {
        continue;
      }
      Matcher m = ELB_NAME.matcher(f.getFileName().toString());
      assertThat(m.matches()).as(f.getFileName().toString()).isTrue();
      assertThat(m.group(1)).isEqualTo("361527076523");
      String end = m.group(4);
      assertThat(folderDate(f))
          .isEqualTo(
              LocalDate.parse(
                  end.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
      assertThat(m.group(7) != null).as("gzip only for ALB").isEqualTo(s == LogSource.AUS_API);
      if (s == LogSource.AUS_API) {
        assertThat(m.group(3)).isEqualTo("app.aus-api-prod.50dc6c495c0c9188");
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(1000);
    // the last interval of the last day is delivered into the following day's folder
    assertThat(
            lines.keySet().stream()
                .filter(f -> sourceOf(f) == LogSource.AUS5)
                .filter(f -> f.getFileName().toString().contains("_20261104T0000Z_")))
        .isNotEmpty()
        .allMatch(f -> folderDate(f).equals(LocalDate.parse("2026-11-04")));
  }

  @Test
  void manifestLinesAndFilesMatchTheFiles() {
    Map<String, Map<String, Long>> counted = new TreeMap<>();
    Map<LogSource, Long> perSource = new HashMap<>();
    for (Map.Entry<Path, List<byte[]>> e : lines.entrySet()) {
      LogSource s = sourceOf(e.getKey());
      counted
          .computeIfAbsent(s.viewName(), k -> new TreeMap<>())
          .merge(folderDate(e.getKey()).toString(), (long) e.getValue().size(), Long::sum);
      perSource.merge(s, (long) e.getValue().size(), Long::sum);
    }
    for (LogSource s : LogSource.values()) {
      JsonNode m = manifest.get("lines").get(s.viewName());
      Map<String, Long> fromManifest = new TreeMap<>();
      m.properties()
          .forEach(
              f -> {
                if (f.getValue().asLong() != 0) {
                  fromManifest.put(f.getKey(), f.getValue().asLong());
                }
              });
      assertThat(fromManifest).as(s.viewName()).isEqualTo(counted.get(s.viewName()));
      assertThat(result.linesPerSource().get(s)).isEqualTo(perSource.get(s));
      assertThat(manifest.get("files").get(s.viewName()).asLong())
          .isEqualTo(lines.keySet().stream().filter(f -> sourceOf(f) == s).count());
    }
    assertThat(result.manifest()).isEqualTo(out.resolve("manifest.json"));
    assertThat(manifest.get("config").get("deploys")).hasSize(2);
    assertThat(manifest.get("generator").get("version").asText())
        .isEqualTo(SampleGenerator.VERSION);
  }

  @Test
  void malformedLinesAreWhereTheManifestSays() {
    JsonNode bad = manifest.get("malformed");
    Map<String, Integer> perView = new TreeMap<>();
    for (JsonNode m : bad) {
      Path f = out.resolve(m.get("file").asText());
      List<byte[]> l = lines.get(f);
      assertThat(l).as(m.toString()).isNotNull();
      int line = m.get("line").asInt();
      assertThat(line).isBetween(1, l.size());
      byte[] b = l.get(line - 1);
      String text = new String(b, StandardCharsets.UTF_8);
      switch (m.get("kind").asText()) {
        case "blank" -> assertThat(b).isEmpty();
        case "binary" -> assertThat(b[0]).isEqualTo((byte) 1);
        case "unclosed_quote" ->
            assertThat(text.chars().filter(c -> c == '"').count() % 2).isEqualTo(1);
        case "truncated" -> assertThat(text.length()).isLessThan(200);
        default -> throw new AssertionError(m.toString());
      }
      perView.merge(m.get("source").asText(), 1, Integer::sum);
    }
    for (LogSource s : LogSource.values()) {
      assertThat(perView.get(s.viewName())).as(s.viewName()).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void rowsAreLinesMinusMalformedMinusTracebackContinuations() {
    Map<String, Long> malformed = new TreeMap<>();
    manifest
        .get("malformed")
        .forEach(m -> malformed.merge(m.get("source").asText(), 1L, Long::sum));
    for (LogSource s : LogSource.values()) {
      long physical = 0;
      long continuation = 0;
      Map<String, Long> rowsByDate = new TreeMap<>();
      for (Map.Entry<Path, List<byte[]>> e : lines.entrySet()) {
        if (sourceOf(e.getKey()) != s) {
          continue;
        }
        physical += e.getValue().size();
        boolean inTraceback = false;
        for (byte[] raw : e.getValue()) {
          String l = new String(raw, StandardCharsets.UTF_8);
          if (s.format() == LogFormat.SYSLOG) {
            String msg = l.contains("]: ") ? l.substring(l.indexOf("]: ") + 3) : l;
            if (s == LogSource.SYSLOG_AGENT && l.startsWith("<")) {
              msg = l.split(" ", 8).length == 8 ? l.split(" ", 8)[7] : l;
            }
            if (msg.startsWith("  ")) {
              continuation++;
              inTraceback = true;
            } else if (inTraceback && msg.matches("^[A-Za-z_][\\w.]*: .*")) {
              continuation++;
              inTraceback = false;
            }
          }
          String date = dateOf(s, l);
          if (date != null) {
            rowsByDate.merge(date, 1L, Long::sum);
          }
        }
      }
      long rows = 0;
      for (JsonNode n : manifest.get("rows").get(s.viewName())) {
        rows += n.asLong();
      }
      assertThat(rows)
          .as(s.viewName())
          .isEqualTo(physical - malformed.getOrDefault(s.viewName(), 0L) - continuation);
      if (s.format() == LogFormat.ELB || s.format() == LogFormat.NGINX_ACCESS) {
        Map<String, Long> fromManifest = new TreeMap<>();
        manifest
            .get("rows")
            .get(s.viewName())
            .properties()
            .forEach(
                f -> {
                  if (f.getValue().asLong() != 0) {
                    fromManifest.put(f.getKey(), f.getValue().asLong());
                  }
                });
        assertThat(fromManifest).as(s.viewName()).isEqualTo(rowsByDate);
      }
    }
  }

  private static final Pattern ISO =
      Pattern.compile("^(?:https )?(\\d{4}-\\d{2}-\\d{2})T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z .*");
  private static final Pattern MSEC = Pattern.compile("^(?:admin|agent) (\\d{10})\\.\\d{3} .*");

  /** The log_date of a well-formed ELB or nginx access line, else null. */
  private static String dateOf(LogSource s, String l) {
    if (s.format() == LogFormat.ELB) {
      Matcher m = ISO.matcher(l);
      return m.matches() && validElb(l) ? m.group(1) : null;
    }
    if (s.format() == LogFormat.NGINX_ACCESS) {
      Matcher m = MSEC.matcher(l);
      return m.matches() && l.endsWith("\"") && l.chars().filter(c -> c == '"').count() == 8
          ? Instant.ofEpochSecond(Long.parseLong(m.group(1))).toString().substring(0, 10)
          : null;
    }
    return null;
  }

  private static boolean validElb(String l) {
    long quotes = l.chars().filter(c -> c == '"').count();
    return quotes % 2 == 0 && quotes >= 4;
  }

  @Test
  void deployRestartsEveryWebHostWithUwsgiBannersAndANewContainer() {
    List<String> web =
        lines.entrySet().stream()
            .filter(e -> sourceOf(e.getKey()) == LogSource.SYSLOG_WEB)
            .filter(e -> folderDate(e.getKey()).equals(FROM))
            .flatMap(e -> e.getValue().stream().map(b -> new String(b, StandardCharsets.UTF_8)))
            .toList();
    for (String host : DeployPlan.WEB_HOSTS) {
      // every restart of the host that day (the deploy's and a lone one) leaves one banner and one
      // goodbye
      long restarts = 0;
      for (JsonNode r : manifest.get("restarts")) {
        if (r.get("host").asText().equals(host)
            && r.get("ready").asText().startsWith(FROM.toString())) {
          restarts++;
        }
      }
      assertThat(restarts).isBetween(1L, 2L);
      List<String> starts =
          web.stream()
              .filter(l -> l.contains(" " + host + " ") && l.contains("*** Starting uWSGI"))
              .toList();
      assertThat(starts).as(host).hasSize((int) restarts);
      List<String> bye =
          web.stream()
              .filter(l -> l.contains(" " + host + " ") && l.endsWith("goodbye to uWSGI."))
              .toList();
      assertThat(bye).as(host).hasSize((int) restarts);
      List<String> deployStart = starts.stream().filter(l -> l.startsWith("Nov  2 14:0")).toList();
      assertThat(deployStart).as(host).hasSize(1);
      String newTag = tag(deployStart.get(0));
      String oldTag =
          tag(bye.stream().filter(l -> l.startsWith("Nov  2 14:0")).findFirst().orElseThrow());
      assertThat(oldTag).isNotEqualTo(newTag);
      assertThat(
              web.stream()
                  .filter(
                      l ->
                          l.contains(" " + host + " ")
                              && l.contains("WSGI app 0 (mountpoint='') ready"))
                  .map(SampleGeneratorTest::tag))
          .contains(newTag)
          .hasSize((int) restarts)
          .doesNotHaveDuplicates();
    }
    JsonNode d = manifest.get("deploys").get(0);
    assertThat(d.get("id").asText()).isEqualTo("v3.122");
    assertThat(d.get("app").asText()).isEqualTo("web");
    assertThat(d.get("expected_verdict").asText()).isEqualTo("regression");
    assertThat(d.get("hosts")).hasSize(4);
    assertThat(Instant.parse(d.get("first_restart").asText()))
        .isAfter(Instant.parse("2026-11-02T14:00:00Z"));
    assertThat(Instant.parse(d.get("last_restart").asText()))
        .isBefore(Instant.parse("2026-11-02T14:10:00Z"));
    String type = d.get("new_exception_type").asText();
    String beforeDeploy =
        String.join("\n", web.stream().filter(l -> l.compareTo("Nov  2 14:00") < 0).toList());
    String afterDeploy =
        String.join("\n", web.stream().filter(l -> l.compareTo("Nov  2 14:10") > 0).toList());
    assertThat(beforeDeploy).doesNotContain("<class '" + type + "'>");
    assertThat(afterDeploy).contains("<class '" + type + "'>").contains(type + ": ");
    JsonNode admin = manifest.get("deploys").get(1);
    assertThat(admin.get("app").asText()).isEqualTo("admin");
    assertThat(admin.get("expected_verdict").asText()).isEqualTo("ok");
    assertThat(admin.get("new_exception_type").isNull()).isTrue();
  }

  private static String tag(String syslogLine) {
    Matcher m = Pattern.compile(" (docker/[0-9a-f]{12})\\[").matcher(syslogLine);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void migrationRunsOnAdmin() {
    String admin =
        String.join(
            "\n",
            lines.entrySet().stream()
                .filter(e -> sourceOf(e.getKey()) == LogSource.SYSLOG_ADMIN)
                .flatMap(e -> e.getValue().stream().map(b -> new String(b, StandardCharsets.UTF_8)))
                .toList());
    assertThat(admin).contains("INFO:alembic.runtime.migration:Running upgrade 0001 -> 0002, ");
    assertThat(manifest.get("deploys").get(0).get("migration_revision").asText())
        .isEqualTo("0001 -> 0002");
    // the admin deploy of day two restarts both admin hosts; one lone restart a day besides
    long adminRestarts = 0;
    long lone = 0;
    for (JsonNode r : manifest.get("restarts")) {
      if (r.get("app").asText().equals("admin")) {
        adminRestarts++;
        lone += r.get("deploy").asBoolean() ? 0 : 1;
        assertThat(r.get("deploy_id").isNull()).isEqualTo(!r.get("deploy").asBoolean());
      }
    }
    assertThat(lone).isEqualTo(2);
    assertThat(adminRestarts).isEqualTo(4);
    assertThat(admin.split("\\*\\*\\* Starting uWSGI", -1)).hasSize(5);
  }

  @Test
  void regressionRaisesBackend5xxAndTheRolloutShowsLbErrors() {
    JsonNode aus5 = manifest.get("hourly").get("aus5");
    double before = 0;
    double after = 0;
    long beforeReq = 0;
    long afterReq = 0;
    for (int h = 0; h < 24; h++) {
      JsonNode c = aus5.get(FROM + "T" + String.format("%02d", h) + ":00:00Z");
      if (h < 14) {
        before += c.get("backend_5xx").asLong();
        beforeReq += c.get("update_requests").asLong();
      } else if (h > 14) {
        after += c.get("backend_5xx").asLong();
        afterReq += c.get("update_requests").asLong();
      }
    }
    assertThat(after / afterReq).isGreaterThan(0.02).isGreaterThan(10 * before / beforeReq);
    long lbDuringRollout = 0;
    long lbBefore = 0;
    for (String source : List.of("aus3", "aus4", "aus5", "aus_api")) {
      lbDuringRollout +=
          manifest.get("hourly").get(source).get(FROM + "T14:00:00Z").get("lb_5xx").asLong();
      lbBefore +=
          manifest.get("hourly").get(source).get(FROM + "T12:00:00Z").get("lb_5xx").asLong();
    }
    assertThat(lbDuringRollout).isGreaterThan(lbBefore);
    assertThat(aus5.get(FROM + "T12:00:00Z").get("dockerflow").asLong()).isGreaterThan(600);
  }

  @Test
  void populationIsConsistentWithTheTraffic() {
    JsonNode pop = manifest.get("population");
    Map<String, Long> requestsByDate = new TreeMap<>();
    long clients = 0;
    long fingerprints = 0;
    boolean sawPartner = false;
    boolean sawTest = false;
    for (JsonNode c : pop.get("by_channel")) {
      long cl = c.get("clients").asLong();
      long fp = c.get("fingerprints").asLong();
      assertThat(fp).isBetween(1L, cl);
      assertThat(cl).isLessThanOrEqualTo(c.get("requests").asLong());
      requestsByDate.merge(
          c.get("domain").asText() + "/" + c.get("log_date").asText(),
          c.get("requests").asLong(),
          Long::sum);
      if (c.get("domain").asText().equals("aus5")) {
        clients += cl;
        fingerprints += fp;
      }
      sawPartner |=
          c.get("channel").asText().startsWith("release-cck-")
              && c.get("channel_normalized").asText().equals("release");
      sawTest |= c.get("test_channel").asBoolean();
    }
    assertThat(sawPartner).isTrue();
    assertThat(sawTest).isTrue();
    assertThat(fingerprints).as("NAT users with identical installs collapse").isLessThan(clients);
    for (String domain : List.of("aus3", "aus4", "aus5")) {
      for (int d = 0; d < 2; d++) {
        String date = FROM.plusDays(d).toString();
        long hourly = 0;
        for (int h = 0; h < 24; h++) {
          hourly +=
              manifest
                  .get("hourly")
                  .get(domain)
                  .get(date + "T" + String.format("%02d", h) + ":00:00Z")
                  .get("update_requests")
                  .asLong();
        }
        assertThat(requestsByDate.get(domain + "/" + date))
            .as(domain + " " + date)
            .isEqualTo(hourly);
      }
    }
    long normClients = 0;
    for (JsonNode c : pop.get("by_normalized_channel")) {
      assertThat(c.get("channel_normalized").asText()).doesNotContain("-cck-");
      if (c.get("domain").asText().equals("aus5")) {
        normClients += c.get("clients").asLong();
      }
    }
    assertThat(normClients).isEqualTo(clients);
  }

  @Test
  void updateUrlsAreEncodedLikeFirefoxDoes() {
    String sample =
        String.join(
            "\n",
            lines.entrySet().stream()
                .filter(e -> sourceOf(e.getKey()) == LogSource.AUS5)
                .limit(400)
                .flatMap(e -> e.getValue().stream().map(b -> new String(b, StandardCharsets.UTF_8)))
                .toList());
    assertThat(sample)
        .contains("/update/6/Firefox/")
        .contains("/update/3/GMP/")
        .contains("/update/3/SystemAddons/")
        .contains("Windows_NT%2010.0.0.0.")
        .contains("%20(GTK%203.")
        .contains("?force=1")
        .contains("/release-cck-")
        .contains("/__lbheartbeat__")
        .contains("\"- - - \" \"-\" - -");
    assertThat(Files.exists(out.resolve("manifest.json"))).isTrue();
  }
}
