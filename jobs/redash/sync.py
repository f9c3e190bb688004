#!/usr/bin/env python3
"""Creates or updates, through Redash's REST API, the Redash queries of queries/ (one per file, published, with the
refresh schedule and dropdown parameters their headers declare), a visualization per dashboard query, one dashboard
with a widget per visualization, and the two alerts (a deploy regression verdict; the update 5xx rate over a
threshold). Standard library only.

  REDASH_URL=https://sql.telemetry.mozilla.org REDASH_API_KEY=... \\
    jobs/redash/sync.py --data-source-id 42 [--dashboard "Balrog logs"] [--error-rate-threshold 1.0] [--dry-run]
  jobs/redash/sync.py --check        # parse every query header; print the Redash objects as JSON; no network

The API key is read from the environment (REDASH_API_KEY), never from the command line, and is never printed.
Idempotent: queries are matched by name among those tagged `balrog-logs`, alerts by name, the dashboard by name;
an object that already matches is not written again, one that differs gets one POST with only the differing fields.
"""
import argparse
import calendar
import datetime
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

QUERIES = Path(__file__).resolve().parents[2] / "queries"
TAG = "balrog-logs"
HEADER = re.compile(r"^--\s*([a-z]+):\s*(.*)$")
PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s+(date|daterange|text|number|enum|query)\s+(\S+)(?:\s+(\S+))?$")
REDASH_TYPES = {"date": "date", "daterange": "date-range", "text": "text", "number": "number", "enum": "enum",
                "query": "query"}
DAYS = list(calendar.day_name)  # Monday .. Sunday, the form Redash stores in schedule.day_of_week
DEFAULT_ERROR_RATE_THRESHOLD = 1.0  # percent of the latest day's update requests answered 5xx
DEFAULT_REARM = 43200  # seconds: a still-triggered alert notifies again at the next daily refresh


class HeaderError(Exception):
    pass


def parse_schedule(text):
    """Redash's schedule object for a `-- schedule:` value, or None for `none`.

    none | daily HH:MM | weekly DAY HH:MM | every N(m|h)   each optionally followed by `until YYYY-MM-DD`
    Times are UTC. DAY is a weekday name (Monday, mon, ...). `every` takes minutes or hours (every 30m, every 1h).
    """
    words = text.split()
    if words == ["none"]:
        return None
    until = None
    if len(words) >= 2 and words[-2] == "until":
        try:
            until = datetime.date.fromisoformat(words[-1]).isoformat()
        except ValueError:
            raise HeaderError(f"bad schedule until date {words[-1]!r} (want YYYY-MM-DD)") from None
        words = words[:-2]

    def hhmm(value):
        m = re.fullmatch(r"([01][0-9]|2[0-3]):([0-5][0-9])", value)
        if not m:
            raise HeaderError(f"bad schedule time {value!r} (want HH:MM, 24-hour, UTC)")
        return value

    if len(words) == 2 and words[0] == "daily":
        return {"interval": 86400, "time": hhmm(words[1]), "day_of_week": None, "until": until}
    if len(words) == 3 and words[0] == "weekly":
        day = [d for d in DAYS if d.lower() == words[1].lower() or d[:3].lower() == words[1].lower()]
        if not day:
            raise HeaderError(f"bad schedule day {words[1]!r} (want Monday..Sunday or mon..sun)")
        return {"interval": 604800, "time": hhmm(words[2]), "day_of_week": day[0], "until": until}
    if len(words) == 2 and words[0] == "every":
        m = re.fullmatch(r"([1-9][0-9]*)([mh])", words[1])
        if not m:
            raise HeaderError(f"bad schedule interval {words[1]!r} (want N followed by m or h, e.g. 30m, 1h)")
        seconds = int(m.group(1)) * (60 if m.group(2) == "m" else 3600)
        return {"interval": seconds, "time": None, "day_of_week": None, "until": until}
    raise HeaderError(f"bad schedule {text!r} (want none, daily HH:MM, weekly DAY HH:MM or every N(m|h), "
                      "optionally followed by until YYYY-MM-DD)")


