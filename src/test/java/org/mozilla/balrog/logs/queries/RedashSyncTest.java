package org.mozilla.balrog.logs.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/redash/sync.py} (python3) against {@link FakeRedash}, a loopback stand-in for
 * Redash's REST API: the requests it sends and in which order, what it leaves on the server
 * (published queries, schedules from the {@code -- schedule:} headers, enum and query-based
 * dropdowns instead of text parameters, the dashboard, the two alerts), that a rerun writes
 * nothing, that a changed input or an older server state is updated in place, and that the API key
 * goes only into the Authorization header. The header mapping itself is checked with {@code
 * --check} on small query folders.
 */
class RedashSyncTest {
  static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  static final Path SCRIPT = PROJECT.resolve("jobs/redash/sync.py");
  static final String DASHBOARD = "Balrog logs (test)";

  @TempDir Path tmp;

  private final String key = "rk-" + UUID.randomUUID();
  private FakeRedash redash;

  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }

    String describe() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  @BeforeEach
  void start() throws IOException {
    redash = new FakeRedash(key);
  }

  @AfterEach
  void stop() {
    redash.close();
  }

  private Run sync(boolean withServer, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("python3", SCRIPT.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile());
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("REDASH_URL");
    pb.environment().remove("REDASH_API_KEY");
    if (withServer) {
      pb.environment().put("REDASH_URL", redash.url());
      pb.environment().put("REDASH_API_KEY", key);
    }
    Process p = pb.start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("sync.py did not finish in 90 s: " + String.join(" ", cmd));
    }
    Run run =
        new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    // the key goes into the Authorization header and nowhere else
    assertThat(run.all()).as("the output never shows the key").doesNotContain(key);
    assertThat(redash.requests())
        .as("every request carries Authorization: Key <key>")
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Key " + key));
    return run;
  }

  private Run syncAll(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--data-source-id", "7", "--dashboard", DASHBOARD));
    args.addAll(List.of(extra));
    return sync(true, args.toArray(String[]::new));
  }

  private static List<QueryFile> files(String role) {
    return QueryFile.all().stream()
        .filter(
            q ->
                switch (role) {
                  case "values" -> q.name().endsWith("_values");
                  case "alert" -> q.name().endsWith("_alert");
                  default -> !q.name().endsWith("_values") && !q.name().endsWith("_alert");
                })
        .toList();
  }

  private ObjectNode query(String title) {
    return redash.queries.values().stream()
        .filter(q -> q.get("name").asText().equals(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no query " + title));
  }

  private ObjectNode queryOf(String file) {
    return query(QueryFile.read(QueryFile.DIR.resolve(file + ".sql")).header().get("title"));
  }

  private static JsonNode parameter(JsonNode query, String name) {
    for (JsonNode p : query.path("options").path("parameters")) {
      if (p.get("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no parameter " + name + " in " + query.get("name"));
  }

  private static JsonNode json(String text) {
    return FakeRedash.parse(text);
  }

  @Test
  void firstRunCreatesPublishesSchedulesAndUsesDropdownsInThatOrder() throws Exception {
    Run run = syncAll();
    assertThat(run.code()).as(run.describe()).isZero();
    List<FakeRedash.Request> requests = redash.requests();

    // the sequence: values queries first (their ids go into the dropdowns), then the dashboard
    // queries with their visualizations, the alert queries, the dashboard and its widgets, the
    // alerts. Redash creates queries and dashboards as drafts: each create is followed by a
    // publish.
    List<String> expected = new ArrayList<>(List.of("GET /api/queries"));
    for (int i = 0; i < files("values").size(); i++) {
      expected.addAll(List.of("POST /api/queries", "POST /api/queries/{id}"));
    }
    List<QueryFile> dashboardQueries = files("dashboard");
    for (QueryFile q : dashboardQueries) {
      expected.addAll(List.of("POST /api/queries", "POST /api/queries/{id}"));
      // a table hint updates the TABLE visualization Redash made with the query; a chart is new
      expected.add(
          q.header().get("visualization").startsWith("table")
              ? "POST /api/visualizations/{id}"
              : "POST /api/visualizations");
    }
    for (int i = 0; i < files("alert").size(); i++) {
      expected.addAll(List.of("POST /api/queries", "POST /api/queries/{id}"));
    }
    expected.addAll(
        List.of("GET /api/dashboards", "POST /api/dashboards", "POST /api/dashboards/{id}"));
    dashboardQueries.forEach(q -> expected.add("POST /api/widgets"));
    expected.addAll(List.of("GET /api/alerts", "POST /api/alerts", "POST /api/alerts"));
    assertThat(requests.stream().map(FakeRedash.Request::shape))
        .containsExactlyElementsOf(expected);
    assertThat(requests.get(0).query()).contains("tags=balrog-logs");

    // each create sends the file's SQL, the schedule of its header and no draft flag; the POST
    // right after it publishes it and sends nothing else
    for (int i = 0; i < requests.size(); i++) {
      FakeRedash.Request r = requests.get(i);
      if (r.shape().equals("POST /api/queries")) {
        assertThat(r.body().get("data_source_id").asInt()).isEqualTo(7);
        assertThat(r.body().get("tags")).isEqualTo(json("[\"balrog-logs\"]"));
        assertThat(r.body().has("is_draft")).isFalse();
        assertThat(r.body().has("schedule")).isTrue();
        assertThat(requests.get(i + 1).body()).isEqualTo(json("{\"is_draft\": false}"));
      }
    }
    assertThat(redash.queries).hasSize(QueryFile.all().size());
    for (QueryFile f : QueryFile.all()) {
      ObjectNode q = queryOf(f.name());
      assertThat(q.get("is_draft").asBoolean()).as(f.name() + " published").isFalse();
      assertThat(q.get("query").asText()).as(f.name()).isEqualTo(f.sql());
      assertThat(q.get("tags")).isEqualTo(json("[\"balrog-logs\"]"));
      assertThat(redash.serializeQuery(q, false).get("is_safe").asBoolean())
          .as(f.name() + ": no text parameter, so view-only users and shared dashboards run it")
          .isTrue();
      if (!f.header().containsKey("schedule")) {
        assertThat(q.get("schedule").isNull()).as(f.name() + " has no schedule").isTrue();
      }
    }

    // schedules: "-- schedule: daily 07:30" is one day in seconds at 07:30 UTC
    JsonNode daily =
        json("{\"interval\": 86400, \"time\": \"07:30\", \"day_of_week\": null, \"until\": null}");
    for (String f :
        List.of(
            "product_values",
            "channel_values",
            "deploy_regressions_alert",
            "update_5xx_rate_alert")) {
      assertThat(queryOf(f).get("schedule")).as(f).isEqualTo(daily);
    }

    // dropdowns: product and channel are query-based, over the ids of the values queries
    int products = queryOf("product_values").get("id").asInt();
    int channels = queryOf("channel_values").get("id").asInt();
    for (String f :
        List.of("clients_by_version", "clients_1_7_28", "os_arch_split", "version_adoption")) {
      ObjectNode q = queryOf(f);
      assertThat(parameter(q, "product"))
          .as(f)
          .isEqualTo(
              json(
                  "{\"name\": \"product\", \"title\": \"product\", \"type\": \"query\","
                      + " \"value\": \"Firefox\", \"queryId\": "
                      + products
                      + "}"));
      assertThat(parameter(q, "channel"))
          .as(f)
          .isEqualTo(
              json(
                  "{\"name\": \"channel\", \"title\": \"channel\", \"type\": \"query\","
                      + " \"value\": \"release\", \"queryId\": "
                      + channels
                      + "}"));
      assertThat(q.get("id").asInt()).isGreaterThan(Math.max(products, channels));
    }
    assertThat(parameter(queryOf("deploy_verdicts"), "days"))
        .isEqualTo(
            json(
                "{\"name\": \"days\", \"title\": \"days\", \"type\": \"date-range\", \"value\":"
                    + " {\"start\": \"2026-10-27\", \"end\": \"2026-11-02\"}}"));

    // a chart from the visualization hint
    ObjectNode clients = queryOf("clients_by_version");
    JsonNode chart =
        redash.visualizations.values().stream()
            .filter(
                v ->
                    v.get("query_id").asInt() == clients.get("id").asInt()
                        && v.get("type").asText().equals("CHART"))
            .findFirst()
            .orElseThrow();
    assertThat(chart.get("options").get("globalSeriesType").asText()).isEqualTo("column");
    assertThat(chart.get("options").get("columnMapping"))
        .isEqualTo(json("{\"version\": \"x\", \"clients\": \"y\"}"));

    // one published dashboard, a widget per dashboard query, none for values or alert queries
    assertThat(redash.dashboards).hasSize(1);
    ObjectNode dash = redash.dashboards.values().iterator().next();
    assertThat(dash.get("name").asText()).isEqualTo(DASHBOARD);
    assertThat(dash.get("is_draft").asBoolean()).isFalse();
    assertThat(dash.get("tags")).isEqualTo(json("[\"balrog-logs\"]"));
    assertThat(redash.widgets).hasSize(dashboardQueries.size());
    List<Integer> onDashboard = new ArrayList<>();
    for (ObjectNode w : redash.widgets.values()) {
      assertThat(w.get("dashboard_id").asInt()).isEqualTo(dash.get("id").asInt());
      onDashboard.add(
          redash.visualizations.get(w.get("visualization_id").asInt()).get("query_id").asInt());
    }
    assertThat(onDashboard)
        .containsExactlyInAnyOrderElementsOf(
            dashboardQueries.stream().map(f -> queryOf(f.name()).get("id").asInt()).toList());

    // the two alerts, over their queries, with the default 5xx threshold
    assertThat(redash.alerts).hasSize(2);
    Map<String, ObjectNode> alerts = new HashMap<>();
    redash.alerts.values().forEach(a -> alerts.put(a.get("name").asText(), a));
    ObjectNode regression = alerts.get("Balrog: deploy regression verdict on the latest day");
    assertThat(regression.get("query_id").asInt())
        .isEqualTo(queryOf("deploy_regressions_alert").get("id").asInt());
    assertThat(regression.get("options").get("column").asText()).isEqualTo("regressions");
    assertThat(regression.get("options").get("op").asText()).isEqualTo(">");
    assertThat(regression.get("options").get("value").asDouble()).isZero();
    assertThat(regression.get("options").get("selector").asText()).isEqualTo("first");
    assertThat(regression.get("options").get("custom_subject").asText()).contains("regression");
    assertThat(regression.get("rearm").asInt()).isEqualTo(43200);
    ObjectNode errors = alerts.get("Balrog: update 5xx error rate above threshold");
    assertThat(errors.get("query_id").asInt())
        .isEqualTo(queryOf("update_5xx_rate_alert").get("id").asInt());
    assertThat(errors.get("options").get("column").asText()).isEqualTo("error_rate_pct");
    assertThat(errors.get("options").get("op").asText()).isEqualTo(">");
    assertThat(errors.get("options").get("value").asDouble()).isEqualTo(1.0);
    assertThat(errors.get("options").get("custom_body").asText()).contains("{{error_rate_pct}}");
    // the alert columns are the alert queries' columns
    for (String[] columnOf :
        new String[][] {
          {"deploy_regressions_alert", "regressions"},
          {"update_5xx_rate_alert", "error_rate_pct"}
        }) {
      assertThat(QueryFile.read(QueryFile.DIR.resolve(columnOf[0] + ".sql")).sql())
          .contains(" AS " + columnOf[1]);
    }
    assertThat(run.out()).contains("done: ");
  }

  @Test
  void aSecondRunWritesNothingAndAChangedThresholdUpdatesTheAlertInPlace() throws Exception {
    Run first = syncAll();
    assertThat(first.code()).as(first.describe()).isZero();
    int queries = redash.queries.size();
    int visualizations = redash.visualizations.size();
    int widgets = redash.widgets.size();
    String before = FakeRedash.JSON.writeValueAsString(redash.queries);
    redash.clearRequests();

    Run second = syncAll();
    assertThat(second.code()).as(second.describe()).isZero();
    assertThat(redash.requests()).isNotEmpty().noneMatch(FakeRedash.Request::isWrite);
    assertThat(redash.queries).hasSize(queries);
    assertThat(redash.visualizations).hasSize(visualizations);
    assertThat(redash.widgets).hasSize(widgets);
    assertThat(redash.dashboards).hasSize(1);
    assertThat(redash.alerts).hasSize(2);
    assertThat(FakeRedash.JSON.writeValueAsString(redash.queries)).isEqualTo(before);
    assertThat(second.out()).contains("done: 0 created, 0 updated, ");

    redash.clearRequests();
    Run third = syncAll("--error-rate-threshold", "2.5");
    assertThat(third.code()).as(third.describe()).isZero();
    List<FakeRedash.Request> writes =
        redash.requests().stream().filter(FakeRedash.Request::isWrite).toList();
    assertThat(writes).hasSize(1);
    ObjectNode errors =
        redash.alerts.values().stream()
            .filter(a -> a.get("name").asText().contains("5xx"))
            .findFirst()
            .orElseThrow();
    assertThat(writes.get(0).path()).isEqualTo("/api/alerts/" + errors.get("id").asInt());
    assertThat(writes.get(0).body().fieldNames()).toIterable().containsExactly("options");
    assertThat(errors.get("options").get("value").asDouble()).isEqualTo(2.5);
    assertThat(redash.alerts).hasSize(2);
  }

  @Test
  void whatAnOlderSyncLeftIsUpdatedInPlaceAndADryRunOnlyReads() throws Exception {
    // as the previous sync.py left it: a draft with text parameters, tagged; a draft dashboard
    // with its widget; an alert a user muted, with Redash's older operator name
    QueryFile file = QueryFile.read(QueryFile.DIR.resolve("clients_1_7_28.sql"));
    ObjectNode def = FakeRedash.JSON.createObjectNode();
    def.put("name", file.header().get("title"));
    def.put("description", "old description");
    def.put("query", file.sql());
    def.put("data_source_id", 7);
    def.set("tags", json("[\"balrog-logs\"]"));
    def.set(
        "options",
        json(
            "{\"apply_auto_limit\": true, \"parameters\": [{\"name\": \"product\", \"type\":"
                + " \"text\", \"value\": \"Firefox\"}]}"));
    ObjectNode old = redash.addQuery(def, true);
    int oldId = old.get("id").asInt();
    int table =
        redash.visualizations.values().stream()
            .filter(v -> v.get("query_id").asInt() == oldId)
            .findFirst()
            .orElseThrow()
            .get("id")
            .asInt();
    ObjectNode dash = redash.addDashboard(DASHBOARD, true);
    redash.addWidget(
        dash.get("id").asInt(),
        table,
        (ObjectNode) json("{\"position\": {\"col\": 0, \"row\": 0, \"sizeX\": 6, \"sizeY\": 8}}"));
    ObjectNode regressionQuery = FakeRedash.JSON.createObjectNode();
    regressionQuery.put("name", "something else").put("query", "SELECT 1");
    regressionQuery.put("data_source_id", 7);
    int otherQuery = redash.addQuery(regressionQuery, false).get("id").asInt();
    ObjectNode alert =
        redash.addAlert(
            "Balrog: deploy regression verdict on the latest day",
            otherQuery,
            (ObjectNode)
                json(
                    "{\"column\": \"regressions\", \"op\": \"greater than\", \"value\": 0,"
                        + " \"muted\": true}"),
            null);
    String state = FakeRedash.JSON.writeValueAsString(redash.queries);

    Run dry = syncAll("--dry-run");
    assertThat(dry.code()).as(dry.describe()).isZero();
    assertThat(redash.requests()).isNotEmpty().noneMatch(FakeRedash.Request::isWrite);
    assertThat(FakeRedash.JSON.writeValueAsString(redash.queries)).isEqualTo(state);
    assertThat(dry.out())
        .contains("would POST /api/queries/" + oldId + " ")
        .contains("is_draft=false")
        .contains("would POST /api/alerts/" + alert.get("id").asInt())
        .contains("dry run: nothing was written");

    redash.clearRequests();
    Run run = syncAll();
    assertThat(run.code()).as(run.describe()).isZero();
    // the old query is updated in place, with only what differs; nothing else of that name exists
    assertThat(redash.queries.values())
        .filteredOn(q -> q.get("name").asText().equals(file.header().get("title")))
        .hasSize(1);
    FakeRedash.Request update =
        redash.requests().stream()
            .filter(r -> r.path().equals("/api/queries/" + oldId) && r.isWrite())
            .findFirst()
            .orElseThrow();
    assertThat(update.body().fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("description", "is_draft", "options");
    // options we do not manage stay
    assertThat(update.body().get("options").get("apply_auto_limit").asBoolean()).isTrue();
    ObjectNode updated = redash.queries.get(oldId);
    assertThat(updated.get("is_draft").asBoolean()).isFalse();
    assertThat(parameter(updated, "product").get("type").asText()).isEqualTo("query");
    assertThat(parameter(updated, "channel").get("queryId").asInt())
        .isEqualTo(queryOf("channel_values").get("id").asInt());
    // the dashboard is the same one, published; its widget stays and the others go below it
    assertThat(redash.dashboards).hasSize(1);
    assertThat(redash.dashboards.get(dash.get("id").asInt()).get("is_draft").asBoolean()).isFalse();
    List<ObjectNode> onIt = List.copyOf(redash.widgets.values());
    assertThat(onIt).hasSize(files("dashboard").size());
    assertThat(onIt.stream().filter(w -> w.get("visualization_id").asInt() == table)).hasSize(1);
    assertThat(onIt.subList(1, onIt.size()))
        .allSatisfy(
            w ->
                assertThat(w.get("options").get("position").get("row").asInt())
                    .isGreaterThanOrEqualTo(8));
    // the alert: same id, pointed at its query, our options over the user's (still muted)
    assertThat(redash.alerts).hasSize(2);
    ObjectNode fixed = redash.alerts.get(alert.get("id").asInt());
    assertThat(fixed.get("query_id").asInt())
        .isEqualTo(queryOf("deploy_regressions_alert").get("id").asInt());
    assertThat(fixed.get("options").get("op").asText()).isEqualTo(">");
    assertThat(fixed.get("options").get("muted").asBoolean()).isTrue();
    assertThat(fixed.get("rearm").asInt()).isEqualTo(43200);

    // and from there, a rerun writes nothing
    redash.clearRequests();
    Run again = syncAll();
    assertThat(again.code()).as(again.describe()).isZero();
    assertThat(redash.requests()).noneMatch(FakeRedash.Request::isWrite);
  }

  @Test
  void aServerErrorStopsTheRunWithoutShowingTheKey() throws Exception {
    redash.failPathPrefix = "/api/alerts";
    Run run = syncAll(); // sync() asserts the key is in no output
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("Redash GET /api/alerts failed: HTTP 500").contains("Key ***");
  }

  @Test
  void missingUrlOrKeyIsAUsageError() throws Exception {
    Run run = sync(false, "--data-source-id", "7");
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("set REDASH_URL");
    assertThat(redash.requests()).isEmpty();
  }

  @Test
  void anOfflineDryRunPrintsTheWritesAndSendsNothing() throws Exception {
    Run run = sync(false, "--data-source-id", "7", "--dry-run");
    assertThat(run.code()).as(run.describe()).isZero();
    assertThat(run.out())
        .contains("would POST /api/queries ")
        .contains("would POST /api/queries/new-1 is_draft=false")
        .contains("would POST /api/alerts ")
        .contains("dry run: nothing was written");
    assertThat(redash.requests()).isEmpty();
  }

  // ---- the header mapping, through --check on a small query folder ----

  private Path folder(Map<String, String> files) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("queries-" + UUID.randomUUID()));
    Map<String, String> all = new HashMap<>(files);
    all.putIfAbsent(
        "deploy_regressions_alert.sql",
        "-- title: R\n-- answers: r\n-- visualization: table\nSELECT 0 AS regressions\n");
    all.putIfAbsent(
        "update_5xx_rate_alert.sql",
        "-- title: E\n-- answers: e\n-- visualization: table\nSELECT 0 AS error_rate_pct\n");
    for (Map.Entry<String, String> f : all.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    return dir;
  }

  private JsonNode check(Path dir, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--check", "--queries", dir.toString()));
    args.addAll(List.of(extra));
    Run run = sync(false, args.toArray(String[]::new));
    assertThat(run.code()).as(run.describe()).isZero();
    return json(run.out());
  }

  private static JsonNode checked(JsonNode check, String file) {
    for (JsonNode q : check.get("queries")) {
      if (q.get("file").asText().equals(file)) {
        return q;
      }
    }
    throw new AssertionError("no " + file + " in " + check);
  }

  @Test
  void scheduleHeadersMapToRedashScheduleObjects() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(
        "daily 06:30", "{'interval': 86400, 'time': '06:30', 'day_of_week': null, 'until': null}");
    cases.put(
        "weekly mon 23:05",
        "{'interval': 604800, 'time': '23:05', 'day_of_week': 'Monday', 'until': null}");
    cases.put(
        "weekly Sunday 00:00",
        "{'interval': 604800, 'time': '00:00', 'day_of_week': 'Sunday', 'until': null}");
    cases.put("every 1h", "{'interval': 3600, 'time': null, 'day_of_week': null, 'until': null}");
    cases.put(
        "every 30m until 2027-06-30",
        "{'interval': 1800, 'time': null, 'day_of_week': null, 'until': '2027-06-30'}");
    cases.put(
        "daily 07:15 until 2027-01-31",
        "{'interval': 86400, 'time': '07:15', 'day_of_week': null, 'until': '2027-01-31'}");
    cases.put("none", "null");
    Map<String, String> files = new LinkedHashMap<>();
    int i = 0;
    for (String header : cases.keySet()) {
      assertThat(header).matches(QueryFile.SCHEDULE); // the Java side accepts the same headers
      files.put(
          "s" + i++ + ".sql",
          "-- title: S"
              + i
              + "\n-- answers: a\n-- visualization: table\n-- schedule: "
              + header
              + "\nSELECT 1 AS x\n");
    }
    JsonNode check = check(folder(files));
    i = 0;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThat(checked(check, "s" + i++ + ".sql").get("schedule"))
          .as(c.getKey())
          .isEqualTo(json(c.getValue().replace('\'', '"')));
    }
  }

  @Test
  void parameterHeadersMapToRedashParameters() throws Exception {
    Path dir =
        folder(
            Map.of(
                "channel_values.sql",
                "-- title: Channels\n-- answers: which\n-- visualization: table\n"
                    + "SELECT 'release' AS channel\n",
                "a.sql",
                "-- title: A\n-- answers: what, over\n--          two lines\n"
                    + "-- visualization: bar chart (x: version, y: clients)\n"
                    + "-- parameter: day date 2026-11-02\n"
                    + "-- parameter: days daterange 2026-10-27..2026-11-02\n"
                    + "-- parameter: limit number 50\n"
                    + "-- parameter: os enum Linux WINNT,Darwin,Linux\n"
                    + "-- parameter: channel query release channel_values\n"
                    + "SELECT 1\n"));
    JsonNode check = check(dir, "--error-rate-threshold", "0.5", "--rearm", "3600");
    JsonNode a = checked(check, "a.sql");
    assertThat(a.get("role").asText()).isEqualTo("dashboard");
    assertThat(a.get("is_draft").asBoolean()).isFalse();
    assertThat(a.get("schedule").isNull()).isTrue(); // no schedule header: no refresh
    assertThat(a.get("parameters"))
        .isEqualTo(
            json(
                "[{\"name\": \"day\", \"title\": \"day\", \"type\": \"date\", \"value\":"
                    + " \"2026-11-02\"},"
                    + " {\"name\": \"days\", \"title\": \"days\", \"type\": \"date-range\","
                    + " \"value\": {\"start\": \"2026-10-27\", \"end\": \"2026-11-02\"}},"
                    + " {\"name\": \"limit\", \"title\": \"limit\", \"type\": \"number\","
                    + " \"value\": 50},"
                    + " {\"name\": \"os\", \"title\": \"os\", \"type\": \"enum\", \"value\":"
                    + " \"Linux\", \"enumOptions\": \"WINNT\\nDarwin\\nLinux\"},"
                    + " {\"name\": \"channel\", \"title\": \"channel\", \"type\": \"query\","
                    + " \"value\": \"release\", \"queryId\": \"channel_values\"}]"));
    assertThat(a.get("visualization").get("type").asText()).isEqualTo("CHART");
    // the values query comes first, the alert queries last
    assertThat(check.get("queries").get(0).get("file").asText()).isEqualTo("channel_values.sql");
    assertThat(checked(check, "channel_values.sql").get("role").asText()).isEqualTo("values");
    assertThat(checked(check, "update_5xx_rate_alert.sql").get("role").asText()).isEqualTo("alert");
    JsonNode alerts = check.get("alerts");
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).get("options").get("value").asDouble()).isEqualTo(0.5);
    assertThat(alerts.get(1).get("rearm").asInt()).isEqualTo(3600);
    // the real files pass too
    JsonNode real = check(QueryFile.DIR.toAbsolutePath());
    assertThat(real.get("queries")).hasSize(QueryFile.all().size());
  }

  @Test
  void badHeadersAreRefusedBeforeAnyRequest() throws Exception {
    String[][] cases = {
      {"-- schedule: daily 25:00", "a.sql: bad schedule time '25:00'"},
      {"-- schedule: every 2d", "a.sql: bad schedule interval '2d'"},
      {"-- schedule: hourly", "a.sql: bad schedule 'hourly'"},
      {"-- schedule: weekly someday 06:00", "a.sql: bad schedule day 'someday'"},
      {"-- schedule: daily 06:00 until 2027-02-30", "a.sql: bad schedule until date"},
      {"-- parameter: c enum beta release,nightly", "default 'beta' is not one of its options"},
      {"-- parameter: c enum beta", "a.sql: parameter c: enum needs its options"},
      {
        "-- parameter: c query release nope_values",
        "a.sql: parameter c: no queries/nope_values.sql"
      },
      {"-- parameter: c query release nope", "'nope' is not a values query"},
      {"-- parameter: c string x", "a.sql: bad parameter line"},
      {"-- parameter: d date 2026-11-02 extra", "unexpected 'extra' after the default"},
      {"-- parameter: n number ten", "a.sql: parameter n: default 'ten' is not a number"},
    };
    for (String[] c : cases) {
      Path dir =
          folder(
              Map.of(
                  "a.sql",
                  "-- title: A\n-- answers: a\n-- visualization: table\n" + c[0] + "\nSELECT 1\n"));
      Run run = sync(true, "--data-source-id", "7", "--queries", dir.toString());
      assertThat(run.code()).as(c[0] + "\n" + run.describe()).isEqualTo(2);
      assertThat(run.err()).as(c[0]).contains("bad query header: ").contains(c[1]);
      assertThat(redash.requests()).as(c[0]).isEmpty();
    }
  }
}
