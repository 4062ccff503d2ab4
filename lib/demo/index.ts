/** The simulated Zendesk helpdesk served to Chromium in the demo, e2e tests and benchmark. */
export { SimulatedHelpdesk, type HelpdeskOptions, type ViewSummary, type FailureSpec } from './helpdesk';
export { routeHelpdesk, type RouteAnswer, type RouteOptions } from './router';
export { handleApi, type ApiResponse } from './api';
export {
  renderViewPage,
  renderViewParts,
  renderSearchPage,
  viewFragment,
  viewQuery,
  viewOptionsFromQuery,
  DEFAULT_COLUMNS,
  PAGE_SIZE,
  type ViewRenderOptions,
  type GroupBy,
  type RenderedView,
  type ViewFragment,
} from './render-view';
export { renderTicketPage, type TicketRenderOptions } from './render-ticket';
export { renderShell, renderSidebar } from './render-shell';
export { escapeHtml } from './escape';
export { LOCALES, STRINGS, type Locale } from './locale';
export { VIEWS, ALL_COLUMNS, type ColumnId } from './views';
export { HOSTILE_SUBJECT } from './catalog';
export type { SimTicket, SimAudit, SimEvent, SimStatus, SimPriority, SimUser, SimGroup } from './types';
export type { Theme } from './styles';
