/**
 * Every Zendesk selector QueueLens uses, ranked: Garden design-system and test-id attributes
 * first, structure last. Each names the fixture that proves it (test/fixtures/zendesk/ unless
 * noted; "shared:" = ../shared/fixtures/zendesk/html, a real captured page).
 * When Zendesk changes markup, fix it here and add the new page as a fixture.
 */
export const SELECTORS = {
  /** view-basic.html, shared:agent_workspace_view_table_priority_present */
  table: [
    'table[data-garden-id="tables.table"][data-test-id="generic-table"]',
    'table[data-test-id="generic-table"]',
    'table[data-garden-id="tables.table"]',
  ],
  /** view-basic.html, shared:… */
  headerCell: ['th[data-garden-id="tables.header_cell"]', 'thead th'],
  /** view-basic.html, shared:… — the body's row; never a bare `tbody > tr` (catches group rows) */
  row: [
    'tr[data-garden-id="tables.row"][data-test-id="generic-table-row"]',
    'tr[data-test-id="generic-table-row"]',
    'tr[data-garden-id="tables.row"]',
  ],
  /** view-grouped.html */
  groupRow: ['tr[data-test-id="generic-table-rows-group-by"]', 'tr[data-garden-id="tables.group_row"]'],
  /** view-basic.html, shared:… */
  cell: ['td[data-garden-id="tables.cell"]', 'td'],
  /** view-basic.html */
  ticketLink: ['a[href^="/agent/tickets/"]', 'a[href*="/agent/tickets/"]'],
  /** ticket-page.html — the open ticket's layout; `<id>` is the ticket id */
  ticketLayout: ['[data-test-id^="ticket-"][data-test-id$="-standard-layout"]'],
  /** ticket-page.html */
  ticketAssignee: ['[data-test-id="assignee-field-selected-agent-tag"]'],
  /** ticket-page.html */
  ticketGroup: ['[data-test-id="assignee-field-selected-group-tag"]'],
  /** ticket-page.html — an input: read `.value` */
  ticketSubject: ['[data-test-id="omni-header-subject"]'],
  /** ticket-page.html */
  ticketStatus: ['[data-test-id="ticket-system-field-status"]'],
  /** ticket-page.html */
  ticketPriority: ['[data-test-id="ticket-system-field-priority"]'],
  /** ticket-page.html */
  ticketSla: ['div[data-test-id^="sla-policy-"]'],
  /** ticket-page.html — ticket tabs in the header bar */
  ticketTab: ['[data-test-id="header-tab"][data-entity-type="TICKET_ENTITY_TYPE"][data-entity-id]'],
} as const;

/** Cell test ids seen on live tenants (hosts.md), mapped to the field they hold. */
export const CELL_TEST_IDS: Record<string, ColumnField> = {
  'ticket-table-cells-status': 'status',
  'ticket-table-cells-sla': 'sla',
  'ticket-table-cells-subject': 'subject',
  'ticket-table-cells-assignee': 'assignee',
  'ticket-table-cells-group': 'group',
  'ticket-table-cells-priority': 'priority',
  'ticket-table-cells-requester': 'requester',
  'generic-table-cells-id': 'id',
};

export type ColumnField =
  | 'id'
  | 'subject'
  | 'status'
  | 'assignee'
  | 'group'
  | 'priority'
  | 'requester'
  | 'created'
  | 'updated'
  | 'sla'
  | 'other';
