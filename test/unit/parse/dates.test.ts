import { describe, expect, it } from 'vitest';
import { parseDateText, readDateFromElement } from '../../../lib/parse/dates';

const NOW = new Date(2026, 10, 24, 12, 0, 0).getTime();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const startOfToday = new Date(2026, 10, 24).getTime();

describe('parseDateText', () => {
  it('reads relative dates, past and future', () => {
    expect(parseDateText('5 minutes ago', NOW)).toBe(NOW - 5 * MINUTE);
    expect(parseDateText('an hour ago', NOW)).toBe(NOW - HOUR);
    expect(parseDateText('a day ago', NOW)).toBe(NOW - DAY);
    expect(parseDateText('1.5 hours ago', NOW)).toBe(NOW - 1.5 * HOUR);
    expect(parseDateText('in 2 hours', NOW)).toBe(NOW + 2 * HOUR);
    expect(parseDateText('in a week', NOW)).toBe(NOW + 7 * DAY);
    expect(parseDateText('3h ago', NOW)).toBe(NOW - 3 * HOUR);
    expect(parseDateText('  23 Hours\u00a0ago \n', NOW)).toBe(NOW - 23 * HOUR);
    // Four digits in a relative date are no year.
    expect(parseDateText('1500 minutes ago', NOW)).toBe(NOW - 1500 * MINUTE);
    expect(parseDateText('in 2026 seconds', NOW)).toBe(NOW + 2026 * 1000);
  });

  it('reads the day words', () => {
    expect(parseDateText('now', NOW)).toBe(NOW);
    expect(parseDateText('Just now', NOW)).toBe(NOW);
    expect(parseDateText('today', NOW)).toBe(startOfToday);
    expect(parseDateText('Yesterday', NOW)).toBe(startOfToday - DAY);
    expect(parseDateText('Yesterday at 14:05', NOW)).toBe(startOfToday - DAY + 14 * HOUR + 5 * MINUTE);
    expect(parseDateText('yesterday 9:30', NOW)).toBe(startOfToday - DAY + 9 * HOUR + 30 * MINUTE);
  });

  it('reads absolute dates, with or without a year', () => {
    expect(parseDateText('Aug 10, 2026, 12:44 PM', NOW)).toBe(new Date(2026, 7, 10, 12, 44).getTime());
    expect(parseDateText(' \n Aug 10, 2026,\u00a012:44 PM ', NOW)).toBe(new Date(2026, 7, 10, 12, 44).getTime());
    expect(parseDateText('2026-10-27T12:46:40.000Z', NOW)).toBe(Date.UTC(2026, 9, 27, 12, 46, 40));
    expect(parseDateText('Nov 20', NOW)).toBe(new Date(2026, 10, 20).getTime());
    // Later than tomorrow this year: last year.
    expect(parseDateText('Dec 20', NOW)).toBe(new Date(2025, 11, 20).getTime());
  });

  it('leaves what is no date unread', () => {
    expect(parseDateText('', NOW)).toBeUndefined();
    expect(parseDateText('in progress', NOW)).toBeUndefined();
    expect(parseDateText('5 parsecs ago', NOW)).toBeUndefined();
    expect(parseDateText('agony', NOW)).toBeUndefined();
    expect(parseDateText('yesterday at noon', NOW)).toBeUndefined();
    expect(parseDateText('Jan 1, 1990', NOW)).toBeUndefined();
  });
});

describe('readDateFromElement', () => {
  const cell = (html: string) => {
    const td = document.createElement('td');
    td.innerHTML = html;
    return td;
  };

  it('prefers a <time> datetime, then titles, then the text', () => {
    expect(readDateFromElement(cell('<time datetime="2026-10-27T12:46:40.000Z" title="Oct 1, 2026">Oct 27</time>'), NOW)).toBe(Date.UTC(2026, 9, 27, 12, 46, 40));
    expect(readDateFromElement(cell('<time title="Oct 1, 2026">2 hours ago</time>'), NOW)).toBe(new Date(2026, 9, 1).getTime());
    expect(readDateFromElement(cell('<span>Aug 10, 2026, 12:44 PM</span>'), NOW)).toBe(new Date(2026, 7, 10, 12, 44).getTime());
    expect(readDateFromElement(cell('<span>2 hours ago</span>'), NOW)).toBe(NOW - 2 * HOUR);
    expect(readDateFromElement(null, NOW)).toBeUndefined();
  });
});
