package org.mozilla.balrog.logs.report;

/**
 * The report's style sheet, inlined in the page. System fonts only (no web font to fetch); colours
 * chosen to stay distinguishable in print and for the common colour-vision deficiencies (red vs
 * blue, not red vs green alone).
 */
final class Css {
  private Css() {}

  static final String STYLE =
      """
      :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --card: #ffffff;
              --red: #c62828; --orange: #e65100; --blue: #1565c0; --green: #2e7d32; --amber: #b26a00;
              --purple: #6a1b9a; --grey: #8c959f; }
      * { box-sizing: border-box; }
      html { background: var(--bg); }
      body { margin: 0; color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto,
             "Helvetica Neue", Arial, sans-serif; }
      main { max-width: 1120px; margin: 0 auto; padding: 24px 24px 48px; }
      header h1 { margin: 0 0 4px; font-size: 26px; }
      .sub { margin: 0 0 12px; color: var(--muted); }
      nav { display: flex; flex-wrap: wrap; gap: 6px 18px; margin-bottom: 18px; }
      nav a { color: var(--blue); text-decoration: none; }
      nav a:hover { text-decoration: underline; }
      h2 { margin: 0 0 8px; font-size: 20px; }
      h3 { margin: 20px 0 6px; font-size: 16px; }
      section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 18px 20px;
                margin: 0 0 18px; }
      section.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px;
                      background: none; border: 0; padding: 0; }
      .card { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--blue);
              border-radius: 8px; padding: 10px 14px; }
      .card.warn { border-left-color: var(--amber); }
      .card.bad { border-left-color: var(--red); }
      .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
      .card .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
      .card .note { color: var(--muted); font-size: 12px; }
      .method { color: var(--muted); margin: 0 0 10px; max-width: 90ch; }
      .no-data { padding: 10px 14px; background: var(--bg); border: 1px dashed var(--line); border-radius: 6px;
                 color: var(--muted); }
      figure { margin: 8px 0 16px; }
      figcaption { font-weight: 600; margin-bottom: 2px; }
      .charts-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 0 24px; }
      svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
      svg.chart text { font-size: 11px; fill: var(--fg); }
      svg.chart .tick { fill: var(--muted); font-variant-numeric: tabular-nums; }
      svg.chart .axis-label { fill: var(--muted); font-size: 12px; }
      svg.chart .grid { stroke: #eaeef2; stroke-width: 1; }
      svg.chart .baseline, svg.chart .tick-mark { stroke: var(--grey); stroke-width: 1; }
      svg.chart .line path { fill: none; stroke-width: 1.6; stroke-linejoin: round; }
      svg.chart .legend-item line { stroke-width: 3; }
      svg.chart .s-5xx path, svg.chart .s-5xx line { stroke: var(--red); }
      svg.chart .s-5xx circle { fill: var(--red); }
      svg.chart .s-lb path, svg.chart .s-lb line { stroke: var(--orange); stroke-dasharray: 5 3; }
      svg.chart .s-lb circle { fill: var(--orange); }
      svg.chart .s-p95 path, svg.chart .s-p95 line { stroke: var(--blue); }
      svg.chart .s-p95 circle { fill: var(--blue); }
      svg.chart .marker-line { stroke: var(--purple); stroke-width: 1.5; stroke-dasharray: 4 3; }
      svg.chart .legend-item.marker line { stroke-width: 1.5; }
      svg.chart .marker .band { fill: var(--purple); fill-opacity: .10; }
      svg.chart .marker-label { font-weight: 600; fill: var(--purple); }
      svg.chart .v-regression .marker-line { stroke: var(--red); }
      svg.chart .v-regression .marker-label { fill: var(--red); }
      svg.chart .v-regression .band { fill: var(--red); }
      svg.chart .v-warn .marker-line { stroke: var(--amber); }
      svg.chart .v-warn .marker-label { fill: var(--amber); }
      svg.chart .v-warn .band { fill: var(--amber); }
      svg.chart .v-ok .marker-line { stroke: var(--green); }
      svg.chart .v-ok .marker-label { fill: var(--green); }
      svg.chart .v-ok .band { fill: var(--green); }
      svg.chart .bar rect { fill: var(--blue); }
      svg.chart .bar.b-other rect { fill: var(--grey); }
      svg.chart .bar.b-error rect { fill: var(--red); }
      svg.chart .bar:hover rect { fill-opacity: .8; }
      svg.chart .bar-value { fill: var(--muted); font-variant-numeric: tabular-nums; }
      .table-wrap { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 13px; }
      th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
      th { background: var(--bg); font-weight: 600; white-space: nowrap; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      td.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere;
              min-width: 9ch; }
      td.evidence { min-width: 220px; }
      td.sig { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px;
               word-break: break-word; }
      td.small { font-size: 12px; color: var(--muted); }
      td.sample { max-width: 320px; }
      td.sample code, td.sample pre { font-size: 11px; white-space: pre-wrap; word-break: break-word; }
      td.sample pre { margin: 4px 0 0; max-height: 240px; overflow: auto; background: var(--bg); padding: 6px; }
      tr.overall td { border-top: 2px solid var(--line); font-weight: 600; }
      tr.total td { font-weight: 600; border-top: 2px solid var(--line); }
      tr.attention td:first-child { box-shadow: inset 3px 0 0 var(--amber); }
      .counts { display: block; color: var(--muted); font-size: 11px; font-weight: 400; }
      .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
               white-space: nowrap; background: #eaeef2; color: var(--fg); }
      .badge.v-ok { background: #dafbe1; color: #1a5e2a; }
      .badge.v-warn { background: #fff1c2; color: #7a4b00; }
      .badge.v-regression { background: #ffe0e0; color: #a0161b; }
      .badge.v-insufficient_data, .badge.v-none { background: #eaeef2; color: var(--muted); }
      table.push-grid { width: auto; border-collapse: separate; border-spacing: 2px; }
      table.push-grid th, table.push-grid td { padding: 2px 0; border: 0; text-align: center; }
      table.push-grid th { background: none; font-size: 11px; color: var(--muted); font-weight: 400; }
      table.push-grid th[scope=row] { text-align: left; padding-right: 8px; color: var(--fg); }
      td.push { width: 26px; min-width: 26px; font-weight: 700; border-radius: 3px; cursor: default; }
      .push.p-go { background: var(--green); color: #fff; }
      .push.p-caution { background: #f9c74f; color: #3d2800; }
      .push.p-no-go { background: var(--red); color: #fff; }
      .push.p-none { background: #eaeef2; color: var(--muted); }
      p.legend span.push { display: inline-block; width: 22px; text-align: center; border-radius: 3px;
                           font-weight: 700; margin-left: 8px; }
      p.push-counts { margin: 6px 0 0; }
      .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
                 white-space: nowrap; }
      code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
      p.small { color: var(--muted); font-size: 12px; margin: 0 0 8px; }
      footer { color: var(--muted); font-size: 12px; }
      @media print { html { background: #fff; } section { break-inside: avoid; border: 0; } }
      """;
}
