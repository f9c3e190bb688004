#!/usr/bin/env python3
"""Creates or updates the Redash queries (one per file of queries/), a visualization for each, and one dashboard,
through Redash's REST API. Standard library only.

  REDASH_URL=https://sql.telemetry.mozilla.org REDASH_API_KEY=... \\
    jobs/redash/sync.py --data-source-id 42 [--dashboard "Balrog logs"] [--dry-run]

The API key is read from the environment (REDASH_API_KEY), never from the command line, and is never printed.
Queries are matched by name (the `-- title:` of each file) and tagged `balrog-logs`: a rerun updates them in place.
"""
import argparse
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
PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s+(date|daterange|text|number)\s+(\S+)$")
REDASH_TYPES = {"date": "date", "daterange": "date-range", "text": "text", "number": "number"}


def parse(path):
    """Header fields, parameters and SQL of one query file (the format QueryFileTest checks)."""
    header, params = {}, []
    sql = path.read_text(encoding="utf-8")
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        m = HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "parameter":
            p = PARAM.match(value)
            if not p:
                sys.exit(f"{path}: bad parameter line: {line}")
            name, kind, default = p.groups()
            if kind == "daterange":
                start, end = default.split("..", 1)
                default = {"start": start, "end": end}
            params.append({"name": name, "title": name.replace("_", " "), "type": REDASH_TYPES[kind],
                           "value": default})
        else:
            header[key] = value
    if "title" not in header:
        sys.exit(f"{path}: no '-- title:' header")
    return {"name": header["title"], "description": header.get("answers", ""),
            "visualization": header.get("visualization", "table"), "parameters": params, "query": sql}


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


class Redash:
    def __init__(self, url, key, dry_run):
        self.url, self.key, self.dry_run = url.rstrip("/"), key, dry_run

    def call(self, method, path, body=None):
        if self.dry_run and method != "GET":
            print(f"  would {method} {path}: {json.dumps(body)[:160]}…")
            return {"id": 0, "slug": "dry-run", "visualizations": []}
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": "Key " + self.key,
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            sys.exit(f"Redash {method} {path} failed: HTTP {e.code} {e.read()[:300]!r}")
        except urllib.error.URLError as e:
            sys.exit(f"cannot reach Redash at {self.url}: {e.reason}")

    def existing_queries(self):
        if self.dry_run and not self.key:
            return {}
        found, page = {}, 1
        while True:
            res = self.call("GET", f"/api/queries?page_size=100&page={page}&tags={TAG}")
            for q in res.get("results", []):
                found[q["name"]] = q
            if page * 100 >= res.get("count", 0):
                return found
            page += 1

    def dashboard(self, name):
        """The dashboard called name (created when missing) and the visualization ids already on it."""
        if not (self.dry_run and not self.key):
            res = self.call("GET", "/api/dashboards?page_size=100&q=" + urllib.parse.quote(name))
            for d in res.get("results", []):
                if d.get("name") == name:
                    full = self.call("GET", f"/api/dashboards/{d['slug']}")
                    ids = {w["visualization"]["id"] for w in full.get("widgets", []) if w.get("visualization")}
                    return full, ids
        return self.call("POST", "/api/dashboards", {"name": name}), set()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-source-id", type=int, required=True, help="Redash data source (Athena/Trino) id")
    ap.add_argument("--dashboard", default="Balrog logs", help="dashboard name (default: %(default)s)")
    ap.add_argument("--dry-run", action="store_true", help="print what would change; no writes")
    args = ap.parse_args()
    url = os.environ.get("REDASH_URL")
    key = os.environ.get("REDASH_API_KEY", "")
    if not url and not args.dry_run:
        sys.exit("set REDASH_URL (e.g. https://redash.example.org)")
    if not key and not args.dry_run:
        sys.exit("set REDASH_API_KEY (a user API key from your Redash profile page)")
    api = Redash(url or "https://redash.invalid", key, args.dry_run)

    files = sorted(QUERIES.glob("*.sql"))
    existing = api.existing_queries()
    widgets = []
    for path in files:
        q = parse(path)
        body = {"name": q["name"], "description": q["description"], "query": q["query"],
                "data_source_id": args.data_source_id, "tags": [TAG],
                "options": {"parameters": q["parameters"]}}
        old = existing.get(q["name"])
        print(("update " if old else "create ") + f"{path.name}: {q['name']}")
        saved = api.call("POST", f"/api/queries/{old['id']}" if old else "/api/queries", body)
        vis = visualization(q["visualization"])
        current = [v for v in saved.get("visualizations", []) if v.get("type") == vis["type"]]
        vis_body = dict(vis, query_id=saved["id"], description=q["description"])
        if current:
            v = api.call("POST", f"/api/visualizations/{current[0]['id']}", vis_body)
        else:
            v = api.call("POST", "/api/visualizations", vis_body)
        widgets.append(v.get("id", 0))

    dash, present = api.dashboard(args.dashboard)
    todo = [vid for vid in widgets if vid not in present]
    print(f"dashboard {args.dashboard!r}: adding {len(todo)} widgets ({len(present)} already there)")
    for i, vid in enumerate(todo, start=len(present)):
        api.call("POST", "/api/widgets", {"dashboard_id": dash["id"], "visualization_id": vid, "width": 1,
                                          "text": "", "options": {"position": {"col": (i % 2) * 3, "row": (i // 2) * 8,
                                                                               "sizeX": 3, "sizeY": 8}}})
    print("done" + (" (dry run: nothing was written)" if args.dry_run else ""))


if __name__ == "__main__":
    main()
