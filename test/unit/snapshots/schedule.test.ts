import { describe, expect, it } from 'vitest';
import {
  missedWeeks,
  nextSnapshotDue,
  nextWeek,
  previousWeek,
  snapshotPlan,
  startOfLocalDay,
  weekByLabel,
  weekLabel,
  weekOf,
  weekOfDate,
  weeksInYear,
  zonedParts,
  type WeekRule,
} from '../../../lib/snapshots/schedule';

const ISO = (timeZone: string): WeekRule => ({ weekStartDay: 1, timeZone });
const SUN = (timeZone: string): WeekRule => ({ weekStartDay: 0, timeZone });
const at = (iso: string) => Date.parse(iso);
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('ISO week labels (Monday start)', () => {
  it.each([
    // ISO 8601 reference points in UTC.
    ['2026-01-01T12:00:00Z', '2026-W01'], // Thursday: week 1 of 2026
    ['2025-12-29T00:00:00Z', '2026-W01'], // Monday before: already 2026-W01
    ['2026-12-31T23:59:59Z', '2026-W53'], // 2026 starts on a Thursday: it has 53 weeks
    ['2027-01-03T23:59:59Z', '2026-W53'], // …which run until Sunday 3 January 2027
    ['2027-01-04T00:00:00Z', '2027-W01'],
    ['2021-01-03T12:00:00Z', '2020-W53'], // 2020 (leap, starts Wednesday) has 53 weeks
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2026-11-23T10:00:00Z', '2026-W48'],
  ])('%s → %s', (time, label) => expect(weekLabel(at(time), ISO('UTC'))).toBe(label));

  it('knows which years have 53 weeks', () => {
    expect([2015, 2020, 2026, 2032].map((y) => weeksInYear(y, ISO('UTC')))).toEqual([53, 53, 53, 53]);
    expect([2021, 2024, 2025, 2027].map((y) => weeksInYear(y, ISO('UTC')))).toEqual([52, 52, 52, 52]);
    expect(() => weekByLabel('2025-W53', ISO('UTC'))).toThrow(/no week 53/);
    expect(() => weekByLabel('2026-W00', ISO('UTC'))).toThrow();
    expect(() => weekByLabel('2026-48', ISO('UTC'))).toThrow(/week label/);
  });

  it('round-trips labels across a decade', () => {
    const rule = ISO('UTC');
    let w = weekByLabel('2020-W01', rule);
    let count = 0;
    while (w.year < 2030) {
      expect(weekByLabel(w.label, rule)).toEqual(w);
      expect(weekOf(w.start, rule).label).toBe(w.label);
      expect(weekOf(w.end - 1, rule).label).toBe(w.label);
      const next = nextWeek(w, rule);
      expect(next.start).toBe(w.end);
      expect(previousWeek(next, rule).label).toBe(w.label);
      w = next;
      count++;
    }
    expect(count).toBe(522); // 10 × 52, plus W53 of 2020 and of 2026
  });
});

describe('time zones', () => {
  it('the same instant falls in different weeks east and west of the date line', () => {
    const t = at('2027-01-03T12:00:00Z'); // Sunday noon UTC
    expect(weekLabel(t, ISO('Pacific/Auckland'))).toBe('2027-W01'); // Monday 01:00 NZDT
    expect(weekLabel(t, ISO('America/Los_Angeles'))).toBe('2026-W53'); // Sunday 04:00 PST
    expect(weekLabel(t, ISO('UTC'))).toBe('2026-W53');
  });

  it('weeks start at local midnight', () => {
    const nz = weekByLabel('2027-W01', ISO('Pacific/Auckland'));
    expect(iso(nz.start)).toBe('2027-01-03T11:00:00.000Z'); // 2027-01-04 00:00 +13:00
    const la = weekByLabel('2026-W53', ISO('America/Los_Angeles'));
    expect(iso(la.start)).toBe('2026-12-28T08:00:00.000Z');
    expect(iso(la.end)).toBe('2027-01-04T08:00:00.000Z');
    expect(la.startDate).toBe('2026-12-28');
  });

  it('a zone with a half-hour offset', () => {
    const w = weekByLabel('2026-W10', ISO('Asia/Kolkata'));
    expect(iso(w.start)).toBe('2026-03-01T18:30:00.000Z');
  });

  it('local parts come from Intl', () => {
    expect(zonedParts(at('2026-07-01T00:30:00Z'), 'Pacific/Auckland')).toEqual({ year: 2026, month: 7, day: 1, hour: 12, minute: 30, second: 0 });
  });
});

