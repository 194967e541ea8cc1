import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { orgKindLabel } from '../i18n/labels.ts';

/** Choose Organization…: every organization the user can act in, searchable. */
export function ChooseOrgDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { session, replace } = useSession();
  const navigate = useNavigate();
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!session) return null;
  const shown = session.organizations.filter((o) =>
    `${o.name} ${o.parentName ?? ''}`.toLowerCase().includes(filter.toLowerCase()),
  );
  const choose = async (orgId: string) => {
    try {
      replace(await call('switchOrg', { body: { orgId } }));
      onClose();
      void navigate('/');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Dialog title={t('chooseOrg.title')} open={open} onClose={onClose}>
      <input
        type="search"
        aria-label={t('chooseOrg.filter')}
        placeholder={t('chooseOrg.filterPlaceholder')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        autoFocus
      />
      <ul className="choices" aria-label={t('chooseOrg.list')}>
        {shown.map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className="choice"
              aria-current={o.id === session.currentOrg?.id}
              onClick={() => void choose(o.id)}
            >
              <strong>{o.name}</strong>
              <span className="muted">
                {orgKindLabel(t, o)} · {t(`roles.${o.role}`)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="muted">{t('chooseOrg.noMatch', { filter })}</p>}
      <FormError error={error} />
    </Dialog>
  );
}
