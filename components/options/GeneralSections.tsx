import type { Settings } from '../../lib/settings/schema';
import { CheckboxField, NumberField, SelectField, Section, TextField } from './Fields';
import type { FieldErrors } from './form-errors';

export interface SectionProps {
  draft: Settings;
  update: (change: (d: Settings) => Settings) => void;
  errors: FieldErrors;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

export function AgeSection({ draft, update, errors }: SectionProps) {
  return (
    <Section id="ages" title="Age thresholds" description="Badge colours: older than the first is a warning, older than the second an alert.">
      <NumberField
        label="Warn after (days)"
        name="warnDays"
        min={0}
        step={0.5}
        value={draft.thresholds.warnDays}
        error={errors.get('thresholds.warnDays')}
        onChange={(v) => update((d) => ({ ...d, thresholds: { ...d.thresholds, warnDays: v ?? Number.NaN } }))}
      />
      <NumberField
        label="Alert after (days)"
        name="alertDays"
        min={0}
        step={0.5}
        value={draft.thresholds.alertDays}
        error={errors.get('thresholds.alertDays')}
        onChange={(v) => update((d) => ({ ...d, thresholds: { ...d.thresholds, alertDays: v ?? Number.NaN } }))}
      />
      <NumberField
        label="Stalled after (days without activity)"
        name="stalledDays"
        min={1}
        value={draft.stalledDays}
        error={errors.get('stalledDays')}
        onChange={(v) => update((d) => ({ ...d, stalledDays: v ?? Number.NaN }))}
      />
    </Section>
  );
}

export function GoalsSection({ draft, update, errors }: SectionProps) {
  return (
    <Section id="goals" title="Goals" description="Shown in the popup's personal view. Leave empty for no goal.">
      <NumberField
        label="Tickets closed per day"
        name="closedPerDay"
        nullable
        min={0}
        value={draft.goals.closedPerDay}
        error={errors.get('goals.closedPerDay')}
        onChange={(v) => update((d) => ({ ...d, goals: { ...d.goals, closedPerDay: v } }))}
      />
      <NumberField
        label="Tickets closed per week"
        name="closedPerWeek"
        nullable
        min={0}
        value={draft.goals.closedPerWeek}
        error={errors.get('goals.closedPerWeek')}
        onChange={(v) => update((d) => ({ ...d, goals: { ...d.goals, closedPerWeek: v } }))}
      />
    </Section>
  );
}

export function WeekSection({ draft, update, errors }: SectionProps) {
  return (
    <Section id="week" title="Weeks and snapshots" description="A snapshot of every week is stored when the week ends.">
      <SelectField
        label="Week starts on"
        name="weekStartDay"
        value={String(draft.snapshots.weekStartDay)}
        options={WEEKDAYS.map((label, i) => ({ value: String(i), label }))}
        error={errors.get('snapshots.weekStartDay')}
        onChange={(v) => update((d) => ({ ...d, snapshots: { ...d.snapshots, weekStartDay: Number(v) } }))}
      />
      <TextField
        label="Time zone for weeks"
        name="timeZone"
        placeholder={browserZone()}
        hint={`IANA name such as Europe/Berlin. Empty: this browser's zone (${browserZone()}).`}
        value={draft.snapshots.timeZone ?? ''}
        error={errors.get('snapshots.timeZone')}
        onChange={(v) => update((d) => ({ ...d, snapshots: { ...d.snapshots, timeZone: v.trim() === '' ? null : v.trim() } }))}
      />
      <NumberField
        label="Keep history for (months)"
        name="retentionMonths"
        min={1}
        max={120}
        value={draft.retentionMonths}
        error={errors.get('retentionMonths')}
        onChange={(v) => update((d) => ({ ...d, retentionMonths: v ?? Number.NaN }))}
      />
    </Section>
  );
}

export function PrivacySection({ draft, update }: SectionProps) {
  return (
    <Section id="privacy" title="Privacy">
      <CheckboxField
        label="Store ticket titles"
        name="storeTitles"
        hint="When off, titles are neither stored in snapshots nor exported."
        checked={draft.privacy.storeTitles}
        onChange={(v) => update((d) => ({ ...d, privacy: { ...d.privacy, storeTitles: v } }))}
      />
    </Section>
  );
}

export function BackfillSection({ draft, update, errors }: SectionProps) {
  return (
    <Section id="backfill" title="API backfill" description="Reads exact history from the tool's own API, in your session, on the same site.">
      <CheckboxField
        label="Use the API for exact history"
        name="backfillEnabled"
        checked={draft.backfill.enabled}
        onChange={(v) => update((d) => ({ ...d, backfill: { ...d.backfill, enabled: v } }))}
      />
      <NumberField
        label="Requests per minute at most"
        name="requestsPerMinute"
        min={1}
        max={600}
        value={draft.backfill.requestsPerMinute}
        error={errors.get('backfill.requestsPerMinute')}
        onChange={(v) => update((d) => ({ ...d, backfill: { ...d.backfill, requestsPerMinute: v ?? Number.NaN } }))}
      />
    </Section>
  );
}
