import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessMs,
  businessMsBetween,
  timeZoneOffsetMs,
  weekdayCalendar,
  zonedTimeToEpoch,
  type BusinessCalendar,
} from '../../../lib/metrics';

const H = 3_600_000;
const allDay = [['00:00', '24:00']] as const;
const always = (timeZone: string): BusinessCalendar => ({
  timeZone,
  weeklyHours: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay },
});

describe('time-zone conversion with Intl only', () => {
  it('turns local wall times into instants on both sides of a DST change', () => {
    // Berlin: CET (UTC+1) until 31 Mar 2024 02:00, then CEST (UTC+2).
    expect(zonedTimeToEpoch('Europe/Berlin', 2024, 3, 29, 9)).toBe(Date.UTC(2024, 2, 29, 8));
    expect(zonedTimeToEpoch('Europe/Berlin', 2024, 4, 1, 9)).toBe(Date.UTC(2024, 3, 1, 7));
    // New York: EDT (UTC−4) until 3 Nov 2024 02:00, then EST (UTC−5).
    expect(zonedTimeToEpoch('America/New_York', 2024, 11, 1, 9)).toBe(Date.UTC(2024, 10, 1, 13));
    expect(zonedTimeToEpoch('America/New_York', 2024, 11, 4, 9)).toBe(Date.UTC(2024, 10, 4, 14));
    expect(timeZoneOffsetMs('America/New_York', Date.UTC(2024, 6, 1))).toBe(-4 * H);
  });
});

describe('business hours', () => {
  it('skips the weekend (and a DST change inside it)', () => {
    const ny = weekdayCalendar('America/New_York');
    // Fri 8 Mar 2024 16:00 EST → Mon 11 Mar 10:00 EDT: Friday 16–17 + Monday 9–10.
    const friday = zonedTimeToEpoch('America/New_York', 2024, 3, 8, 16);
    const monday = zonedTimeToEpoch('America/New_York', 2024, 3, 11, 10);
    expect(businessMsBetween(ny, friday, monday)).toBe(2 * H);
    expect(addBusinessMs(ny, friday, 2 * H)).toBe(Date.UTC(2024, 2, 11, 14));
    // A target used up exactly at closing is due at closing, not next morning.
    expect(addBusinessMs(ny, friday, 1 * H)).toBe(Date.UTC(2024, 2, 8, 22));
    // Saturday to Sunday: nothing.
    expect(businessMsBetween(ny, Date.UTC(2024, 2, 9, 15), Date.UTC(2024, 2, 10, 20))).toBe(0);
  });

  it('skips holidays', () => {
    const berlin = weekdayCalendar('Europe/Berlin', ['2024-12-25', '2024-12-26']);
    const tuesday = zonedTimeToEpoch('Europe/Berlin', 2024, 12, 24, 16);
    const friday = zonedTimeToEpoch('Europe/Berlin', 2024, 12, 27, 10);
    expect(businessMsBetween(berlin, tuesday, friday)).toBe(2 * H);
    expect(businessMsBetween(weekdayCalendar('Europe/Berlin'), tuesday, friday)).toBe(18 * H);
    expect(addBusinessMs(berlin, tuesday, 1.5 * H)).toBe(Date.UTC(2024, 11, 27, 8, 30));
  });

  it('gives a round-the-clock calendar 23- and 25-hour days at DST changes', () => {
    const berlin = always('Europe/Berlin');
    const ny = always('America/New_York');
    const day = (cal: BusinessCalendar, y: number, m: number, d: number) =>
      businessMsBetween(cal, zonedTimeToEpoch(cal.timeZone, y, m, d), zonedTimeToEpoch(cal.timeZone, y, m, d + 1));
    expect(day(berlin, 2024, 3, 31)).toBe(23 * H);
    expect(day(berlin, 2024, 10, 27)).toBe(25 * H);
    expect(day(berlin, 2024, 6, 12)).toBe(24 * H);
    expect(day(ny, 2024, 3, 10)).toBe(23 * H);
    expect(day(ny, 2024, 11, 3)).toBe(25 * H);
  });

  it('keeps opening hours in local time across DST', () => {
    const berlin = weekdayCalendar('Europe/Berlin');
    // The working week around 31 Mar 2024: Mon 25 – Fri 29 (CET), Mon 1 Apr (CEST).
    const start = Date.UTC(2024, 2, 25, 0);
    const end = Date.UTC(2024, 3, 2, 0);
    expect(businessMsBetween(berlin, start, end)).toBe(6 * 8 * H);
    // Mon 1 Apr opens at 07:00 UTC, not 08:00.
    expect(businessMsBetween(berlin, Date.UTC(2024, 3, 1, 7), Date.UTC(2024, 3, 1, 8))).toBe(H);
    expect(businessMsBetween(berlin, Date.UTC(2024, 2, 29, 7), Date.UTC(2024, 2, 29, 8))).toBe(0);
  });

  it('is additive, never negative, never more than wall time, and inverted by addBusinessMs (property)', () => {
    const calendars = [weekdayCalendar('Europe/Berlin', ['2024-12-25']), weekdayCalendar('America/New_York', [], '08:30', '18:00')];
    const instant = fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) });
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instant, instant, instant, fc.integer({ min: 1, max: 200 * H }), (cal, x, y, z, amount) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q);
        const ab = businessMsBetween(cal, a, b);
        const bc = businessMsBetween(cal, b, c);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(b - a);
        expect(businessMsBetween(cal, a, c)).toBe(ab + bc);
        const due = addBusinessMs(cal, a, amount);
        expect(businessMsBetween(cal, a, due)).toBe(amount);
        expect(businessMsBetween(cal, a, due - 1)).toBeLessThan(amount);
      }),
      { numRuns: 300 },
    );
  });
});
