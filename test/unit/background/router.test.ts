import { afterEach, describe, expect, it } from 'vitest';
import { createMessageHandler } from '../../../lib/background/router';
import { QueueLensDb } from '../../../lib/db/database';
import { observation } from '../support/observations';

const EXT = 'queuelens-extension-id';
const database = new QueueLensDb(`router-${Math.random()}`);
afterEach(async () => {
  await database.tickets.clear();
});

describe('background message handler', () => {
  it('ingests an observe batch from this extension and answers with annotations and thresholds', async () => {
    const handler = createMessageHandler(database, EXT);
    const response = await handler.handle({ type: 'observe', batchId: 'b-1', observations: [observation('42')] }, { id: EXT });
    expect(response).toMatchObject({ ok: true, batchId: 'b-1', stored: 1, thresholds: { warnDays: 3, alertDays: 7 } });
    expect(response.ok && 'annotations' in response && response.annotations[0].key).toBe('zendesk:acme.zendesk.com:42');
  });

  it('refuses messages from anyone else, writing nothing', async () => {
    const handler = createMessageHandler(database, EXT);
    const response = await handler.handle({ type: 'observe', batchId: 'b-1', observations: [observation('42')] }, { id: 'some-other-extension' });
    expect(response).toEqual({ ok: false, error: 'message refused: not from this extension' });
    expect(await database.tickets.count()).toBe(0);
    expect(handler.rejected).toBe(1);
  });

  it('refuses a message whose schema does not parse, writing nothing', async () => {
    const handler = createMessageHandler(database, EXT);
    const bad = { ...observation('42'), key: 'javascript:alert(1)' };
    const response = await handler.handle({ type: 'observe', batchId: 'b-2', observations: [observation('43'), bad] }, { id: EXT });
    expect(response.ok).toBe(false);
    expect(await database.tickets.count()).toBe(0);
  });

  it('stores the page report as selector health', async () => {
    const handler = createMessageHandler(database, EXT);
    const report = { tool: 'zendesk', host: 'acme.zendesk.com', pageKind: 'zendesk-view', url: 'https://acme.zendesk.com/agent/filters/1', at: Date.now(), rows: 3, fieldCounts: { id: 0 }, problem: 'Zendesk view layout not recognised: 3 of 3 rows have no ticket id', errors: 0 };
    await handler.handle({ type: 'observe', batchId: 'b-3', observations: [], report }, { id: EXT });
    expect(await database.diagnostics.get('acme.zendesk.com|zendesk-view')).toMatchObject({ problem: report.problem });
  });
});
