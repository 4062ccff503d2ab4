import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import * as jira from '../../../lib/jira/api/schemas';
import * as zendesk from '../../../lib/zendesk/api/schemas';

/**
 * API payload fuzzing: recorded shapes from test/fixtures, mutated at random paths (values
 * replaced, keys dropped, arrays emptied or doubled, types swapped) → every schema either parses
 * or rejects through safeParse; it never throws. Writes happen only from parsed results, so a
 * rejected payload has nothing to write (backfill tests cover the writer: test/unit/*-api).
 */
const root = path.resolve(__dirname, '../../fixtures');
const load = (p: string): unknown => JSON.parse(readFileSync(path.join(root, p), 'utf8'));

const CASES: [string, ZodType, string][] = [
  ['zendesk audits (cursor)', zendesk.AuditsPageSchema, 'zendesk/api/audits_101_page1.json'],
  ['zendesk audits (offset)', zendesk.AuditsPageSchema, 'zendesk/api/audits_102_page1_offset.json'],
  ['zendesk audits (malformed status)', zendesk.AuditsPageSchema, 'zendesk/api/audits_104_malformed_status.json'],
  ['zendesk metric set', zendesk.TicketMetricResponseSchema, 'zendesk/api/metrics_103.json'],
  ['zendesk show_many', zendesk.ShowManyResponseSchema, 'zendesk/api/show_many_101_102_103.json'],
  ['zendesk users', zendesk.UsersResponseSchema, 'zendesk/api/users_show_many_1003.json'],
  ['jira changelog', jira.ChangelogPageSchema, 'jira/api/changelog-page.json'],
  ['jira search (jql)', jira.SearchPageSchema, 'jira/api/search-jql-page.json'],
  ['jira search (offset)', jira.SearchPageSchema, 'jira/api/search-offset-page.json'],
  ['jira statuses', jira.StatusListSchema, 'jira/api/statuses.json'],
  ['jira board configuration', jira.BoardConfigurationSchema, 'jira/api/board-configuration.json'],
  ['jira JSM SLA', jira.SlaPageSchema, 'jira/api/jsm-sla.json'],
];

type Json = unknown;
/** Every path to a value in a JSON tree (capped: fixtures are small). */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (value && typeof value === 'object' && out.length < 2000) {
    for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) paths(v, [...prefix, k], out);
  }
  return out;
}

const replacement = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(null, '', 'not-a-date', '2026-13-45T99:99:99Z', -1, 1e300, 'x'.repeat(5000), [], {}, true, '__proto__'),
  fc.anything(),
);

function mutate(doc: Json, at: (string | number)[], op: number, value: unknown): Json {
  if (!at.length) return op === 0 ? value : doc;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of at.slice(0, -1)) {
    // An earlier edit may have replaced this branch: the path no longer exists, nothing to do.
    if (!parent || typeof parent !== 'object') return copy;
    parent = parent[k] as Record<string | number, unknown>;
  }
  if (!parent || typeof parent !== 'object') return copy;
  const last = at[at.length - 1];
  // Own values only: a deleted `toString` key must not read back as Object.prototype's function.
  const current = Object.hasOwn(parent, last) ? parent[last] : undefined;
  if (op === 0) parent[last] = value;
  else if (op === 1) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (op === 2 && Array.isArray(current)) parent[last] = [...current, ...current];
  else if (op === 3) parent[last] = Array.isArray(current) ? [] : [current];
  else parent[last] = typeof current === 'number' ? String(current) : typeof current === 'string' ? Number(current) : value;
  return copy;
}

describe('API payload fuzzing', () => {
  for (const [name, schema, file] of CASES) {
    it(`${name}: the recorded shape parses, and mutations parse or are rejected, never throw`, () => {
      const doc = load(file);
      const clean = schema.safeParse(doc);
      // The malformed-status fixture is there to be partly rejected; all others parse as recorded.
      if (!file.includes('malformed')) expect(clean.success).toBe(true);
      const all = paths(doc);
      let rejected = 0;
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(all.length - 1), fc.nat(4), replacement), { minLength: 1, maxLength: 4 }), (edits) => {
          let mutated = doc;
          for (const [p, op, value] of edits) mutated = mutate(mutated, all[p], op, value);
          const result = schema.safeParse(mutated);
          expect(typeof result.success).toBe('boolean');
          if (!result.success) rejected += 1;
        }),
        { numRuns: 300 },
      );
      // The fuzzer did reach the rejecting side of the schema.
      expect(rejected).toBeGreaterThan(0);
    });
  }
});
