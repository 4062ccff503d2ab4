import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { SettingsSchema, type Instance, type InstanceKind, type Settings } from '../../lib/settings/schema';
import { loadSettings, saveSettings } from '../../lib/settings/store';
import { PurgeSection, SnapshotNowSection } from './DataSection';
import { fieldErrors, type FieldErrors } from './form-errors';
import { AgeSection, BackfillSection, GoalsSection, PrivacySection, WeekSection } from './GeneralSections';
import { registerJiraScript, releaseAccess, requestAccess, type HostAccessApi } from './host-access';
import { ImportSection } from './ImportSection';
import { instanceFromInput } from './instance-input';
import { InstancesSection } from './InstancesSection';
import { SlaSection } from './SlaSection';
import { TeamSection } from './TeamSection';
import './options.css';

const NO_ERRORS: FieldErrors = new Map();
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The options page. Settings are edited as a draft and saved whole after `SettingsSchema`
 * validates them; problems show next to their fields. Adding or removing an instance is saved
 * at once, because it grants or gives back site access right then.
 */
export function OptionsPage({ hostAccess = browser as unknown as HostAccessApi }: { hostAccess?: HostAccessApi }) {
  const [saved, setSaved] = useState<Settings>();
  const [draft, setDraft] = useState<Settings>();
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    void loadSettings().then((s) => {
      setSaved(s);
      setDraft(s);
    });
  }, []);

  // Once a save failed, re-check on every change so fixed fields lose their error at once.
  const update = (change: (d: Settings) => Settings) =>
    setDraft((d) => {
      if (!d) return d;
      const next = change(d);
      if (errors.size) {
        const r = SettingsSchema.safeParse(next);
        setErrors(r.success ? NO_ERRORS : fieldErrors(r.error.issues));
      }
      return next;
    });

  const save = async () => {
    if (!draft) return;
    const r = SettingsSchema.safeParse(draft);
    if (!r.success) {
      const errs = fieldErrors(r.error.issues);
      setErrors(errs);
      const [path, text] = [...errs][0];
      setStatus({ ok: false, text: `Not saved: ${errs.size} problem${errs.size === 1 ? '' : 's'} (first: ${path} — ${text}).` });
      // Move focus to the first field in error, so keyboard users land where the fix is.
      requestAnimationFrame(() => root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    try {
      await saveSettings(r.data);
      setSaved(r.data);
      setDraft(r.data);
      setErrors(NO_ERRORS);
      setStatus({ ok: true, text: 'Settings saved.' });
    } catch (e) {
      setStatus({ ok: false, text: `Not saved: ${message(e)}` });
    }
  };

  /** Persists an instance change on top of what is stored now (not the unsaved draft). */
  const persistInstances = async (change: (s: Settings) => Settings): Promise<string | undefined> => {
    const next = SettingsSchema.safeParse(change(await loadSettings()));
    if (!next.success) return next.error.issues[0].message;
    await saveSettings(next.data);
    setSaved(next.data);
    return undefined;
  };

  const addInstance = (kind: InstanceKind, address: string): Promise<string | undefined> => {
    const parsed = instanceFromInput(kind, address, draft?.instances ?? []);
    if (!parsed.ok) return Promise.resolve(parsed.error);
    const inst = parsed.instance;
    let asked: Promise<boolean>;
    try {
      asked = requestAccess(hostAccess, inst); // synchronously, inside the click's user gesture
    } catch (e) {
      asked = Promise.reject(e);
    }
    return asked
      .then(async (granted) => {
        if (!granted) return `Access to ${inst.origin} was not granted, so ${inst.host} was not added.`;
        await registerJiraScript(hostAccess, inst);
        const problem = await persistInstances((s) => ({ ...s, instances: [...s.instances, inst] }));
        if (problem) {
          await releaseAccess(hostAccess, inst).catch(() => undefined);
          return problem;
        }
        setDraft((d) => d && { ...d, instances: [...d.instances, inst] });
        setStatus({ ok: true, text: `${inst.host} added.` });
        return undefined;
      })
      .catch((e: unknown) => `Could not add ${inst.host}: ${message(e)}`);
  };

  const removeInstance = async (inst: Instance): Promise<string | undefined> => {
    const users = (draft?.sla.policies ?? []).filter((p) => p.instanceId === inst.id);
    if (users.length) return `SLA policies for ${users.map((p) => p.priority || '(empty)').join(', ')} apply to ${inst.host}: change or remove them first.`;
    let note = '';
    try {
      await releaseAccess(hostAccess, inst);
    } catch (e) {
      note = ` (site access could not be removed: ${message(e)})`;
    }
    const problem = await persistInstances((s) => ({ ...s, instances: s.instances.filter((i) => i.id !== inst.id) }));
    if (problem) return problem;
    setDraft((d) => d && { ...d, instances: d.instances.filter((i) => i.id !== inst.id) });
    setStatus({ ok: true, text: `${inst.host} removed${note}.` });
    return undefined;
  };

  if (!draft || !saved) return <main className="ql-options" aria-busy="true" />;
  const props = { draft, update, errors };
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  return (
    <main className="ql-options" ref={root}>
      <h1>QueueLens options</h1>
      <InstancesSection {...props} onAdd={addInstance} onRemove={removeInstance} />
      <AgeSection {...props} />
      <SlaSection {...props} />
      <TeamSection {...props} />
      <GoalsSection {...props} />
      <WeekSection {...props} />
      <PrivacySection {...props} />
      <BackfillSection {...props} />
      <div className="ql-savebar">
        <button type="button" className="ql-primary" onClick={() => void save()}>
          Save settings
        </button>
        <span role={status && !status.ok ? 'alert' : 'status'} className={status && !status.ok ? 'ql-error' : undefined} data-queuelens="save-status">
          {status?.text ?? (dirty ? 'Unsaved changes.' : '')}
        </span>
      </div>
      <ImportSection settings={saved} />
      <SnapshotNowSection settings={saved} />
      <PurgeSection />
    </main>
  );
}
