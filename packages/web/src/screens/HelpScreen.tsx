import { useSearchParams } from 'react-router';
import { useOrg } from '../auth/session.tsx';
import { visibleTopics } from '../help/topics.ts';

/** Help pages for this edition, organization kind and role, searchable (also from the navigation bar). */
export function HelpScreen() {
  const { session, can } = useOrg();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const topics = visibleTopics(session.currentOrg?.kind, can, search);
  return (
    <section aria-labelledby="help-title">
      <div className="screen-head">
        <h1 id="help-title">Help</h1>
      </div>
      <div className="toolbar">
        <input
          type="search"
          aria-label="Search help"
          placeholder="Search help"
          value={search}
          onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })}
        />
        <span className="muted" role="status">
          {topics.length} topics
        </span>
      </div>
      {topics.map((t) => (
        <article key={t.id} className="card" aria-labelledby={`help-${t.id}`}>
          <h2 id={`help-${t.id}`}>{t.title}</h2>
          {t.body.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </article>
      ))}
      {topics.length === 0 && <p className="empty-state">No help topic matches “{search}”.</p>}
    </section>
  );
}
