import { describe, expect, it, vi } from 'vitest';
import { downloadText } from '../../../lib/export/download';
import { exportFileName } from '../../../lib/export/filename';

describe('exportFileName', () => {
  it.each([
    [{ instance: 'acme.zendesk.com', week: '2026-W48', ext: 'json' }, 'queuelens-acme.zendesk.com-2026-W48.json'],
    [{ instance: 'ACME.atlassian.net', week: '2026-W53', ext: 'csv', part: 'items' }, 'queuelens-acme.atlassian.net-2026-W53-items.csv'],
    [{ instance: 'jira.corp.example:8443', week: '2027-W01', ext: 'md' }, 'queuelens-jira.corp.example-8443-2027-W01.md'],
    [{ instance: ['a.zendesk.com', 'b.atlassian.net'], week: '2026-W48', ext: 'json' }, 'queuelens-all-2026-W48.json'],
    [{ week: '2026-W48', ext: 'csv', part: 'weekly' }, 'queuelens-all-2026-W48-weekly.csv'],
    [{ instance: '../../etc/passwd', week: '2026-W48', ext: 'json' }, 'queuelens-etc-passwd-2026-W48.json'],
  ] as const)('%j → %s', (parts, name) => expect(exportFileName(parts)).toBe(name));

  it('refuses a malformed week', () => expect(() => exportFileName({ week: '2026-48', ext: 'json' })).toThrow());
});

describe('downloadText', () => {
  it('uses browser.downloads when available', async () => {
    const download = vi.fn(async () => 1);
    await downloadText('queuelens-x-2026-W48.json', '{}', 'json', { download });
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ filename: 'queuelens-x-2026-W48.json', saveAs: true }));
  });

  it('falls back to an anchor with a download attribute', async () => {
    const clicked: HTMLAnchorElement[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await downloadText('summary.md', '# hi', 'md', null);
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('summary.md');
    expect(clicked[0].href).toMatch(/^blob:/);
    expect(document.body.contains(clicked[0])).toBe(false);
    spy.mockRestore();
  });
});
