/**
 * Every Jira selector QueueLens uses, ranked: `data-testid` (and the older `data-test-id`) first,
 * then `data-component-selector`, structure and text last. Each names the fixture that proves it
 * (test/fixtures/jira/ unless noted; "shared:" = ../shared/fixtures/jira/html, real captured DOM;
 * "hosts.md" = reported from live tenants but not in a capture we hold).
 * When Jira changes markup, fix it here and add the new page as a fixture.
 */
export const SELECTORS = {
  // ── Cloud board, platform-board-kit markup ──────────────────────────────────────────────
  /** board-kit.html, board-kit-swimlanes.html, shared:live_dom_outerhtml_snippets (4. Board) */
  boardKitCard: [
    '[data-testid="platform-board-kit.ui.card.card"]',
    '[data-component-selector="platform-board-kit.ui.card-container"]',
    '[id^="card-"][aria-describedby^="card-description-"]',
  ],
  /** board-kit.html, shared:… (4. Board) — a link whose text is the key */
  boardKitKey: ['[data-testid="platform-card.common.ui.key.key"]'],
  /** board-kit.html, shared:… (4. Board) — the row with type, key, estimate, avatar */
  boardKitFooter: ['[data-testid="platform-card.ui.card.card-content.footer"]'],
  /** board-kit.html, board-kit-swimlanes.html; hosts.md */
  boardKitColumn: [
    '[data-testid="platform-board-kit.ui.column.draggable-column.styled-wrapper"]',
    '[data-component-selector="platform-board-kit.ui.column.draggable-column"]',
  ],
  /** board-kit.html; hosts.md */
  boardKitColumnHeader: ['[data-testid="platform-board-kit.common.ui.column-header.header.column-header-container"]'],
  /** board-kit-swimlanes.html; hosts.md */
  boardKitSwimlane: ['[data-testid="platform-board-kit.ui.swimlane.swimlane-wrapper"]'],

  // ── Cloud board, 2026 board.content markup ─────────────────────────────────────────────
  /** board-content.html, board-content-swimlanes.html; hosts.md */
  boardContentWrapper: ['[data-testid="board.content.board-wrapper"]'],
  /** board-content.html — one per column (per swimlane when grouped) */
  boardContentCell: ['[data-testid="board.content.cell"]'],
  /** board-content.html */
  boardContentCard: ['[data-testid="board.content.cell.card"]', '[data-vc="business-board-card"]'],
  /** board-content.html */
  boardContentColumnHeader: ['[data-testid="board.content.cell.column-header"]'],
  /** board-content-swimlanes.html */
  boardContentSwimlane: ['[data-testid="board.content.swimlane.scroll-container"]'],

  // ── Column names, either board markup ──────────────────────────────────────────────────
  /** board-content.html (new), board-kit.html (old); heading role and h2 are the structural fallback */
  columnName: [
    '[data-testid="board.content.cell.column-header.name"]',
    '[data-testid$="column-title.column-name"]',
    '[role="heading"]',
    'h2, h3',
  ],

  // ── Card fields ────────────────────────────────────────────────────────────────────────
  /** board-kit.html, shared:… (4. Board): hidden label "Assignee: Name" */
  cardAssigneeLabel: ['[data-testid="board.common.fields.assignee-field-static.avatar--label"]'],
  /** board-kit.html, shared:… (4. Board) */
  cardAssigneeWrapper: ['[data-testid="software-board.common.fields.assignee-field-static.avatar-wrapper"]'],
  /** board-content.html: the new card names the assignee only in a button label */
  cardAssigneeButton: ['[aria-label^="Assignee:"]'],
  /** board-kit.html, shared:… (4. Board): img alt "P1 priority" */
  cardPriority: ['[data-testid="platform-card.common.ui.priority.icon"] img[alt]', '[aria-label^="Priority:"]', 'img[alt^="Priority:"]'],
  /** board-kit.html, shared:… (4. Board) */
  cardSummary: ['[data-testid="issue-field-single-line-text-readview-card.ui.single-line-text.container.box"]'],
  /** parent/epic chips: links inside them name another issue, never the card's own */
  foreignIssueArea: '[data-testid*="parent"], [data-testid*="epic"], [data-testid*="linked"]',
  /** board-content.html, shared:… (every block): the link every fallback reads keys from */
  browseLink: ['a[href*="/browse/"]'],

  // ── Backlog ────────────────────────────────────────────────────────────────────────────
  /** backlog.html, shared:… (3. Backlog) */
  backlogKey: [
    '[data-testid="software-backlog.card-list.card.card-contents.key"]',
    '[data-testid="software-backlog.card-list.card.card-contents.screen-reader-key"]',
  ],
  /** backlog.html (reported on live tenants: card-container, accessible-card) */
  backlogCard: [
    '[data-testid="software-backlog.card-list.card.card-contents.card-container"]',
    '[data-testid="software-backlog.card-list.card.card-contents.interaction-layer.accessible-card"]',
  ],
  /** backlog.html, shared:… (3. Backlog) */
  backlogKeyContainer: ['[data-testid="software-backlog.card-list.card.card-contents.accessible-card-key"]'],

  // ── Issue navigator / list views (also JSM queues since the native table) ──────────────
  /** list.html, shared:… (5. Search results) */
  issueRow: ['tr[data-testid="native-issue-table.ui.issue-row"]', 'tr[data-vc="issue-row"]'],
  /** list.html, shared:jira_cloud_ssr_issue_navigator_list (th aria-label carries the label) */
  issueTableHeaderCell: ['th[scope="col"]', 'thead th'],
  /** list.html, shared:… (5. Search results) */
  issueKeyCell: ['a[data-testid="native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell"]'],
  /** list.html, shared:… (5.) — the key's flex row, where a badge fits */
  issueKeyContainer: ['[data-testid="native-issue-table.common.ui.issue-cells.issue-key.action-container"]'],
  /** list.html, shared:… (5.) */
  issueSummaryCell: ['[data-testid="native-issue-table.common.ui.issue-cells.issue-summary.issue-summary-cell"]'],
  /** list.html, issue.html, shared:… (5., 6.) — text in the `--text` child */
  statusLozenge: ['button[data-testid^="issue.fields.status.common.ui.status-lozenge."]', '[data-testid^="issue.fields.status.common.ui.status-lozenge."]:not([data-testid$="--chevron"]):not([data-testid$="--text"])'],
  /** list.html, shared:… (5.) */
  priorityReadView: ['[data-testid="issue-field-priority-readview-full.ui.priority.wrapper"]'],

  // ── JSM agent queue (virtual table) ────────────────────────────────────────────────────
  /** queue.html (plausible, following live naming: layout.table.container) */
  queueLayout: ['[data-testid="servicedesk-queues-agent-view.layout.layout"]', '[data-testid^="servicedesk-queues-agent-view.layout"]'],
  /** queue.html */
  queueTable: ['[data-testid="servicedesk-queues-agent-view.layout.table.container"]'],
  /** queue.html: cell test id = prefix + "<KEY>-<columnId>" (seen on live tenants) */
  queueCell: ['[data-testid^="common.components.virtual-table.table.content.rows.common.cell-wrapper-row"]'],
  /** queue.html */
  queueHeaderCell: ['[role="columnheader"]'],

  // ── Data Center / Server boards ────────────────────────────────────────────────────────
  /** dc-board.html; hosts.md */
  dcPool: ['#ghx-pool'],
  /** dc-board.html; compact backlog rows (`.ghx-issue-compact`) per hosts.md-era DC markup, no fixture yet */
  dcCard: ['.ghx-issue[data-issue-key]', '.ghx-issue-compact[data-issue-key]', '.js-issue[data-issue-key]'],
  /** dc-board.html */
  dcKey: ['.ghx-key a', '.ghx-key'],
  /** dc-board.html */
  dcColumn: ['.ghx-column[data-column-id]'],
  /** dc-board.html: header li carries data-id = the body column's data-column-id */
  dcColumnHeader: ['#ghx-column-headers .ghx-column[data-id]', '#ghx-column-headers .ghx-column'],
  /** dc-board.html */
  dcColumnTitle: ['.ghx-column-title', 'h2'],
  /** dc-board.html (two swimlanes) */
  dcSwimlane: ['.ghx-swimlane[swimlane-id]', '.ghx-swimlane'],
  /** dc-board.html */
  dcDays: ['.ghx-days'],
  /** dc-board.html: "Assignee: Name" in data-tooltip / alt */
  dcAssignee: ['.ghx-avatar-img[data-tooltip]', '.ghx-avatar img[alt]', '.ghx-avatar-img[alt]'],
  /** dc-board.html */
  dcPriority: ['.ghx-priority[title]'],
  /** dc-board.html */
  dcSummary: ['.ghx-summary'],
  /** dc-board.html */
  dcCardFooter: ['.ghx-card-footer', '.ghx-issue-fields'],

  // ── Issue view ─────────────────────────────────────────────────────────────────────────
  /** issue.html, shared:… (1. Issue view) */
  issueBreadcrumbKey: ['a[data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"]'],
  /** issue.html, shared:… (1.) */
  issueBreadcrumbContainer: ['[data-testid="issue.views.issue-base.foundation.breadcrumbs.breadcrumb-current-issue-container"]'],
  /** issue.html (reported on live tenants) */
  issueSummary: ['[data-testid="issue.views.issue-base.foundation.summary.heading"]', 'h1'],
  /** issue.html: the issue's own status, not a linked issue's */
  issueStatusArea: ['[data-testid="issue.views.issue-base.foundation.status.status-field-wrapper"]', '[data-testid*="status-field-wrapper"]'],
  /** issue.html */
  issueAssignee: ['[data-testid="issue.views.field.user.assignee"]'],
  /** issue.html */
  issuePriority: ['[data-testid="issue.views.field.priority.common.ui.priority-view"]', '[data-testid*="priority"][data-testid*="issue.views"]'],
  /** child/linked panels on an issue page show other issues' lozenges */
  issueOtherIssueArea: '[data-testid^="issue-line-card"], [data-testid^="native-issue-table"]',
} as const;

/** A Jira issue key: project key (letter, then letters/digits/underscore), dash, number. */
export const ISSUE_KEY = /\b([A-Z][A-Z0-9_]+-\d+)\b/;
export const BROWSE_HREF = /\/browse\/([A-Z][A-Z0-9_]+-\d+)(?:[/?#]|$)/;
