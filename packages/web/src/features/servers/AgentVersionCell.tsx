import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerRow } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';

/** Steps after which the agent is busy with an update (it restarts on its own). */
const inProgress = new Set(['downloading', 'installing']);
/** Steps that leave the offered build not installed: a person may try again. */
const notInstalled = new Set(['refused', 'failed', 'rolled-back']);

/**
 * The Servers screen's agent version: the version, "Update available" when this hub offers a newer
 * build, how the agent takes updates (automatically or manually), its latest update step with the
 * reason, and the Update button (docs/agent-install.md § Self-update).
 */
export function AgentVersionCell({
  server,
  manage,
  onUpdated,
}: {
  server: ServerRow;
  manage: boolean;
  onUpdated: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const update = server.update;
  const last = update?.last ?? null;
  const latest = server.latestAgentVersion;
  const updating = last !== null && inProgress.has(last.step) && last.to === latest;
  const retry = last !== null && notInstalled.has(last.step) && last.to === latest;
  const canUpdate =
    manage &&
    server.updateAvailable &&
    update !== null &&
    update.able &&
    !updating &&
    (update.mode === 'manual' || retry);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('updateServerAgent', { params: { orgId: server.organization.id, serverId: server.id } });
      setConfirming(false);
      onUpdated();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="agent-version">
      {server.agentVersion ?? '—'}
      {server.updateAvailable && latest ? (
        <>
          {' '}
          <span className="badge update" title={t('servers.updateTo', { version: latest })}>
            {t('servers.updateAvailable')}
          </span>
        </>
      ) : null}
      {update ? (
        <div className="muted small">
          {update.mode === 'automatic' ? t('servers.agentUpdate.automatic') : t('servers.agentUpdate.manual')}
        </div>
      ) : null}
      {updating ? <div role="status">{t('servers.agentUpdate.updating', { version: last.to })}</div> : null}
      {last && !updating ? (
        <div className={notInstalled.has(last.step) ? 'agent-update-problem' : 'muted small'}>
          {t(`servers.agentUpdate.step.${last.step}`, {
            from: last.from,
            to: last.to,
            at: formatDateTime(last.at, i18n.language),
          })}
          {last.reason ? <span className="muted"> {last.reason}</span> : null}
        </div>
      ) : null}
      {server.updateAvailable && update && !update.able && update.reason ? (
        <div className="muted small">{t('servers.agentUpdate.byHand', { reason: update.reason })}</div>
      ) : null}
      {canUpdate ? (
        <button
          type="button"
          className="link"
          aria-label={t('servers.agentUpdate.buttonOf', { name: server.name })}
          onClick={() => setConfirming(true)}
        >
          {t('servers.agentUpdate.button')}
        </button>
      ) : null}
      {latest ? (
        <Dialog
          title={t('servers.agentUpdate.title', { name: server.name })}
          open={confirming}
          onClose={() => setConfirming(false)}
        >
          <div className="form">
            <p>
              {t('servers.agentUpdate.confirm', {
                from: server.agentVersion ?? '—',
                to: latest,
                name: server.name,
              })}
            </p>
            <FormError error={error} />
            <div className="actions">
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" onClick={() => void start()} disabled={busy}>
                {t('servers.agentUpdate.start')}
              </button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