describe('daylight saving', () => {
  it('Los Angeles spring forward: a 167-hour week', () => {
    const w = weekOf(at('2026-03-09T12:00:00Z'), SUN('America/Los_Angeles')); // DST starts Sun 8 March 02:00
    expect(w.startDate).toBe('2026-03-08');
    expect(iso(w.start)).toBe('2026-03-08T08:00:00.000Z'); // midnight PST
    expect(iso(w.end)).toBe('2026-03-15T07:00:00.000Z'); // midnight PDT
    expect((w.end - w.start) / H).toBe(167);
  });

  it('Los Angeles fall back: a 169-hour week', () => {
    const w = weekByLabel('2026-W45', ISO('America/Los_Angeles')); // DST ends Sun 1 November
    expect((w.end - w.start) / H).toBe(168); // Mon 2 Nov → Mon 9 Nov: after the change
    const before = previousWeek(w, ISO('America/Los_Angeles'));
    expect((before.end - before.start) / H).toBe(169);
  });

  it('Auckland: DST ends 5 April, starts 27 September 2026', () => {
    const april = weekOf(at('2026-04-06T00:00:00Z'), SUN('Pacific/Auckland'));
    expect(april.startDate).toBe('2026-04-05'); // starts at 00:00 NZDT, the clocks go back at 03:00
    expect((april.end - april.start) / H).toBe(169);
    const before = previousWeek(april, SUN('Pacific/Auckland'));
    expect((before.end - before.start) / H).toBe(168);
    const sept = weekByLabel('2026-W39', ISO('Pacific/Auckland')); // Mon 21 → Mon 28 Sept
    expect((sept.end - sept.start) / H).toBe(167);
  });

  it('a day whose midnight does not exist starts when the gap ends (Santiago)', () => {
    // Chile springs forward at 24:00 on Saturday 5 September 2026: Sunday starts at 01:00.
    expect(iso(startOfLocalDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    const w = weekOf(at('2026-09-08T12:00:00Z'), SUN('America/Santiago'));
    expect(iso(w.start)).toBe('2026-09-06T04:00:00.000Z');
    expect((w.end - w.start) / H).toBe(167);
  });

  it('a day whose midnight happens twice starts at the first (Havana)', () => {
    // Cuba falls back at 01:00 to 00:00 on Sunday 1 November 2026.
    const w = weekOf(at('2026-11-03T12:00:00Z'), SUN('America/Havana'));
    expect(iso(w.start)).toBe('2026-11-01T04:00:00.000Z');
    expect((w.end - w.start) / H).toBe(169);
  });
});

describe('other week start days', () => {
  it('Sunday weeks use the same rule shifted (week 1 holds 4th day in Jan 1–7)', () => {
    expect(weekOfDate('2027-01-03', SUN('UTC')).label).toBe('2027-W01');
    expect(weekOfDate('2027-01-02', SUN('UTC')).label).toBe('2026-W52');
    expect(weekOfDate('2026-01-04', SUN('UTC'))).toMatchObject({ label: '2026-W01', startDate: '2026-01-04' });
    expect(weekOf(at('2026-11-29T10:00:00Z'), SUN('UTC')).startDate).toBe('2026-11-29');
    expect(weekOf(at('2026-11-29T10:00:00Z'), ISO('UTC')).startDate).toBe('2026-11-23');
  });

  it('refuses an invalid start day', () => {
    expect(() => weekOf(0, { weekStartDay: 7, timeZone: 'UTC' })).toThrow(RangeError);
  });
});

describe('snapshot plan and catch-up', () => {
  const rule = ISO('America/Los_Angeles');
  const now = at('2026-11-25T18:00:00Z'); // Wednesday of 2026-W48 in LA

  it('nothing missed: next snapshot when the week ends', () => {
    const plan = snapshotPlan('2026-W47', now, rule);
    expect(plan.due).toEqual([]);
    expect(plan.current.label).toBe('2026-W48');
    expect(iso(plan.nextAt)).toBe('2026-11-30T08:00:00.000Z'); // Monday 00:00 PST
    expect(nextSnapshotDue('2026-W47', now, rule)).toBe(plan.nextAt);
  });

  it('browser closed for three weeks: every missed week, oldest first, is due now', () => {
    expect(missedWeeks('2026-W44', now, rule).map((w) => w.label)).toEqual(['2026-W45', '2026-W46', '2026-W47']);
    expect(nextSnapshotDue('2026-W44', now, rule)).toBe(now);
  });

  it('just after the week ends, in local time', () => {
    const monday = at('2026-11-30T08:00:00Z'); // 00:00 PST Monday
    expect(missedWeeks('2026-W47', monday - 1, rule)).toEqual([]);
    expect(missedWeeks('2026-W47', monday, rule).map((w) => w.label)).toEqual(['2026-W48']);
  });

  it('across the year boundary and W53', () => {
    const jan = at('2027-01-12T18:00:00Z');
    expect(missedWeeks('2026-W51', jan, rule).map((w) => w.label)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });

  it('first run: only the previous week', () => {
    expect(missedWeeks(undefined, now, rule).map((w) => w.label)).toEqual(['2026-W47']);
  });

  it('caps the catch-up to the most recent weeks', () => {
    const plan = snapshotPlan('2025-W48', now, rule, 4);
    expect(plan.due.map((w) => w.label)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    expect(plan.skipped).toBe(47); // 2025-W49 … 2025-W52 and 2026-W01 … 2026-W43
  });

  it('a snapshot of the current or a future week means nothing is due', () => {
    expect(missedWeeks('2026-W48', now, rule)).toEqual([]);
    expect(missedWeeks('2027-W05', now, rule)).toEqual([]);
  });
});
