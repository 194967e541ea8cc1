import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../ui/CopyButton.tsx';

/** The recovery codes, shown once: to copy or download, each working once instead of the app. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const text = codes.join('\n');
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`${t('twoFactor.recoveryFileTitle')}\n\n${text}\n`)}`;
  return (
    <div>
      <p role="status">{t('twoFactor.recoveryIntro')}</p>
      <ul className="recovery-codes" aria-label={t('twoFactor.recoveryCodes')} data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p className="actions">
        <CopyButton text={text} label={t('twoFactor.copyCodes')} />{' '}
        <a href={download} download="crosspoint-recovery-codes.txt">
          {t('twoFactor.downloadCodes')}
        </a>
      </p>
    </div>
  );
}
