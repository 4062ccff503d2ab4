import { useState } from 'react';
import type { FlowPoint, Instance, InstanceKind, Settings } from '../../lib/settings/schema';
import type { Stage } from '../../lib/model';
import { SelectField, Section, TextField } from './Fields';
import type { SectionProps } from './GeneralSections';
import { needsHostPermission } from './instance-input';

const STAGES: readonly Stage[] = ['queued', 'active', 'waiting', 'done'];
const KINDS: readonly { value: InstanceKind; label: string; placeholder: string }[] = [
  { value: 'zendesk', label: 'Zendesk (subdomain)', placeholder: 'acme' },
  { value: 'jira-cloud', label: 'Jira Cloud (site)', placeholder: 'acme' },
  { value: 'jira-server', label: 'Jira self-hosted (URL)', placeholder: 'https://jira.example.com' },
];

export interface InstancesProps extends SectionProps {
  /** Starts the permission request synchronously (user gesture); resolves to an error to show, if any. */
  onAdd: (kind: InstanceKind, address: string) => Promise<string | undefined>;
  onRemove: (inst: Instance) => Promise<string | undefined>;
}

export function InstancesSection(p: InstancesProps) {
  const [kind, setKind] = useState<InstanceKind>('zendesk');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const kindInfo = KINDS.find((k) => k.value === kind)!;

  const add = () => {
    setBusy(true);
    // No await before onAdd: the permission prompt needs this click's user gesture.
    void p.onAdd(kind, address).then((e) => {
      setBusy(false);
      setError(e);
      if (!e) setAddress('');
    });
  };

  return (
    <Section id="instances" title="Instances" description="The Zendesk and Jira sites QueueLens reads. Self-hosted Jira asks for access to that site when added.">
      <ul className="ql-list" data-queuelens="instances">
        {p.draft.instances.length === 0 && <li className="ql-hint">No instances yet: QueueLens still reads any *.zendesk.com and *.atlassian.net page you open.</li>}
        {p.draft.instances.map((inst, i) => (
          <li key={inst.id} className="ql-card" data-queuelens="instance" data-host={inst.host}>
            <div className="ql-row">
              <strong>{inst.label}</strong>
              <span className="ql-hint">
                {KINDS.find((k) => k.value === inst.kind)?.label}
                {needsHostPermission(inst) ? ' · site access granted' : ''}
              </span>
              <button type="button" aria-label={`Remove instance ${inst.host}`} onClick={() => void p.onRemove(inst).then(setError)}>
                Remove
              </button>
            </div>
            <StageMapEditor inst={inst} index={i} {...p} />
          </li>
        ))}
      </ul>
      <form
        className="ql-row ql-add"
        aria-label="Add an instance"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <SelectField label="Kind" name="instanceKind" value={kind} options={KINDS} onChange={(v) => setKind(v as InstanceKind)} />
        <TextField label="Address" name="instanceAddress" placeholder={kindInfo.placeholder} value={address} error={error} onChange={setAddress} />
        <button type="submit" disabled={busy}>
          Add instance
        </button>
      </form>
      <p role="status" className="ql-hint" data-queuelens="instance-status">
        {busy && kind === 'jira-server' ? 'Waiting for you to allow access to this site in the browser’s prompt…' : ''}
      </p>
    </Section>
  );
}

/** Raw status → stage overrides, and where work starts and ends, for one instance. */
function StageMapEditor({ inst, index, update, errors }: SectionProps & { inst: Instance; index: number }) {
  const [status, setStatus] = useState('');
  const [stage, setStage] = useState<Stage>('active');
  const path = `instances.${index}`;
  const setInst = (change: (i: Instance) => Instance) =>
    update((d: Settings) => ({ ...d, instances: d.instances.map((x) => (x.id === inst.id ? change(x) : x)) }));
  const entries = Object.entries(inst.stageMap).sort(([a], [b]) => (a < b ? -1 : 1));

  return (
    <details className="ql-stage-map">
      <summary>Stages and flow points for {inst.host}</summary>
      <table>
        <caption className="ql-visually-hidden">Status to stage mapping for {inst.host}</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Stage</th>
            <th scope="col">
              <span className="ql-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([s, st]) => (
            <tr key={s}>
              <td>{s}</td>
              <td>
                <SelectField
                  label={`Stage of status ${s}`}
                  value={st}
                  options={STAGES.map((x) => ({ value: x, label: x }))}
                  error={errors.get(`${path}.stageMap.${s}`)}
                  onChange={(v) => setInst((i) => ({ ...i, stageMap: { ...i.stageMap, [s]: v as Stage } }))}
                />
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Remove status ${s}`}
                  onClick={() => setInst((i) => ({ ...i, stageMap: Object.fromEntries(Object.entries(i.stageMap).filter(([k]) => k !== s)) }))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="ql-row">
        <TextField label="Status (as the tool shows it)" value={status} onChange={setStatus} />
        <SelectField label="Maps to stage" value={stage} options={STAGES.map((x) => ({ value: x, label: x }))} onChange={(v) => setStage(v as Stage)} />
        <button
          type="button"
          disabled={!status.trim()}
          onClick={() => {
            const key = status.trim().toLowerCase();
            // Object.fromEntries: a status named like a prototype key stays data (validation refuses it).
            setInst((i) => ({ ...i, stageMap: Object.fromEntries([...Object.entries(i.stageMap), [key, stage]]) }));
            setStatus('');
          }}
        >
          Add status mapping
        </button>
      </div>
      <div className="ql-row">
        <FlowPointField label="Work starts (commitment point)" allowCreated value={inst.commitmentPoint} error={errors.get(`${path}.commitmentPoint`) ?? errors.get(`${path}.commitmentPoint.status`)} onChange={(v) => setInst((i) => withPoint(i, 'commitmentPoint', v))} />
        <FlowPointField label="Work is done (done point)" value={inst.donePoint} error={errors.get(`${path}.donePoint`) ?? errors.get(`${path}.donePoint.status`)} onChange={(v) => setInst((i) => withPoint(i, 'donePoint', v))} />
      </div>
    </details>
  );
}

function withPoint(i: Instance, field: 'commitmentPoint' | 'donePoint', v: FlowPoint | undefined): Instance {
  const { [field]: _old, ...rest } = i;
  return v ? { ...rest, [field]: v } : (rest as Instance);
}

function FlowPointField(p: { label: string; value: FlowPoint | undefined; allowCreated?: boolean; error?: string; onChange: (v: FlowPoint | undefined) => void }) {
  const kind = p.value === undefined ? 'default' : p.value.kind === 'stage' ? `stage:${p.value.stage}` : p.value.kind;
  const options = [
    { value: 'default', label: 'Tool default' },
    ...(p.allowCreated ? [{ value: 'created', label: 'At creation' }] : []),
    ...STAGES.map((s) => ({ value: `stage:${s}`, label: `First entry into ${s}` })),
    { value: 'status', label: 'First entry into a status…' },
  ];
  return (
    <>
      <SelectField
        label={p.label}
        value={kind}
        options={options}
        error={p.value?.kind === 'status' ? undefined : p.error}
        onChange={(v) => {
          if (v === 'default') p.onChange(undefined);
          else if (v === 'created') p.onChange({ kind: 'created' });
          else if (v === 'status') p.onChange({ kind: 'status', status: '' });
          else p.onChange({ kind: 'stage', stage: v.slice(6) as Stage });
        }}
      />
      {p.value?.kind === 'status' && (
        <TextField label={`${p.label}: status`} value={p.value.status} error={p.error} onChange={(s) => p.onChange({ kind: 'status', status: s })} />
      )}
    </>
  );
}
