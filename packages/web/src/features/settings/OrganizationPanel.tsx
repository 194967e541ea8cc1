import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { useOrganization } from '../organizations/queries.ts';

export function OrganizationPanel() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const org = useOrganization(orgId);
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (!org.data) return <p role="status">{t('common.loading')}</p>;
  // The name as shown: the one typed, or the saved one until then (Save without a change sends it as is).
  const shownName = name ?? org.data.name;
  const save = async (e: SyntheticEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      await call('updateOrganization', { params: { orgId }, body: { name: shownName } });
      await client.invalidateQueries();
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="card">
      <form onSubmit={(e) => void save(e)} className="form">
        <div className="field">
          <label htmlFor="org-name">{t('common.orgName')}</label>
          <input
            id="org-name"
            value={shownName}
            onChange={(e) => setName(e.target.value)}
            disabled={!can('org.update')}
            required
          />
        </div>
        <FormError error={error} />
        {saved && <p role="status">{t('common.saved')}</p>}
        {can('org.update') && <button type="submit">{t('common.save')}</button>}
      </form>
    </div>
  );
}
