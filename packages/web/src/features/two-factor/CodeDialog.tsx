import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { CodeField } from './CodeField.tsx';

/** Asks for a current code (app or recovery) before a change to two-factor sign-in. */
export function CodeDialog({
  title,
  action,
  danger = false,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  action: string;
  danger?: boolean;
  onSubmit: (code: string) => Promise<void>;
  onClose: () => void;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await onSubmit(code.trim());
    } catch (err) {
      setError(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} open onClose={onClose}>
      {children ?? (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <CodeField
            id="two-factor-code"
            label={t('twoFactor.codeOrRecovery')}
            value={code}
            onChange={setCode}
            recovery
            autoFocus
          />
          <FormError error={error} />
          <button type="submit" disabled={busy} className={danger ? 'danger' : undefined}>
            {action}
          </button>
        </form>
      )}
    </Dialog>
  );
}
