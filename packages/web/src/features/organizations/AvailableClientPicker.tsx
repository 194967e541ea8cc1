import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { FormError } from '../../ui/FormError.tsx';

/**
 * "Choose available client organization": a client organization the signed-in person owns and no
 * support organization looks after (released by its former one) is attached as it is — devices,
 * users and plan — instead of a new one being created. Nothing shows when there is none.
 */
export function AvailableClientPicker({ orgId, onAttached }: { orgId: string; onAttached: () => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const available = useQuery({
    queryKey: ['listAvailableClients', orgId],
    queryFn: ({ signal }) => call('listAvailableClients', { params: { orgId } }, { signal }),
  });
  const items = available.data?.items ?? [];
  if (items.length === 0) return null;
  const attach = async () => {
    setError(null);
    setBusy(true);
    try {
      await call('attachClient', { params: { orgId }, body: { organizationId: chosen } });
      onAttached();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset>
      <legend>{t('wizard.availableLegend')}</legend>
      <p className="muted">{t('wizard.availableHelp')}</p>
      <div className="row">
        <div className="field">
          <label htmlFor="c-available">{t('wizard.availableLabel')}</label>
          <select id="c-available" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('wizard.availableChoose')}</option>
            {items.map((c) => (
              <option key={c.id} value={c.id}>
                {t('wizard.availableOption', {
                  name: c.name,
                  account: c.accountNumber,
                  count: c.proAudioDevices,
                })}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={!chosen || busy} onClick={() => void attach()}>
          {t('wizard.attach')}
        </button>
      </div>
      <FormError error={error} />
      <p>{t('wizard.orCreate')}</p>
    </fieldset>
  );
}
