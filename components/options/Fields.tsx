import { useId, useState, type ReactNode } from 'react';

/**
 * Labelled controls with inline errors: every input has a visible <label>, and an error is tied
 * to its input with aria-describedby + aria-invalid, so screen readers read it with the field.
 */
interface Base {
  label: string;
  error?: string;
  hint?: string;
  name?: string;
}

function Frame({ id, label, error, hint, children }: Base & { id: string; children: ReactNode }) {
  return (
    <div className={`ql-field${error ? ' ql-field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="ql-hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="ql-error" data-queuelens="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

const describedBy = (id: string, p: Base) => [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** `null` when empty if `nullable`, otherwise NaN (which validation reports as "Enter a number."). */
export function NumberField(p: Base & { value: number | null | undefined; onChange: (v: number | null) => void; nullable?: boolean; step?: number; min?: number; max?: number }) {
  const id = useId();
  const shown = p.value === null || p.value === undefined || Number.isNaN(p.value) ? '' : String(p.value);
  return (
    <Frame id={id} {...p}>
      <input
        id={id}
        name={p.name}
        type="number"
        inputMode="decimal"
        step={p.step ?? 1}
        min={p.min}
        max={p.max}
        value={shown}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(id, p)}
        onChange={(e) => p.onChange(e.target.value === '' ? (p.nullable ? null : Number.NaN) : e.target.valueAsNumber)}
      />
    </Frame>
  );
}

export function TextField(p: Base & { value: string; onChange: (v: string) => void; placeholder?: string; multiline?: boolean }) {
  const id = useId();
  const common = {
    id,
    name: p.name,
    value: p.value,
    placeholder: p.placeholder,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': describedBy(id, p),
  } as const;
  return (
    <Frame id={id} {...p}>
      {p.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => p.onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => p.onChange(e.target.value)} />
      )}
    </Frame>
  );
}

/**
 * A text field for a structured value (hours list, holiday list): the text is kept as typed and
 * parsed on every change, so half-typed input is not rewritten under the cursor.
 */
export function ParsedTextField<T>(p: Base & { value: T; format: (v: T) => string; parse: (s: string) => T; onChange: (v: T) => void; placeholder?: string; multiline?: boolean }) {
  const [text, setText] = useState(() => p.format(p.value));
  return (
    <TextField
      {...p}
      value={text}
      onChange={(s) => {
        setText(s);
        p.onChange(p.parse(s));
      }}
    />
  );
}

export function CheckboxField(p: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="ql-field ql-field--check">
      <input id={id} name={p.name} type="checkbox" checked={p.checked} aria-describedby={describedBy(id, p)} onChange={(e) => p.onChange(e.target.checked)} />
      <label htmlFor={id}>{p.label}</label>
      {p.hint && (
        <small id={`${id}-hint`} className="ql-hint">
          {p.hint}
        </small>
      )}
    </div>
  );
}

export function SelectField(p: Base & { value: string; options: readonly { value: string; label: string }[]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <Frame id={id} {...p}>
      <select id={id} name={p.name} value={p.value} aria-invalid={p.error ? true : undefined} aria-describedby={describedBy(id, p)} onChange={(e) => p.onChange(e.target.value)}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A titled section; the heading names the region for assistive technology. */
export function Section({ id, title, children, description }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section className="ql-section" aria-labelledby={`${id}-title`} data-queuelens={`section-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {description && <p className="ql-hint">{description}</p>}
      {children}
    </section>
  );
}
