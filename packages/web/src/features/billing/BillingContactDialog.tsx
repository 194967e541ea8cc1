import { useState, type SyntheticEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invoiceLanguages, languageNames, type BillingContact } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextField } from '../../ui/TextField.tsx';

/** Who a client's invoices and reminders go to, and in which language (from the Organizations table). */
export function BillingContactDialog({
  orgId,
  client,
  onClose,
}: {
  orgId: string;
  client: { id: string; name: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const contact = useQuery({
    queryKey: ['getBillingContact', orgId, client.id],
    queryFn: ({ signal }) =>
      call('getBillingContact', { params: { orgId, clientId: client.id } }, { signal }),
  });
  return (
    <Dialog title={t('billing.contact.titleOf', { name: client.name })} open onClose={onClose}>
      {contact.data ? (
        <ContactForm orgId={orgId} clientId={client.id} initial={contact.data.contact} onClose={onClose} />
      ) : contact.error ? (
        <FormError error={contact.error} />
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </Dialog>
  );
}

function ContactForm({
  orgId,
  clientId,
  initial,
  onClose,
}: {
  orgId: string;
  clientId: string;
  initial: BillingContact | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useOrg();
  const queryClient = useQueryClient();
  const readOnly = !can('billing.manage');
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [language, setLanguage] = useState<BillingContact['language']>(initial?.language ?? 'en');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const answer = await call('setBillingContact', {
        params: { orgId, clientId },
        body: { name: name.trim(), email: email.trim(), language },
      });
      queryClient.setQueryData(['getBillingContact', orgId, clientId], answer);
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {!initial && <p className="muted">{t('billing.contact.none')}</p>}
      <TextField
        id="contact-name"
        label={t('common.name')}
        value={name}
        onChange={setName}
        required
        maxLength={200}
        readOnly={readOnly}
        autoComplete="name"
      />
      <TextField
        id="contact-email"
        label={t('billing.contact.email')}
        type="email"
        value={email}
        onChange={setEmail}
        required
        readOnly={readOnly}
        autoComplete="email"
      />
      <div className="field">
        <label htmlFor="contact-language">{t('billing.contact.language')}</label>
        <select
          id="contact-language"
          value={language}
          disabled={readOnly}
          onChange={(e) => {
            const v = invoiceLanguages.find((l) => l === e.target.value);
            if (v) setLanguage(v);
          }}
        >
          {invoiceLanguages.map((l) => (
            <option key={l} value={l} lang={l}>
              {languageNames[l]}
            </option>
          ))}
        </select>
        <span className="muted">{t('billing.contact.languageHint')}</span>
      </div>
      <FormError error={error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
        {!readOnly && <button type="submit">{t('billing.contact.save')}</button>}
      </div>
    </form>
  );
}
