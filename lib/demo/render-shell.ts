import { CLIENT_SCRIPT } from './client-script';
import { escapeHtml, jsonForScript } from './escape';
import type { SimulatedHelpdesk } from './helpdesk';
import { STRINGS, type Locale } from './locale';
import { SIM_CSS, type Theme } from './styles';

export interface ShellOptions {
  title: string;
  locale: Locale;
  theme: Theme;
  /** The view highlighted in the sidebar. */
  activeViewId?: number;
  /** Already-escaped HTML of the main pane. */
  main: string;
  /** Data for the inline script (JSON, escaped for a script element). */
  config?: Record<string, unknown>;
}

/** The views sidebar with counts, as Agent Workspace's views list. */
export function renderSidebar(desk: SimulatedHelpdesk, locale: Locale, activeViewId?: number): string {
  const s = STRINGS[locale];
  const items = desk
    .views()
    .map(
      (v) =>
        `<li><a href="/agent/filters/${v.id}" data-test-id="views_views-list_item-view-${v.id}"${v.id === activeViewId ? ' aria-current="page"' : ''}>` +
        `<span>${escapeHtml(v.title)}</span><span class="sim-count" data-test-id="views_views-list_item_count">${v.count}</span></a></li>`,
    )
    .join('');
  return (
    `<aside class="sim-views" aria-label="${escapeHtml(s.views)}"><header><span>${escapeHtml(s.views)}</span>` +
    `<button type="button" data-test-id="views_views-list_header-refresh" aria-label="${escapeHtml(s.refresh)}" title="${escapeHtml(s.refresh)}">↻</button>` +
    `</header><ul>${items}</ul></aside>`
  );
}

/** A full Agent Workspace-like document; everything inline, no external resources. */
export function renderShell(desk: SimulatedHelpdesk, o: ShellOptions): string {
  const config = o.config ? `<script type="application/json" id="sim-config">${jsonForScript(o.config)}</script><script>${CLIENT_SCRIPT}</script>` : '';
  return (
    `<!doctype html><html lang="${o.locale}" data-theme="${o.theme}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(o.title)}</title><style>${SIM_CSS}</style></head>` +
    `<body><div id="app"><nav class="sim-product" aria-label="Product"><a href="/agent" title="${escapeHtml(desk.host)}">Z</a></nav>` +
    `${renderSidebar(desk, o.locale, o.activeViewId)}<main id="main_panes">${o.main}</main></div>${config}</body></html>`
  );
}
