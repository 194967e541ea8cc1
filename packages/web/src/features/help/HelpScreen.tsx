import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { visibleTopics, type HelpTopic } from './topics.ts';

/** Help pages for this edition, organization kind and role, searchable (also from the navigation bar). */
export function HelpScreen() {
  const { t, i18n } = useTranslation();
  const { session, can } = useOrg();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const titleOf = (topic: HelpTopic) => t(`help.topics.${topic.id}`, { defaultValue: topic.title });
  const topics = visibleTopics(session.currentOrg?.kind, can, search, titleOf);
  const englishOnly = !i18n.language.startsWith('en');
  return (
    <section aria-labelledby="help-title">
      <div className="screen-head">
        <h1 id="help-title">{t('help.title')}</h1>
      </div>
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('shell.searchHelp')}
          placeholder={t('shell.searchHelp')}
          value={search}
          onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })}
        />
        <span className="muted" role="status">
          {t('help.count', { count: topics.length })}
        </span>
      </div>
      {englishOnly && topics.length > 0 && <p className="muted">{t('help.englishOnly')}</p>}
      <nav aria-label={t('help.contents')} className="help-contents">
        <ul>
          {topics.map((topic) => (
            <li key={topic.id}>
              <a href={`#help-${topic.id}`}>{titleOf(topic)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {topics.map((topic) => (
        <article key={topic.id} className="card" aria-labelledby={`help-${topic.id}`}>
          <h2 id={`help-${topic.id}`}>{titleOf(topic)}</h2>
          {topic.body.map((p) => (
            <p key={p} lang="en">
              {p}
            </p>
          ))}
        </article>
      ))}
      {topics.length === 0 && <p className="empty-state">{t('help.noMatch', { search })}</p>}
    </section>
  );
}
