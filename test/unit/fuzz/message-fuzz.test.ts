import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createMessageHandler } from '../../../lib/background/router';
import { QueueLensDb } from '../../../lib/db/database';
import { observation } from '../support/observations';

/**
 * Message fuzzing against the background's one entry point: random and mutated `observe` /
 * `annotations` messages never make the handler throw, and a refused message writes nothing.
 * (DOM fuzzing of the parsers is test/unit/fuzz/dom-fuzz.test.ts.)
 */
const EXT = 'queuelens-extension-id';
const database = new QueueLensDb(`message-fuzz-${Math.random()}`);
afterAll(() => database.delete());

const counts = async () => ({
  tickets: await database.tickets.count(),
  transitions: await database.transitions.count(),
  rollups: await database.rollups.count(),
  diagnostics: await database.diagnostics.count(),
  inbox: await database.inbox.count(),
});

/** Values a hostile or broken sender might put anywhere. */
const weird = fc.oneof(
  fc.anything(),
  fc.constantFrom('', 'javascript:alert(1)', '=HYPERLINK("x")', '<img src=x onerror=alert(1)>', '__proto__', 'x'.repeat(600), NaN, Infinity, -1, 1e20, null, undefined),
);
const FIELDS = ['key', 'tool', 'host', 'id', 'seenAt', 'pageKind', 'viewId', 'title', 'status', 'assignee', 'group', 'priority', 'createdAt', 'updatedAt', 'slaDueAt', '__proto__', 'constructor'];

/** A valid observation with one to three fields replaced by something odd (or removed). */
const mutatedObservation = fc
  .record({ id: fc.integer({ min: 1, max: 999 }), edits: fc.array(fc.tuple(fc.constantFrom(...FIELDS), weird, fc.boolean()), { minLength: 1, maxLength: 3 }) })
  .map(({ id, edits }) => {
    const o: Record<string, unknown> = { ...observation(String(id)) };
    for (const [field, value, remove] of edits) {
      if (remove) delete o[field];
      else o[field] = value;
    }
    return o;
  });

const message = fc.oneof(
  fc.anything(),
  fc.record({ type: fc.constant('observe'), batchId: fc.oneof(fc.string(), weird), observations: fc.array(mutatedObservation, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('observe'), batchId: fc.constant('b'), observations: weird, report: weird }),
  fc.record({ type: fc.oneof(fc.constant('annotations'), weird), keys: fc.oneof(fc.array(fc.oneof(fc.string(), weird), { maxLength: 4 }), weird) }),
  fc.record({ type: fc.constant('observe'), batchId: fc.constant('b'), observations: fc.constant([observation('1')]), extra: weird }, { requiredKeys: ['type'] }),
);

describe('message fuzzing', () => {
  it('never throws on random or mutated messages, and a refused message writes nothing', async () => {
    const handler = createMessageHandler(database, EXT);
    await fc.assert(
      fc.asyncProperty(message, fc.boolean(), async (m, fromUs) => {
        await handler.inbox.flush(); // an earlier accepted batch must not be folded mid-measurement
        const before = await counts();
        const response = await handler.handle(m, { id: fromUs ? EXT : 'other-extension' });
        expect(typeof response.ok).toBe('boolean');
        if (!response.ok) {
          expect(response.error).toMatch(/^message refused: /);
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a batch with one bad observation among good ones is refused whole', async () => {
    const handler = createMessageHandler(database, EXT);
    await fc.assert(
      fc.asyncProperty(mutatedObservation, fc.integer({ min: 0, max: 3 }), async (bad, at) => {
        const good = [observation('5001'), observation('5002'), observation('5003')];
        const observations: unknown[] = [...good];
        observations.splice(at, 0, bad);
        await handler.inbox.flush();
        const before = await counts();
        const response = await handler.handle({ type: 'observe', batchId: 'mixed', observations }, { id: EXT });
        if (!response.ok) expect(await counts()).toEqual(before);
        else expect('stored' in response && response.stored).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});
