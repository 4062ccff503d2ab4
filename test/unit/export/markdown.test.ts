import { describe, expect, it } from 'vitest';
import { escapeMarkdown, weeklySummaryMarkdown, type WeeklySummaryInput } from '../../../lib/export/markdown';

const input: WeeklySummaryInput = {
  week: '2026-W48',
  instance: 'acme.zendesk.com',
  generatedAt: Date.UTC(2026, 10, 30, 8, 0),
  wip: { value: 42, previous: 38 },
  arrivals: { value: 30, previous: 35 },
  throughput: { value: 26, previous: 31 },
  reopenRate: { value: 0.077, previous: 0.05 },
  topWaits: [
    { kind: 'group', name: 'Tier 2 | <b>Escalations</b>', wip: 12, ageWeightedDays: 61.5, expectedWaitDays: 3.2, wipChange: 4 },
    { kind: 'stage', name: 'waiting', wip: 9, expectedWaitDays: null, wipChange: -2 },
  ],
  capacity: [
    { label: 'Throughput per week', value: 26, previous: 31, unit: 'count', better: 'higher' },
    { label: 'Error rate (reopens)', value: 0.077, previous: 0.05, unit: 'percent', better: 'lower' },
    { label: 'Handoffs per resolved ticket', value: 1.25, previous: 1.5, unit: 'per-ticket', better: 'lower' },
    { label: 'Cycle time P85 ÷ P50', value: 2.4, previous: null, unit: 'ratio', better: 'lower' },
  ],
  oldestItems: [
    { key: 'zendesk:acme.zendesk.com:4123', id: '4123', title: '[click](javascript:alert(1)) <script>x</script> *now*', stage: 'waiting', status: 'pending', assignee: 'Alice_Smith', ageDays: 23.46 },
    { key: 'zendesk:acme.zendesk.com:4200', title: '# Heading\n- list | pipe', stage: 'active', assignee: null, ageDays: 12 },
  ],
  notes: ['Zendesk view layout not recognised on 2 days'],
};

describe('escapeMarkdown', () => {
  it.each([
    ['*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
    ['[x](javascript:alert(1))', '\\[x\\]\\(javascript:alert\\(1\\)\\)'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert\\(1\\)\\>'],
    ['a | b', 'a \\| b'],
    ['&amp; &lt;', '\\&amp; \\&lt;'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['line\nbreak\r\nhere', 'line break here'],
    ['back\\slash', 'back\\\\slash'],
    ['OPS-77 ready.', 'OPS-77 ready.'],
    ['$x$ ~~s~~', '\\$x\\$ \\~\\~s\\~\\~'],
  ])('%j → %j', (text, out) => expect(escapeMarkdown(text)).toBe(out));
});

describe('weekly summary', () => {
  const md = weeklySummaryMarkdown(input);

  it('renders the figures with trends', () => {
    expect(md).toContain('# Weekly flow summary — 2026-W48, acme.zendesk.com');
    expect(md).toContain('- **WIP:** 42 (▲ +4, worse)');
    expect(md).toContain('- **Throughput:** 26 (▼ −5, worse)');
    expect(md).toContain('- **Arrivals:** 30 (▼ −5)');
    expect(md).toContain('- **Net flow:** +4 (backlog growing)');
    expect(md).toContain('- **Reopen rate:** 7.7 % (▲ +2.7 pt, worse)');
    expect(md).toContain('| Handoffs per resolved ticket | 1.25 | 1.50 | ▼ −0.25, better |');
    expect(md).toContain('| Cycle time P85 ÷ P50 | 2.40 | — | — |');
    expect(md).toContain('| group: Tier 2 \\| \\<b\\>Escalations\\</b\\> | 12 | 61.5 | 3.2 d | +4 |');
    expect(md).toContain('| stage: waiting | 9 | — | — | −2 |');
  });

  it('keeps page text inert: no live links, HTML, or broken tables', () => {
    // In rows carrying page text, every bracket and angle is escaped.
    const pageRows = md.split('\n').filter((l) => /javascript|Escalations|Heading/.test(l));
    expect(pageRows).toHaveLength(3);
    for (const row of pageRows) expect(row).not.toMatch(/(^|[^\\])[<>[\]()]/);
    expect(md).toContain('| 4123 | \\[click\\]\\(javascript:alert\\(1\\)\\) \\<script\\>x\\</script\\> \\*now\\* | waiting \\(pending\\) | Alice\\_Smith | 23.5 |');
    expect(md).toContain('| zendesk:acme.zendesk.com:4200 | \\# Heading - list \\| pipe | active | unassigned | 12 |');
    // Every table row has the same number of unescaped pipes as its header.
    for (const table of md.split('\n\n').filter((b) => b.startsWith('|'))) {
      const pipes = table.split('\n').map((l) => l.replace(/\\\|/g, '').split('|').length);
      expect(new Set(pipes).size).toBe(1);
    }
  });

  it('handles empty sections and is deterministic', () => {
    const empty = weeklySummaryMarkdown({ ...input, topWaits: [], capacity: [], oldestItems: [], notes: undefined, wip: { value: null } });
    expect(empty).toContain('Nothing is waiting.');
    expect(empty).toContain('Not enough history yet.');
    expect(empty).toContain('No open items.');
    expect(empty).toContain('- **WIP:** —');
    expect(weeklySummaryMarkdown(input)).toBe(md);
  });
});
