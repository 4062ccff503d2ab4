import { afterEach, describe, expect, it } from 'vitest';
import { QueueLensDb } from '../../../lib/db/database';
import { readAllInChunks } from '../../../lib/db/chunked-read';
import { generateHistory } from '../../../lib/synthetic/history';

const NOW = Date.UTC(2026, 10, 24, 12);
const history = generateHistory({ seed: 5, tickets: 120, days: 30, agents: 4, groups: 2, host: 'acme.zendesk.com', now: NOW });
let db: QueueLensDb | undefined;
afterEach(async () => db?.delete());

describe('readAllInChunks', () => {
  it('returns every row once, in key order, whatever the chunk size (including exact multiples)', async () => {
    db = new QueueLensDb(`chunks-${Math.random()}`);
    await db.transitions.bulkPut(history.transitions);
    const all = await db.transitions.toArray();
    expect(all.length).toBeGreaterThan(100);
    for (const chunk of [1, 7, all.length, all.length - 1, all.length + 1, Math.ceil(all.length / 4)]) {
      expect(await readAllInChunks(db.transitions, chunk)).toEqual(all);
    }
    expect(await readAllInChunks(db.rollups, 3)).toEqual([]);
  });
});
