import type { ReactNode } from 'react';

const ALL = '*';

/** "All instances" or one host: the scope picker of the popup and the report. */
export function InstanceSelect(props: { value: string; hosts: string[]; onChange: (host: string) => void; label: ReactNode; hook: string }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} data-queuelens={props.hook}>
        <option value={ALL}>All instances</option>
        {props.hosts.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </label>
  );
}
