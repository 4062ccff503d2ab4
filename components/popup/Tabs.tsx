import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<T extends string> {
  id: T;
  label: string;
}

/**
 * WAI-ARIA tabs with automatic activation: one tab stop, ←/→ (and Home/End) move and select,
 * the panel follows. Panels stay in the DOM order after the tablist (focus order).
 */
export function Tabs<T extends string>(props: { label: string; tabs: TabDef<T>[]; selected: T; onSelect: (id: T) => void; children: ReactNode; idPrefix?: string }) {
  const refs = useRef(new Map<T, HTMLButtonElement | null>());
  const prefix = props.idPrefix ?? 'ql';
  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    const ids = props.tabs.map((t) => t.id);
    const at = ids.indexOf(props.selected);
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = (at + 1) % ids.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + ids.length) % ids.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = ids.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    props.onSelect(ids[next]);
    refs.current.get(ids[next])?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={props.label} className="ql-tabs" onKeyDown={move}>
        {props.tabs.map((t) => {
          const selected = t.id === props.selected;
          return (
            <button
              key={t.id}
              ref={(el) => {
                refs.current.set(t.id, el);
              }}
              type="button"
              role="tab"
              id={`${prefix}-tab-${t.id}`}
              aria-selected={selected}
              aria-controls={`${prefix}-panel-${t.id}`}
              tabIndex={selected ? 0 : -1}
              className="ql-tab"
              data-queuelens={`tab-${t.id}`}
              onClick={() => props.onSelect(t.id)}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${prefix}-panel-${props.selected}`} aria-labelledby={`${prefix}-tab-${props.selected}`} tabIndex={0} className="ql-tabpanel">
        {props.children}
      </div>
    </>
  );
}
