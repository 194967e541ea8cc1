import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { useCallSettings } from './queries.ts';

/**
 * The STUN/TURN servers of the organization's calls (administrators): one server per line, its
 * URL, and for TURN a username and password. Empty: its support organization's, or none.
 */
export function CallSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('comms.callSettings')} open={open} onClose={onClose}>
      {open && <CallSettingsForm onClose={onClose} />}
    </Dialog>
  );
}

function CallSettingsForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { orgId } = useOrg();
  const client = useQueryClient();
  const current = useCallSettings(orgId);
  const own = current.data && current.data.inheritedFrom === null ? current.data : undefined;
  const first = own?.iceServers[0];
  const [urls, setUrls] = useState<string | undefined>(undefined);
  const [username, setUsername] = useState<string | undefined>(undefined);
  const [credential, setCredential] = useState<string | undefined>(undefined);
  const [relay, setRelay] = useState<boolean | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const shownUrls = urls ?? first?.urls.join('\n') ?? '';
  const shownUser = username ?? first?.username ?? '';
  const shownCredential = credential ?? first?.credential ?? '';
  const shownRelay = relay ?? own?.iceTransportPolicy === 'relay';
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const list = shownUrls
      .split(/\s+/)
      .map((u) => u.trim())
      .filter(Boolean);
    try {
      await call('setCallSettings', {
        params: { orgId },
        body: {
          iceServers: list.length
            ? [
                {
                  urls: list,
                  ...(shownUser ? { username: shownUser } : {}),
                  ...(shownCredential ? { credential: shownCredential } : {}),
                },
              ]
            : [],
          iceTransportPolicy: shownRelay ? 'relay' : 'all',
        },
      });
      await client.invalidateQueries({ queryKey: ['callSettings'] });
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack">
      <p className="muted">{t('comms.settings.intro')}</p>
      {current.data?.inheritedFrom && (
        <p className="muted">{t('comms.settings.inherited', { name: current.data.inheritedFrom.name })}</p>
      )}
      <label>
        {t('comms.settings.urls')}
        <textarea
          rows={3}
          value={shownUrls}
          placeholder="turn:turn.example.com:3478?transport=udp"
          onChange={(e) => setUrls(e.target.value)}
        />
      </label>
      <label>
        {t('comms.settings.username')}
        <input value={shownUser} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        {t('comms.settings.credential')}
        <input
          type="password"
          value={shownCredential}
          autoComplete="new-password"
          onChange={(e) => setCredential(e.target.value)}
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={shownRelay} onChange={(e) => setRelay(e.target.checked)} />
        {t('comms.settings.relayOnly')}
      </label>
      <FormError error={error ?? current.error} />
      <span className="actions">
        <button type="submit">{t('common.save')}</button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </span>
    </form>
  );
}
