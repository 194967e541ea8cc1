import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientRow } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { PlanFields } from './PlanFields.tsx';

export function EditPlanDialog({
  client,
  orgId,
  onClose,
  onSaved,
}: {
  client: ClientRow;
  orgId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [maxDevices, setMaxDevices] = useState(String(client.devicesAllocated));
  const [start, setStart] = useState(client.start);
  const [end, setEnd] = useState(client.end);
  const [reference, setReference] = useState(client.clientReference ?? '');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      await call('updateClientPlan', {
        params: { orgId, clientId: client.id },
        body: { maxDevices: Number(maxDevices), start, end, clientReference: reference || null },
      });
      onSaved();
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('orgs.planOf', { name: client.name })} open onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <PlanFields
          maxDevices={maxDevices}
          setMaxDevices={setMaxDevices}
          start={start}
          setStart={setStart}
          end={end}
          setEnd={setEnd}
        />
        <div className="field">
          <label htmlFor="plan-ref">{t('orgs.clientReference')}</label>
          <input id="plan-ref" value={reference} onChange={(e) => setReference(e.target.value)} />
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{t('orgs.savePlan')}</button>
        </div>
      </form>
    </Dialog>
  );
}
