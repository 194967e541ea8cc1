import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { currentMonth, formatMonth, isMonth } from '../usage/month.ts';
import { refreshBilling } from './queries.ts';

interface Progress {
  done: number;
  of: number;
  created: number;
  exists: number;
  nothing: number;
  finished: boolean;
}

/**
 * "Draft invoices for <month>": drafts the month client by client (one request each), so the
 * screen says how far it got ("3 of 12 clients") and a failure stops at the client that failed.
 */
export function DraftInvoices({ clients }: { clients: { id: string; name: string }[] | undefined }) {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(currentMonth);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = progress !== null && !progress.finished;
  const monthName = formatMonth(month, i18n.language);
  const draft = async () => {
    if (!clients) return;
    setError(null);
    const p: Progress = { done: 0, of: clients.length, created: 0, exists: 0, nothing: 0, finished: false };
    setProgress({ ...p });
    try {
      for (const c of clients) {
        const answer = await call('draftInvoices', { params: { orgId }, body: { month, clientIds: [c.id] } });
        p.created += answer.created.length;
        p.exists += answer.skipped.filter((s) => s.reason === 'exists').length;
        p.nothing += answer.skipped.filter((s) => s.reason === 'nothing-to-bill').length;
        p.done += 1;
        setProgress({ ...p });
        if (answer.created.length > 0) void refreshBilling(queryClient);
      }
    } catch (e) {
      setError(e);
    }
    p.finished = true;
    setProgress({ ...p });
    await refreshBilling(queryClient);
  };
  return (
    <div className="toolbar draft-invoices">
      <label>
        {t('billing.draftMonth')}{' '}
        <input
          type="month"
          value={month}
          disabled={running}
          onChange={(e) => {
            if (isMonth(e.target.value)) setMonth(e.target.value);
          }}
        />
      </label>
      <button type="button" disabled={running || !clients} onClick={() => void draft()}>
        {t('billing.draftFor', { month: monthName })}
      </button>
      <span role="status" className="muted">
        {progress &&
          (progress.finished
            ? t('billing.draftDone', {
                created: progress.created,
                exists: progress.exists,
                nothing: progress.nothing,
                done: progress.done,
                count: progress.of,
              })
            : t('billing.draftProgress', { done: progress.done, count: progress.of }))}
      </span>
      <FormError error={error} />
    </div>
  );
}
