import { useState, type SyntheticEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import type { AlertPreferences, LicenseStatus, Organization } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { sessionKey, useOrg } from '../auth/session.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { LanguageMenu } from '../app/LanguageMenu.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { PasswordInput } from '../ui/PasswordInput.tsx';
import { PasswordMeter } from '../ui/PasswordMeter.tsx';
import { ApiTokensPanel } from './ApiTokensPanel.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { TextField } from '../ui/TextField.tsx';

const tabs = ['account', 'organization', 'tokens', 'license'] as const;
type Tab = (typeof tabs)[number];

export function SettingsScreen() {
  const { t } = useTranslation();
  const { session, can } = useOrg();
  const enterprise = session.currentOrg?.kind === 'enterprise';
  const shown = tabs.filter(
    (name) => (name !== 'tokens' || can('tokens.manage')) && (name !== 'license' || enterprise),
  );
  const [tab, setTab] = useState<Tab>('account');
  return (
    <section aria-labelledby="settings-title">
      <div className="screen-head">
        <h1 id="settings-title">{t('nav.settings')}</h1>
      </div>
      <Tabs
        label={t('nav.settings')}
        tabs={shown}
        current={tab}
        onChange={setTab}
        labelOf={(name) => t(`settings.tabs.${name}`)}
      >
        {tab === 'account' && <MyAccount />}
        {tab === 'organization' && <OrganizationPanel />}
        {tab === 'tokens' && <ApiTokensPanel />}
        {tab === 'license' && <LicensePanel />}
      </Tabs>
    </section>
  );
}

function MyAccount() {
  const { t } = useTranslation();
  const { session } = useOrg();
  const client = useQueryClient();
  const [firstName, setFirstName] = useState(session.user.firstName);
  const [lastName, setLastName] = useState(session.user.lastName);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [smsOpen, setSmsOpen] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const save = async (e: SyntheticEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      await api.patch('/api/v1/me', { firstName, lastName });
      await client.invalidateQueries({ queryKey: sessionKey });
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="card">
      <form onSubmit={(e) => void save(e)} className="form">
        <p>
          <Trans
            i18nKey="settings.signedInAs"
            values={{ email: session.user.email }}
            components={{ strong: <strong /> }}
          />
        </p>
        <div className="row">
          <div className="field">
            <label htmlFor="me-first">{t('common.firstName')}</label>
            <input
              id="me-first"
              value={firstName}
              onChange={(e) => setFirstName(e.target.value)}
              autoComplete="given-name"
            />
          </div>
          <div className="field">
            <label htmlFor="me-last">{t('common.lastName')}</label>
            <input
              id="me-last"
              value={lastName}
              onChange={(e) => setLastName(e.target.value)}
              autoComplete="family-name"
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="me-language">{t('settings.language')}</label>
          <LanguageMenu className="" id="me-language" />
          <span className="muted">{t('settings.languageHint')}</span>
        </div>
        <FormError error={error} />
        {saved && <p role="status">{t('common.saved')}</p>}
        <button type="submit">{t('common.save')}</button>
      </form>
      <h2>{t('settings.smsTitle')}</h2>
      <p>
        {t('settings.mobileNumber')}{' '}
        <strong data-testid="sms-number">{session.user.smsNumber ?? t('settings.none')}</strong>{' '}
        {session.user.smsNumber && (
          <span className={session.user.smsVerified ? 'badge ok' : 'badge issue'} data-testid="sms-verified">
            {session.user.smsVerified ? t('settings.verified') : t('settings.notVerified')}
          </span>
        )}{' '}
        <button type="button" className="secondary" onClick={() => setSmsOpen(true)}>
          {session.user.smsPending ? t('settings.enterCode') : t('settings.changeNumber')}
        </button>
      </p>
      {session.user.smsPending && (
        <p className="muted" data-testid="sms-pending">
          {t('settings.pendingNumber', { number: session.user.smsPending.number })}
        </p>
      )}
      <AlertPreferencesPanel />
      <h2>{t('auth.password')}</h2>
      <button type="button" className="secondary" onClick={() => setPwOpen(true)}>
        {t('settings.changePasswordMenu')}
      </button>
      {smsOpen && (
        <SmsDialog
          open
          current={session.user.smsNumber}
          pending={session.user.smsPending}
          onClose={() => setSmsOpen(false)}
        />
      )}
      <PasswordDialog open={pwOpen} email={session.user.email} onClose={() => setPwOpen(false)} />
    </div>
  );
}

type SmsPending = { number: string; expiresAt: string; resendAfter?: string };

/** Change Number: type the number, get a 6-digit code by text, type it in. Until then the old number keeps the alerts. */
function SmsDialog({
  open,
  current,
  pending,
  onClose,
}: {
  open: boolean;
  current: string | null;
  pending: SmsPending | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [number, setNumber] = useState(pending?.number ?? current ?? '');
  const [waiting, setWaiting] = useState<SmsPending | null>(pending);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: sessionKey }),
      client.invalidateQueries({ queryKey: ['alert-prefs'] }),
    ]);
  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const sendCode = () =>
    attempt(async () => {
      const r = await api.put<{ pending: SmsPending | null }>('/api/v1/me/sms-number', {
        smsNumber: number.trim() ? number.replace(/[\s()-]/g, '') : null,
      });
      await refresh();
      setCode('');
      if (r.pending) setWaiting(r.pending);
      else onClose();
    });
  const verify = (e: SyntheticEvent) => {
    e.preventDefault();
    void attempt(async () => {
      await api.post('/api/v1/me/sms-number/verify', { code: code.trim() });
      await refresh();
      setWaiting(null);
      onClose();
    });
  };
  return (
    <Dialog title={t('settings.changeNumberTitle')} open={open} onClose={onClose}>
      {waiting ? (
        <form onSubmit={verify} className="form">
          <p role="status">
            {t('settings.codeSentTo', {
              number: waiting.number,
              time: formatDateTime(waiting.expiresAt, i18n.language),
            })}
          </p>
          <TextField
            id="sms-code"
            label={t('settings.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, ''))}
            required
            autoFocus
          />
          <FormError error={error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setWaiting(null)}>
              {t('settings.otherNumber')}
            </button>
            <button type="button" className="secondary" onClick={() => void sendCode()} disabled={busy}>
              {t('settings.resendCode')}
            </button>
            <button type="submit" disabled={busy || code.length !== 6}>
              {t('settings.verify')}
            </button>
          </div>
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void sendCode();
          }}
          className="form"
        >
          <TextField
            id="sms"
            label={t('settings.newNumber')}
            type="tel"
            value={number}
            onChange={setNumber}
            autoComplete="tel"
            autoFocus
            hint={t('settings.codeWillBeSent')}
          />
          <FormError error={error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" disabled={busy}>
              {number.trim() ? t('settings.sendCode') : t('settings.removeNumber')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function PasswordDialog({ open, email, onClose }: { open: boolean; email: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.put('/api/v1/me/password', { currentPassword: current, newPassword: next });
      setDone(true);
      setCurrent('');
      setNext('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('settings.changePassword')} open={open} onClose={onClose}>
      {done ? (
        <p role="status">{t('settings.passwordChanged')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <PasswordInput
            label={t('settings.currentPassword')}
            value={current}
            onChange={setCurrent}
            autoComplete="current-password"
            autoFocus
          />
          <PasswordInput
            label={t('auth.newPassword')}
            value={next}
            onChange={setNext}
            autoComplete="new-password"
          />
          <PasswordMeter password={next} kind="user" userInputs={[email]} />
          <FormError error={error} />
          <button type="submit">{t('settings.changePassword')}</button>
        </form>
      )}
    </Dialog>
  );
}

function OrganizationPanel() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const org = useQuery({
    queryKey: ['org', orgId],
    queryFn: ({ signal }) => api.get<Organization>(`/api/v1/orgs/${orgId}`, { signal }),
  });
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (!org.data) return <p role="status">{t('common.loading')}</p>;
  const save = async (e: SyntheticEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      await api.patch(`/api/v1/orgs/${orgId}`, { name });
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
            value={name ?? org.data.name}
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

function LicensePanel() {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const status = useQuery({
    queryKey: ['license', orgId],
    queryFn: ({ signal }) => api.get<LicenseStatus>(`/api/v1/orgs/${orgId}/license`, { signal }),
  });
  const [error, setError] = useState<unknown>(null);
  const [uploaded, setUploaded] = useState(false);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setUploaded(false);
    try {
      await api.put(`/api/v1/orgs/${orgId}/license`, { document: await file.text() });
      await client.invalidateQueries({ queryKey: ['license'] });
      setUploaded(true);
    } catch (err) {
      setError(err);
    }
  };
  const s = status.data;
  return (
    <div className="card">
      {s && (
        <dl className="facts" aria-label={t('settings.license')}>
          <dt>{t('settings.capacity')}</dt>
          <dd data-testid="capacity">{s.capacity}</dd>
          <dt>{t('settings.license')}</dt>
          <dd>
            {s.license
              ? t('settings.licenseFor', {
                  id: s.license.id,
                  licensee: s.license.licensee,
                  count: s.license.devices,
                })
              : t('settings.unlicensed', { count: s.unlicensedCapacity })}
          </dd>
          {s.license && (
            <>
              <dt>{t('settings.expires')}</dt>
              <dd>
                {s.license.expiresAt ? formatDate(s.license.expiresAt, i18n.language) : t('common.never')}
                {s.license.expired ? ` ${t('settings.expired')}` : ''}
              </dd>
            </>
          )}
        </dl>
      )}
      {can('license.manage') && (
        <div className="field">
          <label htmlFor="license-file">{t('settings.upload')}</label>
          <input
            id="license-file"
            type="file"
            accept=".license,.json,application/json,text/plain"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
        </div>
      )}
      <FormError error={error ?? status.error} />
      {uploaded && <p role="status">{t('settings.installed')}</p>}
    </div>
  );
}

function AlertPreferencesPanel() {
  const { t } = useTranslation();
  const { orgId, session } = useOrg();
  const client = useQueryClient();
  const prefs = useQuery({
    queryKey: ['alert-prefs'],
    queryFn: ({ signal }) => api.get<AlertPreferences>('/api/v1/me/alert-preferences', { signal }),
  });
  const [error, setError] = useState<unknown>(null);
  const mine = prefs.data?.items.find((p) => p.orgId === orgId);
  const set = async (change: { email?: boolean; sms?: boolean }) => {
    setError(null);
    try {
      await api.put(`/api/v1/me/alert-preferences/${orgId}`, change);
      await client.invalidateQueries({ queryKey: ['alert-prefs'] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <h2>{t('settings.notificationsFrom', { org: session.currentOrg?.name ?? '' })}</h2>
      {mine ? (
        <fieldset>
          <legend>{t('settings.sendAlertsBy')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={mine.email}
              onChange={(e) => void set({ email: e.target.checked })}
            />{' '}
            {t('settings.email')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={mine.sms}
              disabled={!session.user.smsVerified}
              onChange={(e) => void set({ sms: e.target.checked })}
            />{' '}
            {t('settings.smsText')}
            {!session.user.smsVerified && <span className="muted"> {t('settings.setNumberFirst')}</span>}
          </label>
        </fieldset>
      ) : (
        <p className="muted">{prefs.isPending ? t('common.loading') : t('settings.noAlertSettings')}</p>
      )}
      <FormError error={error ?? prefs.error} />
    </>
  );
}
