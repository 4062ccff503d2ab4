import type { ReactNode } from 'react';
import { fmtDays } from '../../lib/ui/format';
import { ticketUrl } from '../../lib/ui/format';

/** One figure with its label; `[data-queuelens="stat-<name>"] [data-queuelens="value"]` for tests. */
export function Stat(props: { name: string; label: string; value: string; detail?: string; tone?: 'warn' | 'alert' | 'ok' }) {
  return (
    <div className={`ql-stat ${props.tone ? `ql-stat--${props.tone}` : ''}`} data-queuelens={`stat-${props.name}`}>
      <div className="ql-stat__value" data-queuelens="value">
        {props.value}
      </div>
      <div className="ql-stat__label">{props.label}</div>
      {props.detail && <div className="ql-stat__detail">{props.detail}</div>}
    </div>
  );
}

export function Card(props: { title: string; name: string; children: ReactNode; action?: ReactNode }) {
  const id = `ql-card-${props.name}`;
  return (
    <section className="ql-card" aria-labelledby={id} data-queuelens={`card-${props.name}`}>
      <h2 id={id} className="ql-card__title">
        {props.title}
      </h2>
      {props.children}
      {props.action}
    </section>
  );
}

export interface TicketLinkItem {
  key: string;
  id: string;
  title?: string;
}

/** A ticket as a link into its host tool (new tab); page text is rendered as text only. */
export function TicketLink({ item }: { item: TicketLinkItem }) {
  const href = ticketUrl(item.key);
  const label = `#${item.id}`;
  const text = (
    <>
      <span className="ql-ticket__id">{label}</span>
      {item.title ? <span className="ql-ticket__title"> {item.title}</span> : null}
    </>
  );
  return href ? (
    <a className="ql-ticket" href={href} target="_blank" rel="noopener noreferrer" data-queuelens="ticket-link">
      {text}
    </a>
  ) : (
    <span className="ql-ticket">{text}</span>
  );
}

/** A short list of tickets with one figure each; an empty list says so. */
export function TicketList<T extends TicketLinkItem>(props: { items: T[]; empty: string; figure: (item: T) => string; name: string; label: string }) {
  if (!props.items.length) return <p className="ql-muted">{props.empty}</p>;
  return (
    <ul className="ql-list" aria-label={props.label} data-queuelens={`list-${props.name}`}>
      {props.items.map((item) => (
        <li key={item.key}>
          <TicketLink item={item} />
          <span className="ql-list__figure">{props.figure(item)}</span>
        </li>
      ))}
    </ul>
  );
}

export const ageText = (ms: number) => fmtDays(ms);
