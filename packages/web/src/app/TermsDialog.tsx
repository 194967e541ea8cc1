import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { currentTerms } from '@crosspoint/protocol';
import { call } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';

/** Read and accept the Terms of Use and Privacy Policy, once per version. Nothing else works before. */
export function TermsDialog({ open }: { open: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [terms, setTerms] = useState(false);
  const [privacy, setPrivacy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      await call('acceptTerms', { body: currentTerms });
      await client.invalidateQueries();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('terms.title')} open={open} onClose={() => undefined}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="terms-text" tabIndex={0} aria-label={t('terms.textLabel')}>
          <h3>{t('terms.termsHeading', { version: currentTerms.terms })}</h3>
          <p>{t('terms.termsText')}</p>
          <h3>{t('terms.privacyHeading', { version: currentTerms.privacy })}</h3>
          <p>{t('terms.privacyText')}</p>
        </div>
        <label className="check">
          <input type="checkbox" checked={terms} onChange={(e) => setTerms(e.target.checked)} />{' '}
          {t('terms.acceptTerms')}
        </label>
        <label className="check">
          <input type="checkbox" checked={privacy} onChange={(e) => setPrivacy(e.target.checked)} />{' '}
          {t('terms.acceptPrivacy')}
        </label>
        <FormError error={error} />
        <button type="submit" disabled={!terms || !privacy}>
          {t('terms.accept')}
        </button>
      </form>
    </Dialog>
  );
}
