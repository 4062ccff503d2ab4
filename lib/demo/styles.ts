/**
 * Inline CSS imitating Zendesk Garden: system font, 40px rows, grey rules, coloured status
 * pills. The table is fixed-layout with clipped cells, as the real one is, so anything added
 * into a cell cannot move the layout.
 */
export type Theme = 'light' | 'dark';

export const SIM_CSS = `
:root{--bg:#fff;--fg:#2f3941;--muted:#68737d;--rule:#d8dcde;--panel:#f8f9f9;--hover:#edf7ff;--link:#1f73b7;--nav:#03363d;--navfg:#fff}
html[data-theme="dark"]{--bg:#1a1b1c;--fg:#e9ebed;--muted:#9ea6ad;--rule:#39434b;--panel:#22272b;--hover:#1f3447;--link:#5eaefd;--nav:#0b2a2f;--navfg:#e9ebed}
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:14px;line-height:20px;color:var(--fg);background:var(--bg)}
#app{display:grid;grid-template-columns:60px 260px 1fr;height:100vh}
nav.sim-product{background:var(--nav);color:var(--navfg)}
nav.sim-product a{display:block;color:var(--navfg);text-align:center;padding:14px 0;text-decoration:none;font-weight:600}
aside.sim-views{background:var(--panel);border-right:1px solid var(--rule);overflow:auto}
aside.sim-views header{display:flex;align-items:center;justify-content:space-between;padding:16px 16px 8px;font-weight:600;font-size:16px}
aside.sim-views ul{list-style:none;margin:0;padding:0 8px}
aside.sim-views a{display:flex;justify-content:space-between;gap:8px;padding:8px;border-radius:4px;color:var(--fg);text-decoration:none}
aside.sim-views a[aria-current="page"]{background:var(--hover);font-weight:600}
aside.sim-views a span:first-child{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.sim-count{color:var(--muted)}
main{overflow:auto;padding:0 20px 20px}
.sim-view-header{display:flex;align-items:baseline;gap:12px;padding:18px 0 12px}
.sim-view-header h1{font-size:22px;line-height:28px;margin:0;font-weight:600}
[data-test-id="views_views-header-counter"]{color:var(--muted)}
button{font:inherit;color:inherit;background:none;border:1px solid var(--rule);border-radius:4px;padding:4px 10px;cursor:pointer}
table[data-garden-id="tables.table"]{table-layout:fixed;width:100%;border-collapse:collapse;min-width:1360px}
th[data-garden-id="tables.header_cell"],td[data-garden-id="tables.cell"]{height:40px;padding:0 12px;border-bottom:1px solid var(--rule);text-align:left;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;vertical-align:middle}
th[data-garden-id="tables.header_cell"]{font-weight:600;color:var(--muted);font-size:12px}
th[data-garden-id="tables.header_cell"] button{border:0;padding:0;font-weight:600;display:inline-flex;gap:4px;align-items:center}
th[data-garden-id="tables.header_cell"] svg{width:12px;height:12px;opacity:.5}
tr[data-garden-id="tables.row"]:hover{background:var(--hover)}
tr[data-garden-id="tables.group_row"] td{height:40px;padding:0 12px;font-weight:600;background:var(--panel);border-bottom:1px solid var(--rule)}
td[data-garden-id="tables.cell"] > div, td[data-garden-id="tables.cell"] > div > div{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
td a{color:var(--link);text-decoration:none}
.sim-pill{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;line-height:18px;font-weight:600}
.sim-pill.new{background:#ffb648;color:#703b15}.sim-pill.open{background:#e35b66;color:#fff}
.sim-pill.pending{background:#3091ec;color:#fff}.sim-pill.hold{background:#2f3941;color:#fff}
html[data-theme="dark"] .sim-pill.hold{background:#000;color:#fff;outline:1px solid #68737d}
.sim-pill.solved,.sim-pill.closed,.sim-pill.deleted{background:#87929d;color:#fff}
.sim-sla{display:inline-block;border-radius:4px;padding:0 6px;font-weight:600;font-size:12px}
.sim-sla.ok{background:#038153;color:#fff}.sim-sla.soon{background:#ffb057;color:#2f3941}.sim-sla.breached{background:#cc3340;color:#fff}
.sim-pagination{display:flex;gap:8px;align-items:center;padding:12px 0}
.sim-pagination button[disabled]{opacity:.4;cursor:default}
.sim-empty{padding:24px 12px;color:var(--muted)}
col.c-check{width:44px}col.c-status{width:84px}col.c-id{width:76px}col.c-priority{width:80px}col.c-subject{width:auto}
col.c-requester,col.c-group,col.c-assignee,col.c-custom{width:124px}col.c-created,col.c-updated{width:104px}col.c-sla{width:92px}col.c-actions{width:44px}
.sim-ticket{padding:16px 0;display:grid;grid-template-columns:280px 1fr;gap:20px}
.sim-ticket aside label{display:block;font-size:12px;color:var(--muted);margin-top:12px}
.sim-tag{display:inline-block;border:1px solid var(--rule);border-radius:4px;padding:2px 8px;margin-top:4px}
input[data-test-id="omni-header-subject"]{font:inherit;font-size:20px;width:100%;border:1px solid transparent;background:transparent;color:inherit;padding:4px}
.sim-log{list-style:none;padding:0;margin:16px 0}
.sim-log li{border-bottom:1px solid var(--rule);padding:12px 0}
.sim-tabs{display:flex;gap:4px;padding:8px 0;border-bottom:1px solid var(--rule)}
.sim-tabs [data-test-id="header-tab"]{border:1px solid var(--rule);border-radius:4px 4px 0 0;padding:6px 12px;max-width:220px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.sim-tabs [aria-selected="true"]{background:var(--hover);font-weight:600}
`;
