import { describe, expect, it } from 'vitest';
import { recordBackfillError } from '../../../lib/background/backfill-health';
import { BackfillError } from '../../../lib/backfill/client';
import { QueueLensDb } from '../../../lib/db/database';
import { adapterProblems } from '../../../lib/queries/queue-summary';

describe('backfill health', () => {
  it('counts rejected API payloads per instance and shows them with the adapter problems', async () => {
    const database = new QueueLensDb(`health-${Math.random()}`);
    const invalid = new BackfillError('invalid', 'tickets[0].status: invalid option', 'https://acme.zendesk.com/api/v2/tickets/show_many.json?ids=1');
    await recordBackfillError(database, 'zendesk', 'acme.zendesk.com', invalid, 1_800_000_000_000);
    await recordBackfillError(database, 'zendesk', 'acme.zendesk.com', invalid, 1_800_000_000_000);
    // A rate limit is transient: retried, not a health problem.
    await recordBackfillError(database, 'zendesk', 'acme.zendesk.com', new BackfillError('rate-limited', '429', 'https://acme.zendesk.com/api/v2/x'), 1_800_000_000_000);
    const problems = await adapterProblems(database, 'acme.zendesk.com');
    expect(problems).toHaveLength(1);
    expect(problems[0].problem).toBe('Zendesk API answer not recognised: 2 rejected so far (last: tickets[0].status: invalid option)');
    await database.delete();
  });
});
