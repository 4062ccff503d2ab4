import type { Annotation } from '../../../lib/model';

const DAY = 86_400_000;

/** A badge's annotation for tests: open 4 days, 5 h in its status (exact), no handoffs. */
export const testAnnotation = (now: number, over: Partial<Annotation> = {}): Annotation => ({
  key: 'zendesk:acme.zendesk.com:1',
  startedAt: now - 4 * DAY,
  statusSince: now - 5 * 3_600_000,
  statusSinceExact: true,
  handoffs: 0,
  lastOwners: [],
  open: true,
  ...over,
});
