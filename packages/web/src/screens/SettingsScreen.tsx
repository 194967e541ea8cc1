import { useState, type SyntheticEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertPreferences, LicenseStatus, Organization } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { sessionKey, useOrg } from '../auth/session.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { PasswordInput } from '../ui/PasswordInput.tsx';
import { PasswordMeter } from '../ui/PasswordMeter.tsx';
import { ApiTokensPanel } from './ApiTokensPanel.tsx';

const tabs = ['My Account', 'Organization', 'API tokens'] as const;

export function SettingsScreen() {
  const { session, can } = useOrg();
  const enterprise = session.currentOrg?.kind === 'enterprise';
  const shown = [...tabs.filter((t) => t !== 'API tokens' || can('tokens.manage')), ...(enterprise ? ['Subscription and License' as const] : [])];
  const [tab, setTab] = useState<string>('My Account');
  return (
    <section aria-labelledby="settings-title">
      <div className="screen-head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <div role="tablist" aria-label="Settings" className="tabs">
        {shown.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {tab === 'My Account' && <MyAccount />}
        {tab === 'Organization' && <OrganizationPanel />}
        {tab === 'API tokens' && <ApiTokensPanel />}
        {tab === 'Subscription and License' && <LicensePanel />}
      </div>
    </section>
  );
}

function MyAccount() {
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
          Signed in as <strong>{session.user.email}</strong>
        </p>
        <div className="row">
          <div className="field">
            <label htmlFor="me-first">First name</label>
            <input id="me-first" value={firstName} onChange={(e) => setFirstName(e.target.value)} autoComplete="given-name" />
          </div>
          <div className="field">
            <label htmlFor="me-last">Last name</label>
            <input id="me-last" value={lastName} onChange={(e) => setLastName(e.target.value)} autoComplete="family-name" />
          </div>
        </div>
        <FormError error={error} />
        {saved && <p role="status">Saved.</p>}
        <button type="submit">Save</button>
      </form>
      <h2>SMS text alerts</h2>
      <p>
        Mobile number: <strong data-testid="sms-number">{session.user.smsNumber ?? 'none'}</strong>{' '}
        <button type="button" className="secondary" onClick={() => setSmsOpen(true)}>
          Change Number…
        </button>
      </p>
      <AlertPreferencesPanel />
      <h2>Password</h2>
      <button type="button" className="secondary" onClick={() => setPwOpen(true)}>
        Change password…
      </button>
      <SmsDialog open={smsOpen} current={session.user.smsNumber} onClose={() => setSmsOpen(false)} />
      <PasswordDialog open={pwOpen} email={session.user.email} onClose={() => setPwOpen(false)} />
    </div>
  );
}

function SmsDialog({ open, current, onClose }: { open: boolean; current: string | null; onClose: () => void }) {
  const client = useQueryClient();
  const [number, setNumber] = useState(current ?? '');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.put('/api/v1/me/sms-number', { smsNumber: number.trim() ? number.replace(/[\s()-]/g, '') : null });
      await client.invalidateQueries({ queryKey: sessionKey });
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title="Change Number" open={open} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="sms">New phone number (international format, e.g. +1 801 555 0100; empty to remove)</label>
          <input id="sms" type="tel" value={number} onChange={(e) => setNumber(e.target.value)} autoComplete="tel" autoFocus />
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit">Change</button>
        </div>
      </form>
    </Dialog>
  );
}

function PasswordDialog({ open, email, onClose }: { open: boolean; email: string; onClose: () => void }) {
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
    <Dialog title="Change password" open={open} onClose={onClose}>
      {done ? (
        <p role="status">Your password is changed.</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <PasswordInput label="Current password" value={current} onChange={setCurrent} autoComplete="current-password" autoFocus />
          <PasswordInput label="New password" value={next} onChange={setNext} autoComplete="new-password" />
          <PasswordMeter password={next} kind="user" userInputs={[email]} />
          <FormError error={error} />
          <button type="submit">Change password</button>
        </form>
      )}
    </Dialog>
  );
}

function OrganizationPanel() {
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const org = useQuery({ queryKey: ['org', orgId], queryFn: ({ signal }) => api.get<Organization>(`/api/v1/orgs/${orgId}`, { signal }) });
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (!org.data) return <p role="status">Loading…</p>;
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
          <label htmlFor="org-name">Organization name</label>
          <input id="org-name" value={name ?? org.data.name} onChange={(e) => setName(e.target.value)} disabled={!can('org.update')} required />
        </div>
        <FormError error={error} />
        {saved && <p role="status">Saved.</p>}
        {can('org.update') && <button type="submit">Save</button>}
      </form>
    </div>
  );
}

function LicensePanel() {
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['license', orgId], queryFn: ({ signal }) => api.get<LicenseStatus>(`/api/v1/orgs/${orgId}/license`, { signal }) });
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
        <dl className="facts" aria-label="License">
          <dt>Device capacity</dt>
          <dd data-testid="capacity">{s.capacity}</dd>
          <dt>License</dt>
          <dd>{s.license ? `${s.license.id} for ${s.license.licensee}, ${String(s.license.devices)} devices` : `None (unlicensed: ${String(s.unlicensedCapacity)} devices)`}</dd>
          {s.license && (
            <>
              <dt>Expires</dt>
              <dd>{s.license.expiresAt ? new Date(s.license.expiresAt).toLocaleDateString() : 'Never'}{s.license.expired ? ' (expired)' : ''}</dd>
            </>
          )}
        </dl>
      )}
      {can('license.manage') && (
        <div className="field">
          <label htmlFor="license-file">Upgrade License: choose the license file</label>
          <input id="license-file" type="file" accept=".license,.json,application/json,text/plain" onChange={(e) => void upload(e.target.files?.[0])} />
        </div>
      )}
      <FormError error={error ?? status.error} />
      {uploaded && <p role="status">License installed.</p>}
    </div>
  );
}

function AlertPreferencesPanel() {
  const { orgId, session } = useOrg();
  const client = useQueryClient();
  const prefs = useQuery({ queryKey: ['alert-prefs'], queryFn: ({ signal }) => api.get<AlertPreferences>('/api/v1/me/alert-preferences', { signal }) });
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
      <h2>Notifications from {session.currentOrg?.name}</h2>
      {mine ? (
        <fieldset>
          <legend>Send me this organization’s alerts by</legend>
          <label className="check">
            <input type="checkbox" checked={mine.email} onChange={(e) => void set({ email: e.target.checked })} /> Email
          </label>
          <label className="check">
            <input type="checkbox" checked={mine.sms} disabled={!session.user.smsNumber} onChange={(e) => void set({ sms: e.target.checked })} /> SMS text
            {!session.user.smsNumber && <span className="muted"> (set a mobile number first)</span>}
          </label>
        </fieldset>
      ) : (
        <p className="muted">{prefs.isPending ? 'Loading…' : 'No alert settings for this organization.'}</p>
      )}
      <FormError error={error ?? prefs.error} />
    </>
  );
}
