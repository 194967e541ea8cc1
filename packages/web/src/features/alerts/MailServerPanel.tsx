import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { smtpSecurityModes } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { alertKeys, useSmtpSettings } from './queries.ts';
import { formatDateTime } from '../../format.ts';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { TextField } from '../../ui/TextField.tsx';

type Security = (typeof smtpSecurityModes)[number];
const ports: Record<Security, number> = { tls: 465, starttls: 587, none: 25 };

/** Alerts › Email server: which mail server this organization's alert emails go through, and a test button. */
export function MailServerPanel() {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const settings = useSmtpSettings(orgId);
  const server = settings.data?.server ?? null;
  const [host, setHost] = useState('');
  const [port, setPort] = useState('587');
  const [security, setSecurity] = useState<Security>('starttls');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [testTo, setTestTo] = useState('');

  // The form shows the saved server each time the hub sends it (first load, after a save).
  const [shown, setShown] = useState<typeof server>(null);
  if (server !== shown) {
    setShown(server);
    if (server) {
      setHost(server.host);
      setPort(String(server.port));
      setSecurity(server.security);
      setUsername(server.username ?? '');
      setFrom(server.from);
    }
  }

  const run = async (work: () => Promise<string>) => {
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
      setMessage(await work());
      await client.invalidateQueries({ queryKey: alertKeys.smtp });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('updateOrgSmtp', {
        params: { orgId },
        body: {
          host: host.trim(),
          port: Number(port),
          security,
          username: username.trim() ? username.trim() : null,
          ...(password ? { password } : {}),
          from: from.trim(),
        },
      });
      setPassword('');
      return t('alerts.smtp.saved');
    });
  };
  const remove = () =>
    void run(async () => {
      await call('removeOrgSmtp', { params: { orgId } });
      return t('alerts.smtp.removed');
    });
  const test = () =>
    void run(async () => {
      const r = await call('testOrgSmtp', {
        params: { orgId },
        body: testTo.trim() ? { to: testTo.trim() } : {},
      });
      return r.kept ? t('alerts.smtp.testKept', { to: r.to }) : t('alerts.smtp.testSent', { to: r.to });
    });

  const data = settings.data;
  const manage = can('alerts.manage');
  return (
    <>
      {data && (
        <p data-testid="smtp-mode">
          {data.mode === 'custom'
            ? t('alerts.smtp.modeCustom', {
                host: data.server?.host ?? '',
                when: formatDateTime(data.server?.updatedAt ?? '', i18n.language),
                who: data.server?.updatedBy ?? '',
              })
            : data.mode === 'inherited'
              ? t('alerts.smtp.modeInherited', { org: data.inheritedFrom ?? '' })
              : data.defaultConfigured
                ? t('alerts.smtp.modeDefault')
                : t('alerts.smtp.modeOutbox')}
        </p>
      )}
      {manage && (
        <form onSubmit={save} className="form card" aria-label={t('alerts.smtp.formTitle')}>
          <h2>{t('alerts.smtp.formTitle')}</h2>
          <div className="row">
            <TextField
              id="smtp-host"
              label={t('alerts.smtp.host')}
              value={host}
              onChange={setHost}
              required
              placeholder="smtp.example.com"
              autoComplete="off"
            />
            <div className="field">
              <label htmlFor="smtp-security">{t('alerts.smtp.security')}</label>
              <select
                id="smtp-security"
                value={security}
                onChange={(e) => {
                  const next = e.target.value as Security;
                  if (port === String(ports[security])) setPort(String(ports[next]));
                  setSecurity(next);
                }}
              >
                {smtpSecurityModes.map((s) => (
                  <option key={s} value={s}>
                    {t(`alerts.smtp.securityModes.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id="smtp-port"
              label={t('alerts.smtp.port')}
              type="number"
              min={1}
              max={65535}
              value={port}
              onChange={setPort}
              required
            />
          </div>
          <div className="row">
            <TextField
              id="smtp-user"
              label={t('alerts.smtp.username')}
              value={username}
              onChange={setUsername}
              autoComplete="off"
            />
            <PasswordInput
              label={t('alerts.smtp.password')}
              value={password}
              onChange={setPassword}
              autoComplete="new-password"
              required={false}
              placeholder={server?.passwordSet ? t('alerts.smtp.passwordKept') : ''}
            />
          </div>
          <TextField
            id="smtp-from"
            label={t('alerts.smtp.from')}
            value={from}
            onChange={setFrom}
            required
            placeholder="Acme AV <av-alerts@acme.example>"
          />
          <div className="actions">
            {server && (
              <button type="button" className="secondary" onClick={remove} disabled={busy}>
                {t('alerts.smtp.useDefault')}
              </button>
            )}
            <button type="submit" disabled={busy}>
              {t('alerts.smtp.save')}
            </button>
          </div>
        </form>
      )}
      {manage && (
        <div className="form row card">
          <TextField
            id="smtp-test-to"
            label={t('alerts.smtp.testTo')}
            type="email"
            value={testTo}
            onChange={setTestTo}
            placeholder={t('alerts.smtp.testToMe')}
          />
          <button type="button" className="secondary" onClick={test} disabled={busy} aria-busy={busy}>
            {busy ? t('alerts.smtp.testing') : t('alerts.smtp.test')}
          </button>
        </div>
      )}
      {message && <p role="status">{message}</p>}
      <FormError error={error ?? settings.error} />
    </>
  );
}