def parse_parameter(value):
    """One `-- parameter:` value: NAME TYPE DEFAULT, plus OPTIONS for enum and VALUES for query."""
    p = PARAM.match(value)
    if not p:
        raise HeaderError(f"bad parameter line: {value!r} (want NAME date|daterange|number|text DEFAULT, "
                          "NAME enum DEFAULT A,B,C or NAME query DEFAULT VALUES_FILE)")
    name, kind, default, extra = p.groups()
    param = {"name": name, "title": name.replace("_", " "), "type": REDASH_TYPES[kind], "value": default}
    if kind in ("enum", "query") and extra is None:
        raise HeaderError(f"parameter {name}: {kind} needs "
                          + ("its options (A,B,C)" if kind == "enum" else "its values query (e.g. channel_values)"))
    if kind not in ("enum", "query") and extra is not None:
        raise HeaderError(f"parameter {name}: unexpected {extra!r} after the default")
    if kind == "number":
        try:
            param["value"] = float(default) if any(c in default for c in ".eE") else int(default)
        except ValueError:
            raise HeaderError(f"parameter {name}: default {default!r} is not a number") from None
    elif kind == "daterange":
        start, sep, end = default.partition("..")
        if not sep:
            raise HeaderError(f"parameter {name}: daterange default {default!r} is not START..END")
        param["value"] = {"start": start, "end": end}
    elif kind == "enum":
        options = extra.split(",")
        if "" in options or len(set(options)) != len(options):
            raise HeaderError(f"parameter {name}: enum options {extra!r} have an empty or repeated option")
        if default not in options:
            raise HeaderError(f"parameter {name}: default {default!r} is not one of its options {extra}")
        param["enumOptions"] = "\n".join(options)
    elif kind == "query":
        if not extra.endswith("_values"):
            raise HeaderError(f"parameter {name}: {extra!r} is not a values query (a queries/*_values.sql stem)")
        param["values"] = extra  # becomes queryId once the values query exists
    return param


def role(path):
    """values (dropdown options: created first, not on the dashboard), alert (an alert's query) or dashboard."""
    stem = path.stem
    return "values" if stem.endswith("_values") else "alert" if stem.endswith("_alert") else "dashboard"


def parse(path):
    """Header fields, parameters, schedule and SQL of one query file (the format QueryFileTest checks)."""
    header, params, last = {}, [], None
    sql = path.read_text(encoding="utf-8")
    try:
        for line in sql.splitlines():
            if not line.startswith("--"):
                break
            m = HEADER.match(line)
            if not m:
                if last is not None and last != "parameter":  # a continuation line of the previous field
                    header[last] = (header[last] + " " + line[2:].strip()).strip()
                continue
            last, value = m.group(1), m.group(2).strip()
            if last == "parameter":
                params.append(parse_parameter(value))
            elif last in header:
                raise HeaderError(f"two '-- {last}:' lines")
            else:
                header[last] = value
        if not header.get("title"):
            raise HeaderError("no '-- title:' header")
        schedule = parse_schedule(header["schedule"]) if "schedule" in header else None
    except HeaderError as e:
        raise HeaderError(f"{path.name}: {e}") from None
    return {"file": path.name, "stem": path.stem, "role": role(path), "name": header["title"],
            "description": header.get("answers", ""), "visualization": header.get("visualization", "table"),
            "parameters": params, "schedule": schedule, "query": sql}


def load(directory):
    """Every query file of directory, values queries first; checks what refers to what before any request."""
    files = sorted(directory.glob("*.sql"))
    if not files:
        raise HeaderError(f"no *.sql file in {directory}")
    specs = [parse(p) for p in files]
    names = {}
    for q in specs:
        if q["name"] in names:
            raise HeaderError(f"{q['file']} and {names[q['name']]} have the same title {q['name']!r}")
        names[q["name"]] = q["file"]
    stems = {q["stem"]: q for q in specs}
    for q in specs:
        for p in q["parameters"]:
            if "values" in p and p["values"] not in stems:
                raise HeaderError(f"{q['file']}: parameter {p['name']}: no queries/{p['values']}.sql")
        if q["role"] == "values" and q["parameters"]:
            raise HeaderError(f"{q['file']}: a values query takes no parameters")
    for a in ALERTS:
        if a["query"] not in stems:
            raise HeaderError(f"alert {a['name']!r}: no queries/{a['query']}.sql")
    order = {"values": 0, "dashboard": 1, "alert": 2}
    return sorted(specs, key=lambda q: (order[q["role"]], q["file"]))


