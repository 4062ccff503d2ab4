import type { BusinessCalendar, Settings, SlaPolicy } from '../../lib/settings/schema';
import { NumberField, ParsedTextField, SelectField, Section, TextField } from './Fields';
import type { SectionProps } from './GeneralSections';
import { formatHours, formatLines, nextId, parseHours, parseLines } from './lists';

const DAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;

type Sla = Settings['sla'];
const withSla = (update: SectionProps['update'], change: (s: Sla) => Sla) => update((d) => ({ ...d, sla: change(d.sla) }));

export function SlaSection({ draft, update, errors }: SectionProps) {
  const setPolicy = (id: string, change: (p: SlaPolicy) => SlaPolicy) =>
    withSla(update, (s) => ({ ...s, policies: s.policies.map((p) => (p.id === id ? change(p) : p)) }));
  const setCalendar = (id: string, change: (c: BusinessCalendar) => BusinessCalendar) =>
    withSla(update, (s) => ({ ...s, calendars: s.calendars.map((c) => (c.id === id ? change(c) : c)) }));
  const optionalMinutes = (v: number | null) => (v === null ? undefined : v);

  return (
    <Section id="sla" title="SLA policies and business hours" description="Used where the tool shows no SLA of its own. Targets are in minutes.">
      <NumberField
        label="At risk when less than this share is left (0–1)"
        name="atRiskShare"
        step={0.05}
        min={0}
        max={1}
        value={draft.sla.atRiskShare}
        error={errors.get('sla.atRiskShare')}
        onChange={(v) => withSla(update, (s) => ({ ...s, atRiskShare: v ?? Number.NaN }))}
      />
      <h3>Policies</h3>
      <ul className="ql-list">
        {draft.sla.policies.map((p, i) => {
          const at = `sla.policies.${i}`;
          return (
            <li key={p.id} className="ql-card ql-row" data-queuelens="sla-policy">
              <TextField label="Priority" value={p.priority} error={errors.get(`${at}.priority`)} onChange={(v) => setPolicy(p.id, (x) => ({ ...x, priority: v }))} />
              <SelectField
                label="Instance"
                value={p.instanceId ?? ''}
                options={[{ value: '', label: 'Every instance' }, ...draft.instances.map((inst) => ({ value: inst.id, label: inst.label }))]}
                error={errors.get(`${at}.instanceId`)}
                onChange={(v) => setPolicy(p.id, ({ instanceId: _x, ...rest }) => (v ? { ...rest, instanceId: v } : rest))}
              />
              <NumberField label="First reply (min)" nullable value={p.firstReplyMinutes} error={errors.get(`${at}.firstReplyMinutes`)} onChange={(v) => setPolicy(p.id, (x) => ({ ...x, firstReplyMinutes: optionalMinutes(v) }))} />
              <NumberField label="Next reply (min)" nullable value={p.nextReplyMinutes} error={errors.get(`${at}.nextReplyMinutes`)} onChange={(v) => setPolicy(p.id, (x) => ({ ...x, nextReplyMinutes: optionalMinutes(v) }))} />
              <NumberField label="Resolution (min)" nullable value={p.resolutionMinutes} error={errors.get(`${at}.resolutionMinutes`)} onChange={(v) => setPolicy(p.id, (x) => ({ ...x, resolutionMinutes: optionalMinutes(v) }))} />
              <SelectField
                label="Counts"
                value={p.hours}
                options={[
                  { value: 'calendar', label: 'Every hour' },
                  { value: 'business', label: 'Business hours' },
                ]}
                onChange={(v) => setPolicy(p.id, (x) => ({ ...x, hours: v as SlaPolicy['hours'] }))}
              />
              <SelectField
                label="Calendar"
                value={p.calendarId ?? ''}
                options={[{ value: '', label: 'None' }, ...draft.sla.calendars.map((c) => ({ value: c.id, label: c.name }))]}
                error={errors.get(`${at}.calendarId`)}
                onChange={(v) => setPolicy(p.id, ({ calendarId: _x, ...rest }) => (v ? { ...rest, calendarId: v } : rest))}
              />
              <button type="button" aria-label={`Remove SLA policy for priority ${p.priority || '(empty)'}`} onClick={() => withSla(update, (s) => ({ ...s, policies: s.policies.filter((x) => x.id !== p.id) }))}>
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        onClick={() => withSla(update, (s) => ({ ...s, policies: [...s.policies, { id: nextId('policy', s.policies), priority: '', hours: 'calendar' }] }))}
      >
        Add SLA policy
      </button>

      <h3>Business-hours calendars</h3>
      <ul className="ql-list">
        {draft.sla.calendars.map((c, i) => {
          const at = `sla.calendars.${i}`;
          return (
            <li key={c.id} className="ql-card" data-queuelens="calendar">
              <div className="ql-row">
                <TextField label="Calendar name" value={c.name} error={errors.get(`${at}.name`)} onChange={(v) => setCalendar(c.id, (x) => ({ ...x, name: v }))} />
                <TextField label="Time zone" placeholder="Europe/Berlin" value={c.timeZone} error={errors.get(`${at}.timeZone`)} onChange={(v) => setCalendar(c.id, (x) => ({ ...x, timeZone: v.trim() }))} />
                <button type="button" aria-label={`Remove calendar ${c.name || c.id}`} onClick={() => withSla(update, (s) => ({ ...s, calendars: s.calendars.filter((x) => x.id !== c.id) }))}>
                  Remove
                </button>
              </div>
              <div className="ql-row">
                {DAYS.map(([day, label]) => (
                  <ParsedTextField
                    key={day}
                    label={`${label} hours`}
                    placeholder="09:00-17:00"
                    value={c.weekly[day]}
                    format={formatHours}
                    parse={parseHours}
                    error={firstUnder(errors, `${at}.weekly.${day}`)}
                    onChange={(v) => setCalendar(c.id, (x) => ({ ...x, weekly: { ...x.weekly, [day]: v } }))}
                  />
                ))}
              </div>
              <ParsedTextField
                label="Holidays (one YYYY-MM-DD per line)"
                multiline
                value={c.holidays}
                format={formatLines}
                parse={parseLines}
                error={firstUnder(errors, `${at}.holidays`)}
                onChange={(v) => setCalendar(c.id, (x) => ({ ...x, holidays: v }))}
              />
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        onClick={() =>
          withSla(update, (s) => {
            const nineToFive = [{ start: '09:00', end: '17:00' }];
            const cal: BusinessCalendar = {
              id: nextId('calendar', s.calendars),
              name: `Calendar ${s.calendars.length + 1}`,
              timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
              weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
              holidays: [],
            };
            return { ...s, calendars: [...s.calendars, cal] };
          })
        }
      >
        Add calendar
      </button>
    </Section>
  );
}

function firstUnder(errors: ReadonlyMap<string, string>, prefix: string): string | undefined {
  for (const [k, v] of errors) if (k === prefix || k.startsWith(`${prefix}.`)) return v;
  return undefined;
}
