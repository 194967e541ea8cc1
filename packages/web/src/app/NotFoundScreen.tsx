import { Link, useLocation } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';

export function NotFoundScreen() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <section className="empty-state">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Trans
          i18nKey="notFound.text"
          values={{ pathname }}
          components={{ code: <code />, home: <Link to="/" /> }}
        />
      </p>
    </section>
  );
}