def visualization(hint):
    """A Redash visualization from the header's hint, e.g. 'bar chart (x: version, y: clients); table'."""
    first = hint.split(";")[0].strip().lower()
    if first.startswith("table"):
        return {"type": "TABLE", "name": "Table", "options": {}}
    series = "line"
    for word, kind in (("bar", "column"), ("area", "area"), ("pie", "pie"), ("scatter", "scatter")):
        if word in first:
            series = kind
            break
    mapping = {}
    for axis, column in re.findall(r"\b(x|y|series):\s*([a-z_0-9]+)", first):
        mapping[column] = {"x": "x", "y": "y", "series": "series"}[axis]
    return {"type": "CHART", "name": "Chart",
            "options": {"globalSeriesType": series, "columnMapping": mapping, "legend": {"enabled": True}}}


# The alerts: each over the query file named by `query`; options as Redash stores them (op one of > >= < <= == !=,
# selector first|min|max; custom_subject/custom_body are Mustache templates Redash renders with QUERY_RESULT_*).
ALERTS = [
    {"name": "Balrog: deploy regression verdict on the latest day", "query": "deploy_regressions_alert",
     "options": {"column": "regressions", "op": ">", "value": 0, "selector": "first",
                 "custom_subject": "Balrog deploy regression: {{QUERY_RESULT_VALUE}} regression verdict(s)",
                 "custom_body": "{{ALERT_NAME}} is {{ALERT_STATUS}}: {{QUERY_RESULT_VALUE}} deploy metric(s) got a "
                                "'regression' verdict on {{#QUERY_RESULT_ROWS}}{{log_date}} ({{deploys_with_regression}} "
                                "deploy(s)){{/QUERY_RESULT_ROWS}}. Open the 'Deploy verdicts' query for that day. "
                                "Alert query: {{QUERY_URL}}"}},
    {"name": "Balrog: update 5xx error rate above threshold", "query": "update_5xx_rate_alert",
     "options": {"column": "error_rate_pct", "op": ">", "value": None, "selector": "first",  # value: the flag
                 "custom_subject": "Balrog update 5xx rate {{QUERY_RESULT_VALUE}}% (threshold {{ALERT_THRESHOLD}}%)",
                 "custom_body": "{{ALERT_NAME}} is {{ALERT_STATUS}}: {{#QUERY_RESULT_ROWS}}{{errors_5xx}} of "
                                "{{requests}} update requests on {{log_date}} were answered 5xx "
                                "({{error_rate_pct}}%; worst 5-minute bucket {{max_5min_error_rate_pct}}%)"
                                "{{/QUERY_RESULT_ROWS}}. See the 'Update error rate and latency' query for that day. "
                                "Alert query: {{QUERY_URL}}"}},
]


def alerts(error_rate_threshold):
    out = []
    for a in ALERTS:
        a = json.loads(json.dumps(a))
        if a["options"]["value"] is None:
            a["options"]["value"] = error_rate_threshold
        out.append(a)
    return out


def short(value):
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= 70 else text[:67] + "..."


