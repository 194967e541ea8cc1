import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { loadHelpBodies } from './help-bodies.ts';
import { topicForPath, visibleTopics } from './topics.ts';

/**
 * The "?" at the top of each screen: opens the help page about this screen, when there is one this
 * organization and role may read (the shell shows it above every screen). Loaded apart from the
 * first download, with the help pages it needs (ScreenHelp).
 */
export default function ScreenHelpLink() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const { session, can } = useOrg();
  const topic = topicForPath(pathname);
  if (!topic || !visibleTopics(session.currentOrg?.kind, can, '').includes(topic)) return null;
  const title = t(`help.topics.${topic.id}`, { defaultValue: topic.title });
  // About to be opened: the page's words in this language start downloading now.
  const prefetch = () => void loadHelpBodies(i18n.language).catch(() => undefined);
  return (
    <Link
      className="screen-help"
      to={`/help?topic=${topic.id}`}
      title={title}
      onPointerEnter={prefetch}
      onFocus={prefetch}
    >
      <span aria-hidden="true">?</span>
      <span className="visually-hidden">{t('help.screenHelp', { title })}</span>
    </Link>
  );
}
