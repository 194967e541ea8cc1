import { useQuery } from '@tanstack/react-query';
import type { ReadinessResponse, SystemInfo } from '@crosspoint/protocol';
import { getJson } from '../api/client.ts';
import { formatDuration } from '../format.ts';

/** What this hub is, what it runs on, and whether each dependency answers. Refreshes every 10 s. */
export function SystemScreen() {
  const info = useQuery({
    queryKey: ['system-info'],
    queryFn: ({ signal }) => getJson<SystemInfo>('/api/v1/system/info', { signal }),
  });
  const ready = useQuery({
    queryKey: ['readiness'],
    queryFn: ({ signal }) => getJson<ReadinessResponse>('/readyz', { signal, acceptStatus: [503] }),
    refetchInterval: 10_000,
  });
  const refresh = () => {
    void info.refetch();
    void ready.refetch();
  };
  const busy = info.isFetching || ready.isFetching;

  return (
    <section aria-labelledby="system-title">
      <div className="screen-head">
        <h1 id="system-title">Hub status</h1>
        <button type="button" onClick={refresh} disabled={busy} aria-busy={busy}>
          {busy ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {info.isPending && <p role="status">Loading hub information…</p>}
      {info.isError && (
        <p role="alert" className="error">
          Could not load hub information: {info.error.message}
        </p>
      )}
      {info.data && (
        <dl className="facts" aria-label="Hub facts">
          <dt>Version</dt>
          <dd data-testid="hub-version">{info.data.version}</dd>
          <dt>Database</dt>
          <dd>{info.data.database === 'pglite' ? 'Embedded (PGlite)' : 'PostgreSQL'}</dd>
          <dt>Event bus</dt>
          <dd>{info.data.bus === 'nats' ? 'NATS' : 'In-process'}</dd>
          <dt>Running for</dt>
          <dd title={info.data.startedAt}>{formatDuration(Date.now() - Date.parse(info.data.startedAt))}</dd>
          <dt>Installation</dt>
          <dd>
            <code>{info.data.installationId}</code> since {new Date(info.data.installedAt).toLocaleDateString()}
          </dd>
        </dl>
      )}
      <h2>Dependencies</h2>
      {ready.data && (
        <table className="table" aria-label="Dependencies">
          <thead>
            <tr>
              <th scope="col">Dependency</th>
              <th scope="col">State</th>
              <th scope="col">Latency</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {ready.data.checks.map((c) => (
              <tr key={c.name}>
                <td>{c.name}</td>
                <td>
                  <span className={`badge ${c.ok ? 'ok' : 'down'}`}>{c.ok ? 'Answering' : 'Not answering'}</span>
                </td>
                <td>{c.latencyMs.toFixed(1)} ms</td>
                <td>{c.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ready.isError && (
        <p role="alert" className="error">
          Readiness unknown: {ready.error.message}
        </p>
      )}
      {ready.dataUpdatedAt > 0 && (
        <p className="muted" data-testid="checked-at">
          Checked at {new Date(ready.dataUpdatedAt).toLocaleTimeString()}
        </p>
      )}
    </section>
  );
}
