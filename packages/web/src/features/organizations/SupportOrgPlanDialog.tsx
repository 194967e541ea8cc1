import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * The operator's hand on a support organization: its device pool, and whether it is on trial
 * (until a day) or a paying one. A trial past its last day stops its clients' monitoring.
 */
export function SupportOrgPlanDialog({
  support,
  orgId,
  onClose,
  onSaved,
}: {
  support: Organization;
  orgId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [pool, setPool] = useState(String(support.pool?.total ?? 0));
  const [paying, setPaying] = useState(!support.trial);
  const [trialEnd, setTrialEnd] = useState(support.trial?.end ?? '');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('updateSupportOrg', {
        params: { orgId, supportId: support.id },
        body: { devicePool: Number(pool), trialEnd: paying ? null : trialEnd },
      });
      onSaved();
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('orgs.supportPlanOf', { name: support.name })} open onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <TextField
          id="sp-pool"
          label={t('orgs.licensedDevices')}
          type="number"
          min={support.pool?.allocated ?? 0}
          value={pool}
          onChange={setPool}
          hint={t('orgs.poolHint', { count: support.pool?.allocated ?? 0 })}
          required
        />
        <fieldset>
          <legend>{t('orgs.edition')}</legend>
          <label className="check">
            <input type="radio" name="sp-edition" checked={paying} onChange={() => setPaying(true)} />{' '}
            {t('orgs.paying')}
          </label>
          <label className="check">
            <input type="radio" name="sp-edition" checked={!paying} onChange={() => setPaying(false)} />{' '}
            {t('orgs.onTrial')}
          </label>
          {!paying && (
            <TextField
              id="sp-trial-end"
              label={t('orgs.trialLastDay')}
              type="date"
              value={trialEnd}
              onChange={setTrialEnd}
              hint={t('orgs.trialHint')}
              required
            />
          )}
        </fieldset>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
