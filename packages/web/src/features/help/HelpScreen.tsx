import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can as roleCan, roles } from '@crosspoint/protocol';
import { useOrg } from '../../auth/session.tsx';
import { useHelpBodies, type HelpBodies } from './help-bodies.ts';
import { topicBody, topicEditions, visibleTopics, type HelpTopic } from './topics.ts';

/** "Applies to: Cloud edition · Support organization · Owner, Administrator". */
function Scope({ topic }: { topic: HelpTopic }) {
  const { t } = useTranslation();
  const kinds = topic.kinds?.map((k) => t(`orgKind.${k}`)).join(', ') ?? t('help.everyOrg');
  const needs = topic.needs;
  const who = needs
    ? roles
        .filter((r) => roleCan(r, needs))
        .map((r) => t(`roles.${r}`))
        .join(', ')
    : t('help.everyRole');
  return (
    <p className="muted help-scope">
      {t('help.appliesTo')}: {t(`help.edition.${topicEditions(topic)}`)} · {kinds} · {who}
    </p>
  );
}

/** A help page; `bodies` undefined while its language's bodies download (a loading line, not English). */
function Page({ topic, title, bodies }: { topic: HelpTopic; title: string; bodies: HelpBodies | undefined }) {
  const { t, i18n } = useTranslation();
  if (!bodies) {
    return (
      <article className="card" aria-labelledby={`help-${topic.id}`} aria-busy="true">
        <h2 id={`help-${topic.id}`}>{title}</h2>
        <Scope topic={topic} />
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      </article>
    );
  }
  const { body, translated } = topicBody(topic, i18n.language, bodies);
  return (
    <article className="card" aria-labelledby={`help-${topic.id}`}>
      <h2 id={`help-${topic.id}`}>{title}</h2>
      <Scope topic={topic} />
      {!translated && (
        <p className="help-note" role="note">
          {t('help.untranslated')}
        </p>
      )}
      {body.map((p) => (
        <p key={p} lang={translated ? undefined : 'en'}>
          {p}
        </p>
      ))}
    </article>
  );
}

/**
 * Help pages for this edition, organization kind and role: the contents, one page (`?topic=`, what
 * each screen's "?" opens), or the pages matching a search (`?q=`, also from the navigation bar).
 */
export function HelpScreen() {
  const { t, i18n } = useTranslation();
  const { session, can } = useOrg();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const titleOf = (topic: HelpTopic) => t(`help.topics.${topic.id}`, { defaultValue: topic.title });
  const bodies = useHelpBodies(i18n.language);
  const bodyOf = (topic: HelpTopic) => topicBody(topic, i18n.language, bodies ?? {}).body;
  const kind = session.currentOrg?.kind;
  const all = visibleTopics(kind, can, '', titleOf);
  const matches = visibleTopics(kind, can, search, titleOf, bodyOf);
  const chosen = all.find((topic) => topic.id === params.get('topic'));
  const shown = chosen ? [chosen] : search ? matches : [];
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
          {t('help.count', { count: search ? matches.length : all.length })}
        </span>
        {chosen && <Link to="/help">{t('help.allTopics')}</Link>}
      </div>
      <div className="help-layout">
        <nav aria-label={t('help.contents')} className="help-contents">
          <ul>
            {(search ? matches : all).map((topic) => (
              <li key={topic.id}>
                <Link to={`/help?topic=${topic.id}`} aria-current={topic === chosen ? 'page' : undefined}>
                  {titleOf(topic)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="help-pages">
          {shown.map((topic) => (
            <Page key={topic.id} topic={topic} title={titleOf(topic)} bodies={bodies} />
          ))}
        </div>
      </div>
      {search && matches.length === 0 && <p className="empty-state">{t('help.noMatch', { search })}</p>}
    </section>
  );
}
