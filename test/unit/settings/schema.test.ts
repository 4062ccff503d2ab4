import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  DEFAULT_SETTINGS,
  flowPointsFor,
  migrateSettings,
  readSettings,
  SettingsSchema,
  SettingsVersionError,
  slaPolicyFor,
  snapshotTimeZone,
  stageOverridesFor,
  type Settings,
} from '../../../lib/settings/schema';
import { loadSettings, saveSettings } from '../../../lib/settings/store';

const V1 = { version: 1, thresholds: { warnDays: 2, alertDays: 9 }, stalledDays: 4, backfill: { enabled: false, requestsPerMinute: 20 } };

const full = (): Settings =>
  SettingsSchema.parse({
    instances: [
      { id: 'acme', kind: 'zendesk', tool: 'zendesk', host: 'acme.zendesk.com', origin: 'https://acme.zendesk.com', label: 'Acme support', stageMap: { 'awaiting vendor': 'waiting' } },
      {
        id: 'corp',
        kind: 'jira-server',
        tool: 'jira',
        host: 'jira.corp.example:8443',
        origin: 'https://jira.corp.example:8443',
        label: 'Corp Jira',
        commitmentPoint: { kind: 'status', status: 'Selected' },
        donePoint: { kind: 'stage', stage: 'done' },
      },
    ],
    sla: {
      calendars: [{ id: 'nz', name: 'Auckland office', timeZone: 'Pacific/Auckland', holidays: ['2026-12-25', '2027-01-01'] }],
      policies: [
        { id: 'urgent-all', priority: 'Urgent', firstReplyMinutes: 60, resolutionMinutes: 480 },
        { id: 'urgent-acme', instanceId: 'acme', priority: 'urgent', firstReplyMinutes: 30, nextReplyMinutes: 60, hours: 'business', calendarId: 'nz' },
      ],
    },
    team: { members: [{ id: 'alice', name: 'Alice Smith', aliases: ['asmith'] }], me: 'alice' },
    goals: { closedPerDay: 8, closedPerWeek: 40 },
    snapshots: { weekStartDay: 0, timeZone: 'America/Los_Angeles' },
    retentionMonths: 12,
    privacy: { storeTitles: false },
  });

describe('settings schema v2', () => {
  it('keeps the v1 fields and defaults, and adds the new ones', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      version: 2,
      thresholds: { warnDays: 3, alertDays: 7 },
      stalledDays: 5,
      backfill: { enabled: true, requestsPerMinute: 60 },
      instances: [],
      sla: { atRiskShare: 0.25, policies: [], calendars: [] },
      team: { members: [], me: null },
      goals: { closedPerDay: null, closedPerWeek: null },
      snapshots: { weekStartDay: 1, timeZone: null },
      retentionMonths: 24,
      privacy: { storeTitles: true },
    });
  });

  it('never assigns a __proto__ key (zod strips it)', () => {
    const raw = JSON.parse(JSON.stringify(full()));
    raw.instances[0].stageMap = JSON.parse('{"__proto__":{"polluted":"done"},"solved":"done"}');
    const map = SettingsSchema.parse(raw).instances[0].stageMap;
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.keys(map)).toEqual(['solved']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a full configuration and fills nested defaults', () => {
    const s = full();
    expect(s.sla.calendars[0].weekly.mon).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(s.sla.calendars[0].weekly.sat).toEqual([]);
    expect(s.sla.policies[0].hours).toBe('calendar');
    expect(s.instances[1].stageMap).toEqual({});
  });

  it.each([
    ['an origin that is not the host', (s: any) => (s.instances[0].origin = 'https://evil.example'), ['instances', 0, 'origin']],
    ['a kind that contradicts the tool', (s: any) => (s.instances[0].kind = 'jira-cloud'), ['instances', 0, 'tool']],
    ['an unknown time zone', (s: any) => (s.sla.calendars[0].timeZone = 'Mars/Olympus'), ['sla', 'calendars', 0, 'timeZone']],
    ['a bad holiday', (s: any) => (s.sla.calendars[0].holidays = ['2026-02-30x']), ['sla', 'calendars', 0, 'holidays', 0]],
    ['hours ending before they start', (s: any) => (s.sla.calendars[0].weekly.mon = [{ start: '17:00', end: '09:00' }]), ['sla', 'calendars', 0, 'weekly', 'mon', 0]],
    ['business hours without a calendar', (s: any) => delete s.sla.policies[1].calendarId, ['sla', 'policies', 1, 'calendarId']],
    ['a policy for a missing instance', (s: any) => (s.sla.policies[1].instanceId = 'gone'), ['sla', 'policies', 1, 'instanceId']],
    ['"me" not on the team', (s: any) => (s.team.me = 'bob'), ['team', 'me']],
    ['duplicate instance ids', (s: any) => (s.instances[1].id = 'acme'), ['instances', 1, 'id']],
    ['a constructor key in a stage map', (s: any) => (s.instances[0].stageMap = { constructor: 'done' }), ['instances', 0, 'stageMap', 'constructor']],
    ['a prototype key in a stage map', (s: any) => (s.instances[0].stageMap = { prototype: 'done' }), ['instances', 0, 'stageMap', 'prototype']],
    ['a week start day of 7', (s: any) => (s.snapshots.weekStartDay = 7), ['snapshots', 'weekStartDay']],
  ])('refuses %s', (_name, edit, path) => {
    const raw = JSON.parse(JSON.stringify(full()));
    edit(raw);
    const r = SettingsSchema.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toContainEqual(path);
  });
});

