import type { Diagnostic } from '../../lib/model';

/** Selector health: adapters that could not read a page say so here, never silently. */
export function HealthWarnings({ problems }: { problems: Diagnostic[] }) {
  if (!problems.length) return null;
  return (
    <section className="ql-health" role="alert" data-queuelens="health">
      {problems.map((p) => (
        <p key={p.id}>
          <strong>{p.problem}</strong>
          <br />
          <span>
            {p.host} · {p.pageKind} · {new Date(p.at).toLocaleString()}
          </span>
        </p>
      ))}
    </section>
  );
}