class Redash:
    """The REST calls, with the key in the Authorization header only. In a dry run, GETs still read the server
    (when REDASH_URL and the key are set) and writes are printed instead of sent."""

    def __init__(self, url, key, dry_run):
        self.url, self.key, self.dry_run = (url or "").rstrip("/"), key, dry_run
        self.offline = dry_run and not (url and key)
        self.fake_ids = 0

    def call(self, method, path, body=None):
        if self.dry_run and method != "GET":
            print(f"  would {method} {path} " + ", ".join(f"{k}={short(v)}" for k, v in sorted(body.items())))
            return self.fake(path, body)
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": "Key " + self.key,
                                              "Content-Type": "application/json",
                                              "User-Agent": "balrog-logs-redash-sync"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            answer = e.read().decode("utf-8", "replace")
            if self.key:
                answer = answer.replace(self.key, "***")  # in case the server echoes the request
            sys.exit(f"Redash {method} {path} failed: HTTP {e.code} {answer[:300]}")
        except urllib.error.URLError as e:
            sys.exit(f"cannot reach Redash at {self.url}: {e.reason}")

    def fake(self, path, body):
        """What a dry-run write would have answered: the body, under a placeholder id when it creates."""
        obj = dict(body)
        tail = path.rstrip("/").rsplit("/", 1)[-1]
        if tail.isdigit() or tail.startswith("new-"):
            obj["id"] = int(tail) if tail.isdigit() else tail
        else:
            self.fake_ids += 1
            obj["id"] = f"new-{self.fake_ids}"
        obj.setdefault("visualizations", [])
        obj.setdefault("widgets", [])
        if path == "/api/queries":  # as Redash does, a new query comes with a TABLE visualization
            self.fake_ids += 1
            obj["visualizations"] = [{"id": f"new-{self.fake_ids}", "type": "TABLE", "name": "Table",
                                      "description": "", "options": {}}]
        return obj

    def get(self, path):
        return self.call("GET", path)

    def existing_queries(self):
        """Queries tagged TAG (drafts included), by name; the lowest id wins when names repeat."""
        if self.offline:
            return {}
        found, page = {}, 1
        while True:
            res = self.get(f"/api/queries?page_size=100&page={page}&tags={urllib.parse.quote(TAG)}")
            for q in res.get("results", []):
                if q["name"] in found:
                    print(f"warning: two queries named {q['name']!r} (#{found[q['name']]['id']}, #{q['id']}); "
                          f"using #{min(found[q['name']]['id'], q['id'])}")
                    if q["id"] > found[q["name"]]["id"]:
                        continue
                found[q["name"]] = q
            if page * 100 >= res.get("count", 0):
                return found
            page += 1


