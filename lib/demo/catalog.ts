/** Default cast of the simulated helpdesk: agents, groups, requesters, subjects, views. */
export const DEFAULT_GROUPS = ['Support', 'Billing', 'Technical', 'Escalations'] as const;

/** Names include non-ASCII so text handling is exercised. */
export const DEFAULT_AGENTS: { name: string; groups: string[] }[] = [
  { name: 'Ana Souza', groups: ['Support', 'Billing'] },
  { name: 'Ben Okafor', groups: ['Support'] },
  { name: 'Chloé Martin', groups: ['Support', 'Technical'] },
  { name: 'Daniel Weiß', groups: ['Technical'] },
  { name: 'Emi Tanaka', groups: ['Technical', 'Escalations'] },
  { name: 'Farah Haddad', groups: ['Billing'] },
  { name: 'Gustavo Reyes', groups: ['Billing', 'Support'] },
  { name: 'Hannah Lee', groups: ['Escalations', 'Support'] },
];

export const REQUESTER_NAMES = [
  'Olivia Brown', 'Liam Novak', 'Sofia García', 'Noah Schmidt', 'Mia Rossi', 'Lucas Dubois',
  'Amelia Kowalski', 'Ethan Park', 'Isla Murphy', 'Mateo Silva', 'Zoe Andersen', 'Yuki Sato',
  'Aarav Patel', "Siobhán O'Neill", 'Leon Fischer', 'Chiara Bianchi', 'Omar Farouk', 'Eva Horvat',
  'Jonas Berg', 'Priya Nair', 'Tomás Ortega', 'Hana Kim', 'Lena Vogel', 'Marco Costa',
];

export const SUBJECTS = [
  'Cannot log in after password reset',
  'Invoice shows the wrong VAT number',
  'Refund for duplicate charge',
  'API returns 502 on bulk export',
  'How do I add a second admin?',
  'Webhook deliveries delayed by hours',
  'Card declined during renewal',
  'Data import stuck at 87%',
  'SSO: SAML assertion rejected',
  'Please cancel my subscription',
  'Mobile app crashes on launch',
  'Export to CSV drops accents (é, ü, ñ)',
  'Request: dark mode for reports',
  'Two-factor codes not arriving',
  'Upgrade to annual plan',
  'Dashboard widgets show no data',
  'Wrong timezone on scheduled reports',
  'Need a copy of last year\'s invoices',
  'Integration with Slack disconnected',
  'Rate limit errors from our CRM sync',
  'Custom domain certificate expired',
  'Seats not released after offboarding',
  'Search results missing new records',
  'Question about the "Pro" & "Team" tiers',
];

export const PRODUCT_AREAS = ['Accounts', 'Billing portal', 'API', 'Mobile', 'Reports', 'Integrations'];

/** The hostile subject the tests use to prove page text stays text. */
export const HOSTILE_SUBJECT = 'Printer shows <img src=x onerror=alert(1)> and =SUM(A1) in the report';

export const CUSTOM_FIELD_ID = 360011112222;

/** Business rules whose changes carry via.channel "rule". */
export const RULES = {
  routeByForm: { id: 360000101, title: 'Route by form', rel: 'trigger' },
  autoAssign: { id: 360000102, title: 'Auto-assign to available agent', rel: 'trigger' },
  escalateUrgent: { id: 360000103, title: 'Escalate urgent tickets', rel: 'trigger' },
  solvePending: { id: 360000201, title: 'Solve pending tickets after 4 days', rel: 'automation' },
  closeSolved: { id: 360000202, title: 'Close ticket 4 days after status is set to solved', rel: 'automation' },
} as const;