describe('migrateSettings', () => {
  it('upgrades v1 to v2, keeping every v1 value', () => {
    const s = migrateSettings(V1);
    expect(s.version).toBe(2);
    expect(s).toMatchObject({ thresholds: { warnDays: 2, alertDays: 9 }, stalledDays: 4, backfill: { enabled: false, requestsPerMinute: 20 } });
    expect(s.privacy.storeTitles).toBe(true);
    expect({ ...s, thresholds: DEFAULT_SETTINGS.thresholds, stalledDays: 5, backfill: DEFAULT_SETTINGS.backfill }).toEqual(DEFAULT_SETTINGS);
  });

  it('treats a missing version as v1 and nothing as defaults', () => {
    expect(migrateSettings({ stalledDays: 9 }).stalledDays).toBe(9);
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('passes v2 through and is idempotent', () => {
    const s = full();
    expect(migrateSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(migrateSettings(migrateSettings(V1))).toEqual(migrateSettings(V1));
  });

  it('refuses future versions with a clear error', () => {
    expect(() => migrateSettings({ ...DEFAULT_SETTINGS, version: 3 })).toThrow(SettingsVersionError);
    expect(() => migrateSettings({ version: 3 })).toThrow(/settings version 3 is newer than this QueueLens understands \(2\); update the extension/);
  });

  it.each([[0], ['2'], [1.5], [null]])('refuses unknown version %j', (version) => {
    expect(() => migrateSettings({ version })).toThrow(SettingsVersionError);
  });

  it('refuses non-objects and invalid v1 content', () => {
    expect(() => migrateSettings('settings')).toThrow(SettingsVersionError);
    expect(() => migrateSettings([])).toThrow(SettingsVersionError);
    expect(() => migrateSettings({ version: 1, stalledDays: 0 })).toThrow();
  });
});

describe('readSettings (never throws)', () => {
  it('reads v1, v2 and garbage', () => {
    expect(readSettings(V1).thresholds.alertDays).toBe(9);
    expect(readSettings(full())).toEqual(full());
    expect(readSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the fields that validate when one does not', () => {
    const s = readSettings({ ...V1, stalledDays: -1 });
    expect(s.stalledDays).toBe(5);
    expect(s.thresholds.alertDays).toBe(9);
    const t = readSettings({ ...JSON.parse(JSON.stringify(full())), retentionMonths: 'forever' });
    expect(t.retentionMonths).toBe(24);
    expect(t.instances).toHaveLength(2);
  });

  it('reads what it can from a newer version instead of failing', () => {
    const s = readSettings({ version: 3, stalledDays: 11, somethingNew: true });
    expect(s.version).toBe(2);
    expect(s.stalledDays).toBe(11);
  });

  it('drops dangling references rather than everything', () => {
    const raw = JSON.parse(JSON.stringify(full()));
    raw.team.me = 'ghost';
    const s = readSettings(raw);
    expect(s.team.me).toBeNull();
    expect(s.instances).toHaveLength(2);
  });
});

describe('lookups', () => {
  const s = full();
  it('stage overrides and flow points per host', () => {
    expect(stageOverridesFor(s, 'ACME.zendesk.com')).toEqual({ 'awaiting vendor': 'waiting' });
    expect(stageOverridesFor(s, 'unknown.zendesk.com')).toEqual({});
    expect(flowPointsFor(s, 'acme.zendesk.com', 'zendesk')).toEqual({ commitment: { kind: 'created' }, done: { kind: 'stage', stage: 'done' } });
    expect(flowPointsFor(s, 'x.atlassian.net', 'jira').commitment).toEqual({ kind: 'stage', stage: 'active' });
    expect(flowPointsFor(s, 'jira.corp.example:8443', 'jira').commitment).toEqual({ kind: 'status', status: 'Selected' });
  });
  it('SLA policy: instance-specific first, case-insensitive priority', () => {
    expect(slaPolicyFor(s, 'acme.zendesk.com', 'URGENT')?.id).toBe('urgent-acme');
    expect(slaPolicyFor(s, 'other.zendesk.com', 'urgent')?.id).toBe('urgent-all');
    expect(slaPolicyFor(s, 'acme.zendesk.com', 'low')).toBeUndefined();
    expect(slaPolicyFor(s, 'acme.zendesk.com', null)).toBeUndefined();
  });
  it('snapshot time zone: configured, else the browser’s', () => {
    expect(snapshotTimeZone(s)).toBe('America/Los_Angeles');
    expect(snapshotTimeZone(DEFAULT_SETTINGS)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loads v1 as stored by the first release, and saves v2', async () => {
    await fakeBrowser.storage.local.set({ settings: V1 });
    const s = await loadSettings();
    expect(s.version).toBe(2);
    expect(s.stalledDays).toBe(4);
    await saveSettings(full());
    expect(await loadSettings()).toEqual(full());
  });

  it('refuses to save an invalid object, leaving storage as it was', async () => {
    await saveSettings(full());
    const bad = { ...full(), retentionMonths: 0 };
    await expect(saveSettings(bad)).rejects.toThrow();
    expect((await loadSettings()).retentionMonths).toBe(12);
  });
});
