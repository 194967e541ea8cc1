import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type AlertRule } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { statusLabel } from '../../i18n/labels.ts';
import { FormError } from '../../ui/FormError.tsx';
import { RuleDialog } from './RuleDialog.tsx';
import { alertKeys, useAlertRules } from './queries.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';

export function RulesTab() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rules = useAlertRules(orgId);
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
    await client.invalidateQueries({ queryKey: alertKeys.rules });
  };
  const manage = can('alerts.manage');
  const describe = (r: AlertRule) =>
    r.condition.kind === 'device_status'
      ? t('alerts.describe.device', {
          statuses: r.condition.statuses.map((s) => statusLabel(t, s)).join(', '),
        })
      : r.condition.kind === 'server_state'
        ? t('alerts.describe.server', { states: r.condition.states.map((s) => statusLabel(t, s)).join(', ') })
        : r.condition.kind === 'plan_overflow'
          ? t('alerts.describe.planOverflow')
          : r.condition.kind === 'configuration_drift'
            ? t('alerts.describe.configurationDrift')
            : t('alerts.describe.planExpiry');
  const columns: Column<AlertRule>[] = [
    { key: 'name', label: t('common.name'), render: (r) => r.name },
    { key: 'when', label: t('alerts.col.when'), render: describe },
    {
      key: 'delay',
      label: t('alerts.col.forAtLeast'),
      render: (r) =>
        r.delayS ? t('alerts.minutes', { count: Math.round(r.delayS / 60) }) : t('alerts.atOnce'),
    },
    {
      key: 'repeat',
      label: t('alerts.col.repeat'),
      render: (r) =>
        r.repeatS ? t('alerts.everyMinutes', { count: Math.round(r.repeatS / 60) }) : t('alerts.once'),
    },
    {
      key: 'channels',
      label: t('alerts.col.channels'),
      render: (r) => r.channels.map((c) => t(`alerts.channel.${c}`)).join(', '),
    },
    {
      key: 'enabled',
      label: t('common.enabled'),
      render: (r) => (
        <input
          type="checkbox"
          aria-label={t('alerts.enableRule', { name: r.name })}
          checked={r.enabled}
          disabled={!manage}
          onChange={() =>
            void act(() =>
              call('updateAlertRule', { params: { orgId, ruleId: r.id }, body: { enabled: !r.enabled } }),
            )
          }
        />
      ),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      render: (r) =>
        manage && (
          <button
            type="button"
            className="link danger"
            onClick={() => {
              if (window.confirm(t('alerts.confirmDeleteRule', { name: r.name })))
                void act(() => call('deleteAlertRule', { params: { orgId, ruleId: r.id } }));
            }}
          >
            {t('common.delete')}
          </button>
        ),
    },
  ];
  return (
    <>
      {manage && (
        <button type="button" onClick={() => setAdding(true)}>
          {t('alerts.addRule')}
        </button>
      )}
      <FormError error={error ?? rules.error} />
      <DataTable
        label={t('alerts.rulesTable')}
        columns={columns}
        rows={rules.data?.items ?? []}
        rowKey={(r) => r.id}
        empty={rules.data && t('alerts.noRules')}
      />
      {adding && (
        <RuleDialog
          orgId={orgId}
          onClose={() => setAdding(false)}
          onDone={() => void client.invalidateQueries({ queryKey: alertKeys.rules })}
        />
      )}
    </>
  );
}
