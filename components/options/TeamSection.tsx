import { useState } from 'react';
import { ParsedTextField, SelectField, Section, TextField } from './Fields';
import type { SectionProps } from './GeneralSections';
import { formatCommaList, memberId, parseCommaList } from './lists';

export function TeamSection({ draft, update, errors }: SectionProps) {
  const [name, setName] = useState('');
  const members = draft.team.members;
  return (
    <Section id="team" title="Team" description="Names as the tools show them in the assignee column. Pick yourself for the popup's “mine”.">
      <ul className="ql-list">
        {members.map((m, i) => (
          <li key={m.id} className="ql-card ql-row" data-queuelens="member">
            <TextField
              label="Name"
              value={m.name}
              error={errors.get(`team.members.${i}.name`)}
              onChange={(v) => update((d) => ({ ...d, team: { ...d.team, members: d.team.members.map((x) => (x.id === m.id ? { ...x, name: v } : x)) } }))}
            />
            <ParsedTextField
              label="Other spellings (comma-separated)"
              value={m.aliases}
              format={formatCommaList}
              parse={parseCommaList}
              error={errors.get(`team.members.${i}.aliases`)}
              onChange={(v) => update((d) => ({ ...d, team: { ...d.team, members: d.team.members.map((x) => (x.id === m.id ? { ...x, aliases: v } : x)) } }))}
            />
            <button
              type="button"
              aria-label={`Remove team member ${m.name || m.id}`}
              onClick={() =>
                update((d) => ({ ...d, team: { members: d.team.members.filter((x) => x.id !== m.id), me: d.team.me === m.id ? null : d.team.me } }))
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="ql-row">
        <TextField label="New member's name" value={name} onChange={setName} />
        <button
          type="button"
          disabled={!name.trim()}
          onClick={() => {
            update((d) => ({ ...d, team: { ...d.team, members: [...d.team.members, { id: memberId(name.trim(), d.team.members), name: name.trim(), aliases: [] }] } }));
            setName('');
          }}
        >
          Add team member
        </button>
      </div>
      <SelectField
        label="Me"
        name="me"
        value={draft.team.me ?? ''}
        options={[{ value: '', label: 'Not set' }, ...members.map((m) => ({ value: m.id, label: m.name || m.id }))]}
        error={errors.get('team.me')}
        onChange={(v) => update((d) => ({ ...d, team: { ...d.team, me: v || null } }))}
      />
    </Section>
  );
}
