import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../../components/options/form-errors';
import { parseHours } from '../../../components/options/lists';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../../lib/settings/schema';

const errorsOf = (s: Settings) => {
  const r = SettingsSchema.safeParse(s);
  return r.success ? new Map<string, string>() : fieldErrors(r.error.issues);
};

describe('options form validation', () => {
  it('names each bad field by its path with a sentence a person understands', () => {
    const errors = errorsOf({
      ...DEFAULT_SETTINGS,
      thresholds: { warnDays: Number.NaN, alertDays: -1 },
      retentionMonths: 0,
      backfill: { enabled: true, requestsPerMinute: 2.5 },
      snapshots: { weekStartDay: 1, timeZone: 'Mars/Olympus' },
    });
    expect(errors.get('thresholds.warnDays')).toBe('Enter a number.');
    expect(errors.get('thresholds.alertDays')).toBe('Must be at least 0.');
    expect(errors.get('retentionMonths')).toBe('Must be at least 1.');
    expect(errors.get('backfill.requestsPerMinute')).toMatch(/whole number|integer/i);
    expect(errors.get('snapshots.timeZone')).toBe('not an IANA time zone');
  });

  it('catches calendar hours typed wrongly and a business-hours policy without a calendar', () => {
    const s: Settings = {
      ...DEFAULT_SETTINGS,
      sla: {
        ...DEFAULT_SETTINGS.sla,
        policies: [{ id: 'policy-1', priority: 'urgent', hours: 'business', resolutionMinutes: 240 }],
        calendars: [
          {
            id: 'calendar-1',
            name: 'Berlin',
            timeZone: 'Europe/Berlin',
            weekly: { mon: parseHours('9:00-17:00'), tue: parseHours('17:00-09:00'), wed: [], thu: [], fri: [], sat: [], sun: [] },
            holidays: ['2026-13-01'],
          },
        ],
      },
    };
    const errors = errorsOf(s);
    expect(errors.get('sla.policies.0.calendarId')).toBe('business-hours policies need a calendar');
    expect(errors.get('sla.calendars.0.weekly.mon.0.start')).toBe('HH:MM (00:00–24:00)');
    expect(errors.get('sla.calendars.0.weekly.tue.0')).toBe('start must be before end');
    expect(errors.get('sla.calendars.0.holidays.0')).toBe('YYYY-MM-DD');
  });

  it('refuses a prototype key as a status name and a "me" who is not on the team', () => {
    const errors = errorsOf({
      ...DEFAULT_SETTINGS,
      instances: [
        {
          id: 'acme', kind: 'zendesk', tool: 'zendesk', host: 'acme.zendesk.com', origin: 'https://acme.zendesk.com', label: 'acme',
          stageMap: Object.fromEntries([['constructor', 'done']]),
        },
      ],
    });
    expect(errors.get('instances.0.stageMap.constructor')).toMatch(/"constructor" cannot be used as a name here/);
    // Cross-references are checked once the fields themselves are valid (zod skips refinements before).
    expect(errorsOf({ ...DEFAULT_SETTINGS, team: { members: [], me: 'ghost' } }).get('team.me')).toBe('no team member ghost');
  });

  it('accepts the defaults unchanged', () => {
    expect(errorsOf(DEFAULT_SETTINGS).size).toBe(0);
  });
});