class Sync:
    def __init__(self, api, args):
        self.api, self.args = api, args
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}

    def count(self, what, kind, label, changed):
        self.counts[what] += 1
        print(f"{what} {kind} {label}" + (f": {', '.join(changed)}" if changed else ""))

    # ---- queries ----

    def desired_query(self, q, values_ids):
        params = []
        for p in q["parameters"]:
            p = dict(p)
            if "values" in p:
                p["queryId"] = values_ids[p.pop("values")]
            params.append(p)
        return {"name": q["name"], "description": q["description"], "query": q["query"],
                "data_source_id": self.args.data_source_id, "schedule": q["schedule"], "is_draft": False,
                "parameters": params}

    def query_diff(self, want, have):
        """The fields of `have` that differ from `want`, as the POST body that fixes them."""
        diff = {}
        for field in ("name", "description", "query", "data_source_id", "schedule", "is_draft"):
            if have.get(field) != want[field]:
                diff[field] = want[field]
        options = have.get("options") or {}
        if options.get("parameters", []) != want["parameters"]:
            diff["options"] = dict(options, parameters=want["parameters"])
        tags = have.get("tags") or []
        if TAG not in tags:
            diff["tags"] = tags + [TAG]
        return diff

    def query(self, q, existing, values_ids):
        want = self.desired_query(q, values_ids)
        have = existing.get(q["name"])
        label = f"{q['file']}: {q['name']!r}"
        if have is None:
            body = {k: v for k, v in want.items() if k not in ("parameters", "is_draft")}
            body.update(tags=[TAG], options={"parameters": want["parameters"]})
            have = self.api.call("POST", "/api/queries", body)  # Redash creates every query as a draft
            if self.api.dry_run:
                have["is_draft"] = True
            diff = self.query_diff(want, have)  # so this publishes it: {"is_draft": false}
            have = self.update(f"/api/queries/{have['id']}", have, diff)
            self.count("created", "query", f"#{have['id']} {label}", [])
        else:
            diff = self.query_diff(want, have)
            have = self.update(f"/api/queries/{have['id']}", have, diff)
            self.count("updated" if diff else "unchanged", "query", f"#{have['id']} {label}", sorted(diff))
        return have

    def update(self, path, have, diff):
        """POSTs the differing fields (nothing when none differ); the object as it is then."""
        if not diff:
            return have
        res = self.api.call("POST", path, diff)
        return dict(have, **diff) if self.api.dry_run else res

    # ---- visualizations ----

    def visualization(self, q, saved):
        want = dict(visualization(q["visualization"]), description=q["description"])
        if "visualizations" not in saved and not self.api.offline and isinstance(saved["id"], int):
            saved = self.api.get(f"/api/queries/{saved['id']}")  # the list omits visualizations
        same = [v for v in saved.get("visualizations", []) if v.get("type") == want["type"]]
        named = [v for v in same if v.get("name") == want["name"]] or same
        label = f"{want['type']} of {q['file']}"
        if not named:
            v = self.api.call("POST", "/api/visualizations", dict(want, query_id=saved["id"]))
            self.count("created", "visualization", f"#{v['id']} {label}", [])
            return v["id"]
        have = named[0]
        diff = {k: want[k] for k in ("name", "description", "options") if have.get(k) != want[k]}
        if diff:
            self.api.call("POST", f"/api/visualizations/{have['id']}", diff)
        self.count("updated" if diff else "unchanged", "visualization", f"#{have['id']} {label}", sorted(diff))
        return have["id"]

    # ---- dashboard and widgets ----

    def dashboard(self, name, visualization_ids):
        dash = None
        if not self.api.offline:
            res = self.api.get("/api/dashboards?page_size=100&q=" + urllib.parse.quote(name))
            matches = sorted((d for d in res.get("results", []) if d.get("name") == name), key=lambda d: d["id"])
            if matches:
                dash = self.api.get(f"/api/dashboards/{matches[0]['id']}")
        created = dash is None
        if created:
            dash = self.api.call("POST", "/api/dashboards", {"name": name})  # created as a draft
            if self.api.dry_run:
                dash["is_draft"] = True
        diff = {}
        if dash.get("is_draft", False):
            diff["is_draft"] = False
        if TAG not in (dash.get("tags") or []):
            diff["tags"] = (dash.get("tags") or []) + [TAG]
        if diff:
            self.api.call("POST", f"/api/dashboards/{dash['id']}", diff)
        self.count("created" if created else "updated" if diff else "unchanged", "dashboard",
                   f"#{dash['id']} {name!r}", [] if created else sorted(diff))
        widgets = dash.get("widgets") or []
        present = {w["visualization"]["id"] for w in widgets if w.get("visualization")}
        positions = [(w.get("options") or {}).get("position") or {} for w in widgets]
        row = max((p.get("row", 0) + p.get("sizeY", 0) for p in positions), default=0)  # new widgets go below
        todo = [vid for vid in visualization_ids if vid not in present]
        for i, vid in enumerate(todo):
            w = self.api.call("POST", "/api/widgets", {
                "dashboard_id": dash["id"], "visualization_id": vid, "width": 1, "text": "",
                "options": {"position": {"col": (i % 2) * 3, "row": row + (i // 2) * 8, "sizeX": 3, "sizeY": 8}}})
            self.count("created", "widget", f"#{w['id']} for visualization #{vid}", [])
        if len(todo) < len(visualization_ids):
            self.count("unchanged", "widgets", f"({len(visualization_ids) - len(todo)} already on the dashboard)",
                       [])
        return dash

    # ---- alerts ----

    def alerts(self, wanted, query_ids):
        existing = {}
        if not self.api.offline:
            for a in sorted(self.api.get("/api/alerts"), key=lambda a: a["id"]):
                existing.setdefault(a["name"], a)
        for a in wanted:
            want = {"name": a["name"], "query_id": query_ids[a["query"]], "options": a["options"],
                    "rearm": self.args.rearm}
            have = existing.get(a["name"])
            if have is None:
                made = self.api.call("POST", "/api/alerts", want)
                self.count("created", "alert", f"#{made['id']} {a['name']!r}", [])
                continue
            diff = {}
            have_query = have.get("query_id", (have.get("query") or {}).get("id"))
            if have_query != want["query_id"]:
                diff["query_id"] = want["query_id"]
            options = have.get("options") or {}
            if any(options.get(k) != v for k, v in want["options"].items()):
                diff["options"] = dict(options, **want["options"])  # keeps what we do not manage (e.g. muted)
            if have.get("rearm") != want["rearm"]:
                diff["rearm"] = want["rearm"]
            if diff:
                self.api.call("POST", f"/api/alerts/{have['id']}", diff)
            self.count("updated" if diff else "unchanged", "alert", f"#{have['id']} {a['name']!r}", sorted(diff))

    # ---- everything ----

    def run(self, specs):
        existing = self.api.existing_queries()
        values_ids, query_ids, visualization_ids = {}, {}, []
        for q in specs:
            saved = self.query(q, existing, values_ids)
            query_ids[q["stem"]] = saved["id"]
            if q["role"] == "values":
                values_ids[q["stem"]] = saved["id"]
            elif q["role"] == "dashboard":
                visualization_ids.append(self.visualization(q, saved))
        self.dashboard(self.args.dashboard, visualization_ids)
        self.alerts(alerts(self.args.error_rate_threshold), query_ids)


def check(specs, args):
    """The Redash objects the headers give, as JSON (queryId: the values query's file stem)."""
    out = []
    for q in specs:
        params = []
        for p in q["parameters"]:
            p = dict(p)
            if "values" in p:
                p["queryId"] = p.pop("values")
            params.append(p)
        item = {"file": q["file"], "role": q["role"], "name": q["name"], "is_draft": False,
                "schedule": q["schedule"], "parameters": params}
        if q["role"] == "dashboard":
            item["visualization"] = visualization(q["visualization"])
        out.append(item)
    print(json.dumps({"queries": out, "alerts": [dict(a, rearm=args.rearm)
                                                 for a in alerts(args.error_rate_threshold)]}, indent=1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-source-id", type=int, help="Redash data source (Athena/Trino) id; required to sync")
    ap.add_argument("--dashboard", default="Balrog logs", help="dashboard name (default: %(default)s)")
    ap.add_argument("--error-rate-threshold", type=float, default=DEFAULT_ERROR_RATE_THRESHOLD, metavar="PCT",
                    help="the 5xx alert triggers when the latest day's update 5xx rate is above PCT percent "
                         "(default: %(default)s)")
    ap.add_argument("--rearm", type=int, default=DEFAULT_REARM, metavar="SECONDS",
                    help="a still-triggered alert notifies again after SECONDS (default: %(default)s)")
    ap.add_argument("--queries", type=Path, default=QUERIES, metavar="DIR",
                    help="the query files (default: the repository's queries/)")
    ap.add_argument("--dry-run", action="store_true",
                    help="print what would change; no writes (reads the server when REDASH_URL and the key are set)")
    ap.add_argument("--check", action="store_true", help="only parse the query headers and print the objects as JSON")
    args = ap.parse_args()
    if not (args.error_rate_threshold >= 0):
        ap.error("--error-rate-threshold must be a percentage >= 0")
    try:
        specs = load(args.queries)
    except HeaderError as e:
        print(f"bad query header: {e}", file=sys.stderr)
        return 2
    if args.check:
        check(specs, args)
        return 0
    if args.data_source_id is None:
        ap.error("--data-source-id is required (the Redash data source with the summary tables)")
    url = os.environ.get("REDASH_URL")
    key = os.environ.get("REDASH_API_KEY", "")
    if not url and not args.dry_run:
        sys.exit("set REDASH_URL (e.g. https://redash.example.org)")
    if not key and not args.dry_run:
        sys.exit("set REDASH_API_KEY (a user API key from your Redash profile page)")
    for q in specs:
        for p in q["parameters"]:
            if p["type"] == "text":
                print(f"warning: {q['file']}: parameter {p['name']} is text, which Redash treats as unsafe "
                      "(view-only users and shared dashboards cannot run the query); use enum or query")
    sync = Sync(Redash(url, key, args.dry_run), args)
    sync.run(specs)
    c = sync.counts
    print(f"done: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
          + (" (dry run: nothing was written)" if args.dry_run else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
