package org.mozilla.balrog.logs.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the part of Redash's REST API that {@code jobs/redash/sync.py} uses, with
 * Redash's documented payload shapes and rules (redash/handlers/{queries, visualizations,
 * dashboards, widgets, alerts}.py and redash/serializers): a new query and a new dashboard are
 * drafts whatever the body says, a new query gets a TABLE visualization, the query list is paged
 * ({@code count}, {@code results}) and filtered by {@code tags}, a dashboard is read by its id, an
 * alert list entry carries its query in full. A body field the real model would not take is a 500,
 * as it is there. Every request is recorded with its Authorization header; a request without {@code
 * Key <key>} gets a 403.
 */
final class FakeRedash implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the server saw it. */
  record Request(String method, String path, String query, JsonNode body, String authorization) {
    /** {@code METHOD /path} with every numeric id as {id}. */
    String shape() {
      return method + " " + path.replaceAll("/\\d+", "/{id}");
    }

    boolean isWrite() {
      return !method.equals("GET");
    }
  }

  private static final Set<String> QUERY_FIELDS =
      Set.of(
          "name",
          "description",
          "query",
          "data_source_id",
          "schedule",
          "options",
          "tags",
          "is_draft",
          "is_archived",
          "version");
  private static final Set<String> VISUALIZATION_FIELDS =
      Set.of("type", "name", "description", "options");
  private static final Set<String> WIDGET_FIELDS =
      Set.of("dashboard_id", "options", "text", "width");

  private final HttpServer server;
  private final String key;
  final List<Request> requests = new ArrayList<>();
  final Map<Integer, ObjectNode> queries = new TreeMap<>();
  final Map<Integer, ObjectNode> visualizations = new TreeMap<>(); // each with its query_id
  final Map<Integer, ObjectNode> dashboards = new TreeMap<>();
  final Map<Integer, ObjectNode> widgets = new TreeMap<>();
  final Map<Integer, ObjectNode> alerts = new TreeMap<>();
  // apart, so that an id of the wrong kind finds nothing
  private int nextQuery = 101;
  private int nextVisualization = 501;
  private int nextDashboard = 901;
  private int nextWidget = 1001;
  private int nextAlert = 2001;

  /** When set, a request whose path starts with this answers 500, echoing its Authorization. */
  volatile String failPathPrefix;

  FakeRedash(String key) throws IOException {
    this.key = key;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized void clearRequests() {
    requests.clear();
  }

  // ---- state a test may set up, as an earlier Redash user or sync would have left it ----

  synchronized ObjectNode addQuery(ObjectNode def, boolean draft) {
    ObjectNode q = newQuery(def);
    q.put("is_draft", draft);
    return q;
  }

  synchronized ObjectNode addDashboard(String name, boolean draft) {
    ObjectNode d = newDashboard(name);
    d.put("is_draft", draft);
    return d;
  }

  synchronized ObjectNode addWidget(int dashboardId, int visualizationId, ObjectNode options) {
    ObjectNode body = JSON.createObjectNode();
    body.put("dashboard_id", dashboardId).put("visualization_id", visualizationId);
    body.put("width", 1).put("text", "").set("options", options);
    return newWidget(body);
  }

  synchronized ObjectNode addAlert(String name, int queryId, ObjectNode options, Integer rearm) {
    ObjectNode a = JSON.createObjectNode();
    a.put("name", name).put("query_id", queryId).set("options", options);
    if (rearm != null) {
      a.put("rearm", rearm);
    }
    return newAlert(a);
  }

  // ---- HTTP ----

  private void handle(HttpExchange ex) throws IOException {
    try {
      byte[] in;
      try (InputStream body = ex.getRequestBody()) {
        in = body.readAllBytes();
      }
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      JsonNode body = in.length == 0 ? NullNode.getInstance() : JSON.readTree(in);
      int status;
      JsonNode answer;
      synchronized (this) {
        requests.add(new Request(method, path, query == null ? "" : query, body, auth));
        if (!("Key " + key).equals(auth)) {
          status = 403;
          answer = message("Couldn't find resource. Please login and try again.");
        } else if (failPathPrefix != null && path.startsWith(failPathPrefix)) {
          status = 500;
          answer = message("internal error; the request had Authorization: " + auth);
        } else {
          Answer a;
          try {
            a = route(method, path, params(query), body);
          } catch (IllegalArgumentException e) {
            a = new Answer(500, message(e.getMessage()));
          }
          status = a.status();
          answer = a.body();
        }
      }
      byte[] out = JSON.writeValueAsBytes(answer);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    } finally {
      ex.close();
    }
  }

  private record Answer(int status, JsonNode body) {
    static Answer ok(JsonNode body) {
      return new Answer(200, body);
    }
  }

  private static final Pattern ID =
      Pattern.compile("/api/(queries|visualizations|dashboards|alerts)/(\\d+)");

  private Answer route(
      String method, String path, Map<String, List<String>> params, JsonNode body) {
    Matcher m = ID.matcher(path);
    if (m.matches()) {
      int id = Integer.parseInt(m.group(2));
      String kind = m.group(1);
      Map<Integer, ObjectNode> table =
          switch (kind) {
            case "queries" -> queries;
            case "visualizations" -> visualizations;
            case "dashboards" -> dashboards;
            default -> alerts;
          };
      if (!table.containsKey(id)) {
        return new Answer(404, message("Not found"));
      }
      return switch (method + " " + kind) {
        case "GET queries" -> Answer.ok(serializeQuery(queries.get(id), true));
        case "POST queries" -> updateQuery(queries.get(id), (ObjectNode) body);
        case "POST visualizations" ->
            updateVisualization(visualizations.get(id), (ObjectNode) body);
        case "GET dashboards" -> Answer.ok(serializeDashboard(dashboards.get(id), true));
        case "POST dashboards" -> updateDashboard(dashboards.get(id), (ObjectNode) body);
        case "GET alerts" -> Answer.ok(serializeAlert(alerts.get(id)));
        case "POST alerts" -> updateAlert(alerts.get(id), (ObjectNode) body);
        default -> new Answer(405, message("Method not allowed"));
      };
    }
    return switch (method + " " + path) {
      case "GET /api/queries" -> listQueries(params);
      case "POST /api/queries" -> createQuery((ObjectNode) body);
      case "POST /api/visualizations" -> createVisualization((ObjectNode) body);
      case "GET /api/dashboards" -> listDashboards(params);
      case "POST /api/dashboards" ->
          Answer.ok(serializeDashboard(newDashboard(text(body, "name")), false));
      case "POST /api/widgets" -> Answer.ok(serializeWidget(newWidget((ObjectNode) body)));
      case "GET /api/alerts" -> {
        ArrayNode list = JSON.createArrayNode();
        alerts.values().forEach(a -> list.add(serializeAlert(a)));
        yield Answer.ok(list);
      }
      case "POST /api/alerts" -> {
        for (String f : List.of("options", "name", "query_id")) {
          if (!body.has(f)) {
            yield new Answer(400, message("Bad request: missing " + f));
          }
        }
        if (!queries.containsKey(body.get("query_id").asInt())) {
          yield new Answer(404, message("Not found"));
        }
        yield Answer.ok(serializeAlert(newAlert((ObjectNode) body)));
      }
      default -> new Answer(404, message("no such route in the fake: " + method + " " + path));
    };
  }

  // ---- queries ----

  private Answer listQueries(Map<String, List<String>> params) {
    List<String> tags = params.getOrDefault("tags", List.of());
    List<ObjectNode> hits = new ArrayList<>();
    for (ObjectNode q : queries.values()) {
      List<String> have = new ArrayList<>();
      q.get("tags").forEach(t -> have.add(t.asText()));
      if (have.containsAll(tags) && !q.get("is_archived").asBoolean()) {
        hits.add(q);
      }
    }
    return page(hits, params, q -> serializeQuery(q, false));
  }

  private Answer createQuery(ObjectNode def) {
    if (!def.has("data_source_id") || !def.has("query")) {
      return new Answer(400, message("Bad request"));
    }
    ObjectNode q = newQuery(def);
    return Answer.ok(serializeQuery(q, true));
  }

  private ObjectNode newQuery(ObjectNode def) {
    ObjectNode body = def.deepCopy();
    for (String f :
        List.of(
            "id",
            "created_at",
            "api_key",
            "visualizations",
            "latest_query_data",
            "last_modified_by")) {
      body.remove(f);
    }
    checkFields(body, QUERY_FIELDS, "Query");
    int id = nextQuery++;
    ObjectNode q = JSON.createObjectNode();
    q.put("id", id).put("name", "New Query").put("description", (String) null);
    q.put("query", "").putNull("schedule").put("is_archived", false);
    q.set("options", JSON.createObjectNode());
    q.set("tags", JSON.createArrayNode());
    q.put("version", 1).put("api_key", "query-api-key-" + id).putNull("latest_query_data_id");
    q.setAll(body);
    q.put("is_draft", true); // Redash creates every query as a draft
    queries.put(id, q);
    ObjectNode table = JSON.createObjectNode();
    table.put("type", "TABLE").put("name", "Table").put("description", "");
    table.set("options", JSON.createObjectNode());
    newVisualization(id, table);
    return q;
  }

  private Answer updateQuery(ObjectNode q, ObjectNode def) {
    ObjectNode body = def.deepCopy();
    for (String f :
        List.of(
            "id",
            "created_at",
            "api_key",
            "visualizations",
            "latest_query_data",
            "user",
            "last_modified_by",
            "org")) {
      body.remove(f);
    }
    if (body.has("version") && body.get("version").asInt() != q.get("version").asInt()) {
      return new Answer(409, message("Conflict"));
    }
    checkFields(body, QUERY_FIELDS, "Query");
    body.remove("version");
    q.setAll(body);
    q.put("version", q.get("version").asInt() + 1);
    return Answer.ok(serializeQuery(q, true));
  }

  ObjectNode serializeQuery(ObjectNode q, boolean withVisualizations) {
    ObjectNode out = q.deepCopy();
    boolean safe = true;
    for (JsonNode p : q.path("options").path("parameters")) {
      safe &= !p.path("type").asText().equals("text");
    }
    out.put("is_safe", safe);
    out.putObject("user").put("id", 1).put("name", "sync").put("email", "sync@example.org");
    if (withVisualizations) {
      ArrayNode vs = out.putArray("visualizations");
      visualizations.values().stream()
          .filter(v -> v.get("query_id").asInt() == q.get("id").asInt())
          .forEach(v -> vs.add(serializeVisualization(v, false)));
    }
    return out;
  }

  // ---- visualizations ----

  private Answer createVisualization(ObjectNode def) {
    ObjectNode body = def.deepCopy();
    JsonNode queryId = body.remove("query_id");
    if (queryId == null || !queries.containsKey(queryId.asInt())) {
      return new Answer(404, message("Not found"));
    }
    return Answer.ok(serializeVisualization(newVisualization(queryId.asInt(), body), false));
  }

  private ObjectNode newVisualization(int queryId, ObjectNode body) {
    checkFields(body, VISUALIZATION_FIELDS, "Visualization");
    int id = nextVisualization++;
    ObjectNode v = JSON.createObjectNode();
    v.put("id", id).put("query_id", queryId).setAll(body);
    visualizations.put(id, v);
    return v;
  }

  private Answer updateVisualization(ObjectNode v, ObjectNode def) {
    ObjectNode body = def.deepCopy();
    body.remove("id");
    body.remove("query_id");
    checkFields(body, VISUALIZATION_FIELDS, "Visualization");
    v.setAll(body);
    return Answer.ok(serializeVisualization(v, false));
  }

  private ObjectNode serializeVisualization(ObjectNode v, boolean withQuery) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", v.get("id").asInt());
    for (String f : List.of("type", "name", "description", "options")) {
      out.set(f, v.get(f));
    }
    if (withQuery) {
      out.set("query", serializeQuery(queries.get(v.get("query_id").asInt()), false));
    }
    return out;
  }

  // ---- dashboards and widgets ----

  private Answer listDashboards(Map<String, List<String>> params) {
    String q = params.getOrDefault("q", List.of("")).get(0).toLowerCase(Locale.ROOT);
    List<ObjectNode> hits =
        dashboards.values().stream()
            .filter(d -> d.get("name").asText().toLowerCase(Locale.ROOT).contains(q))
            .toList();
    return page(hits, params, d -> serializeDashboard(d, false));
  }

  private ObjectNode newDashboard(String name) {
    int id = nextDashboard++;
    ObjectNode d = JSON.createObjectNode();
    d.put("id", id).put("name", name);
    d.put("slug", name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    d.put("is_draft", true).put("is_archived", false).put("dashboard_filters_enabled", false);
    d.set("layout", JSON.createArrayNode());
    d.set("tags", JSON.createArrayNode());
    d.set("options", JSON.createObjectNode());
    d.put("version", 1);
    dashboards.put(id, d);
    return d;
  }

  private Answer updateDashboard(ObjectNode d, ObjectNode body) {
    if (body.has("version") && body.get("version").asInt() != d.get("version").asInt()) {
      return new Answer(409, message("Conflict"));
    }
    for (String f :
        List.of(
            "name",
            "layout",
            "tags",
            "is_draft",
            "is_archived",
            "dashboard_filters_enabled",
            "options")) {
      if (body.has(f)) {
        d.set(f, body.get(f));
      }
    }
    d.put("version", d.get("version").asInt() + 1);
    return Answer.ok(serializeDashboard(d, true));
  }

  private ObjectNode serializeDashboard(ObjectNode d, boolean withWidgets) {
    ObjectNode out = d.deepCopy();
    if (withWidgets) {
      ArrayNode ws = out.putArray("widgets");
      widgets.values().stream()
          .filter(w -> w.get("dashboard_id").asInt() == d.get("id").asInt())
          .forEach(w -> ws.add(serializeWidget(w)));
    } else {
      out.putNull("widgets");
    }
    return out;
  }

  private ObjectNode newWidget(ObjectNode def) {
    ObjectNode body = def.deepCopy();
    body.remove("id");
    JsonNode vis = body.remove("visualization_id");
    checkFields(body, WIDGET_FIELDS, "Widget");
    if (!body.has("dashboard_id") || !dashboards.containsKey(body.get("dashboard_id").asInt())) {
      throw new IllegalArgumentException("no dashboard " + body.get("dashboard_id"));
    }
    if (vis != null && !vis.isNull() && !visualizations.containsKey(vis.asInt())) {
      throw new IllegalArgumentException("no visualization " + vis);
    }
    int id = nextWidget++;
    ObjectNode w = JSON.createObjectNode();
    w.put("id", id).setAll(body);
    w.set("visualization_id", vis == null ? NullNode.getInstance() : vis);
    widgets.put(id, w);
    return w;
  }

  private ObjectNode serializeWidget(ObjectNode w) {
    ObjectNode out = JSON.createObjectNode();
    for (String f : List.of("id", "width", "options", "dashboard_id", "text")) {
      out.set(f, w.get(f));
    }
    JsonNode vis = w.get("visualization_id");
    if (vis != null && !vis.isNull()) {
      out.set("visualization", serializeVisualization(visualizations.get(vis.asInt()), true));
    }
    return out;
  }

  // ---- alerts ----

  private ObjectNode newAlert(ObjectNode body) {
    int id = nextAlert++;
    ObjectNode a = JSON.createObjectNode();
    a.put("id", id).put("name", body.get("name").asText());
    a.put("query_id", body.get("query_id").asInt());
    a.set("options", body.get("options"));
    a.set("rearm", body.has("rearm") ? body.get("rearm") : NullNode.getInstance());
    a.put("state", "unknown").putNull("last_triggered_at");
    alerts.put(id, a);
    return a;
  }

  private Answer updateAlert(ObjectNode a, ObjectNode body) {
    for (String f : List.of("options", "name", "query_id", "rearm")) {
      if (body.has(f)) {
        a.set(f, body.get(f));
      }
    }
    return Answer.ok(serializeAlert(a));
  }

  /** As GET /api/alerts and /api/alerts/{id} give it: the query in full, not its id. */
  private ObjectNode serializeAlert(ObjectNode a) {
    ObjectNode out = JSON.createObjectNode();
    for (String f : List.of("id", "name", "options", "state", "last_triggered_at", "rearm")) {
      out.set(f, a.get(f));
    }
    out.set("query", serializeQuery(queries.get(a.get("query_id").asInt()), false));
    out.putObject("user").put("id", 1).put("name", "sync");
    return out;
  }

  // ---- helpers ----

  private interface Serializer {
    JsonNode apply(ObjectNode o);
  }

  /** Redash's paginate(): page and page_size from the query string, count and results. */
  private static Answer page(
      List<ObjectNode> items, Map<String, List<String>> params, Serializer serializer) {
    int page = Integer.parseInt(params.getOrDefault("page", List.of("1")).get(0));
    int size = Integer.parseInt(params.getOrDefault("page_size", List.of("25")).get(0));
    int count = items.size();
    if (page < 1 || size < 1 || size > 250 || ((page - 1) * size + 1 > count && count > 0)) {
      return new Answer(400, message("Page is out of range."));
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("count", count).put("page", page).put("page_size", size);
    ArrayNode results = out.putArray("results");
    items.stream()
        .skip((long) (page - 1) * size)
        .limit(size)
        .forEach(i -> results.add(serializer.apply(i)));
    return Answer.ok(out);
  }

  private static void checkFields(ObjectNode body, Set<String> allowed, String model) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(
            "'" + f + "' is an invalid keyword argument for " + model);
      }
    }
  }

  private static String text(JsonNode body, String field) {
    if (body == null || !body.hasNonNull(field)) {
      throw new IllegalArgumentException("missing " + field);
    }
    return body.get(field).asText();
  }

  private static ObjectNode message(String text) {
    return JSON.createObjectNode().put("message", text);
  }

  private static Map<String, List<String>> params(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&", -1)) {
      String[] kv = pair.split("=", 2);
      String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
      String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
