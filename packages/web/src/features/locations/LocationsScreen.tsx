import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Location } from '@crosspoint/protocol';
import { locationKinds } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { toggled } from '../../ui/toggled.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { TreeToggle, treeIndent } from '../../ui/TreeToggle.tsx';
import { locationsKey, useLocations } from './queries.ts';

type Kind = (typeof locationKinds)[number];

/** The organization's places as an expandable tree: region › building › floor › room. */
export function LocationsScreen() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<{ location?: Location; parentId: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useLocations(orgId, { refetchInterval: 30_000 });
  const manage = can('locations.manage');
  const all = list.data?.items ?? [];
  const matches = (l: Location) => l.path.join(' ').toLowerCase().includes(filter.toLowerCase());
  const hiddenByCollapse = (l: Location) => {
    let parent = l.parentId;
    while (parent) {
      if (collapsed.has(parent)) return true;
      parent = all.find((x) => x.id === parent)?.parentId ?? null;
    }
    return false;
  };
  const rows = filter ? all.filter(matches) : all.filter((l) => !hiddenByCollapse(l));
  const hasChildren = (id: string) => all.some((l) => l.parentId === id);
  const toggle = (id: string) => setCollapsed(toggled(collapsed, id));
  const remove = async (l: Location) => {
    if (!window.confirm(t('locations.confirmDelete', { name: l.name }))) return;
    setError(null);
    try {
      await call('deleteLocation', { params: { orgId, locationId: l.id } });
    } catch (e) {
      setError(e);
    }
    await client.invalidateQueries({ queryKey: locationsKey });
  };
  const columns: Column<Location>[] = [
    {
      key: 'name',
      label: t('dashboard.location'),
      cellStyle: (l) => treeIndent(l.path.length - 1),
      render: (l) => (
        <>
          <TreeToggle
            name={l.name}
            expanded={hasChildren(l.id) && !filter ? !collapsed.has(l.id) : undefined}
            onToggle={() => toggle(l.id)}
          />
          {filter ? l.path.join(' › ') : l.name}
        </>
      ),
    },
    { key: 'kind', label: t('locations.kind'), render: (l) => t(`locations.kinds.${l.kind}`) },
    { key: 'timeZone', label: t('locations.timeZone'), render: (l) => l.timeZone ?? '' },
    { key: 'servers', label: t('nav.servers'), render: (l) => l.servers },
    {
      key: 'actions',
      label: t('common.actions'),
      render: (l) =>
        manage && (
          <span className="row-actions">
            <button type="button" className="link" onClick={() => setEditing({ parentId: l.id })}>
              {t('locations.addInside')}
            </button>
            <button
              type="button"
              className="link"
              onClick={() => setEditing({ location: l, parentId: l.parentId })}
            >
              {t('common.edit')}
            </button>
            <button type="button" className="link danger" onClick={() => void remove(l)}>
              {t('common.delete')}
            </button>
          </span>
        ),
    },
  ];
  return (
    <section aria-labelledby="loc-title">
      <div className="screen-head">
        <h1 id="loc-title">{t('nav.locations')}</h1>
        {manage && (
          <button type="button" onClick={() => setEditing({ parentId: null })}>
            {t('locations.add')}
          </button>
        )}
      </div>
      <div className="toolbar">
        <input
          type="search"
          aria-label={t('locations.search')}
          placeholder={t('common.name')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted" role="status">
          {t('locations.count', { count: all.length })}
        </span>
      </div>
      <FormError error={error ?? list.error} />
      <DataTable
        label={t('nav.locations')}
        columns={columns}
        rows={rows}
        rowKey={(l) => l.id}
        empty={list.isPending ? t('common.loading') : filter ? t('locations.noMatch') : t('locations.empty')}
      />
      {editing && (
        <LocationDialog
          orgId={orgId}
          all={all}
          {...editing}
          onClose={() => setEditing(null)}
          onDone={() => void client.invalidateQueries({ queryKey: locationsKey })}
        />
      )}
    </section>
  );
}

function LocationDialog({
  orgId,
  all,
  location,
  parentId,
  onClose,
  onDone,
}: {
  orgId: string;
  all: Location[];
  location?: Location;
  parentId: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(location?.name ?? '');
  const [kind, setKind] = useState<Kind>(location?.kind ?? 'room');
  const [parent, setParent] = useState(parentId ?? '');
  const [timeZone, setTimeZone] = useState(location?.timeZone ?? '');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      const body = { name, kind, parentId: parent || null, timeZone: timeZone.trim() || null };
      if (location) await call('updateLocation', { params: { orgId, locationId: location.id }, body });
      else await call('createLocation', { params: { orgId }, body });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog
      title={location ? t('locations.editTitle', { name: location.name }) : t('locations.add')}
      open
      onClose={onClose}
    >
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="loc-name">{t('common.name')}</label>
          <input id="loc-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="loc-kind">{t('locations.kind')}</label>
            <select id="loc-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {locationKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`locations.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="loc-parent">{t('locations.inside')}</label>
            <select id="loc-parent" value={parent} onChange={(e) => setParent(e.target.value)}>
              <option value="">{t('locations.topLevel')}</option>
              {all
                .filter((l) => l.id !== location?.id)
                .map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.path.join(' › ')}
                  </option>
                ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="loc-zone">{t('locations.timeZone')}</label>
          <input
            id="loc-zone"
            value={timeZone}
            placeholder="Europe/Berlin"
            onChange={(e) => setTimeZone(e.target.value)}
            aria-describedby="loc-zone-hint"
          />
          <span className="muted" id="loc-zone-hint">
            {t('locations.timeZoneHint')}
          </span>
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{location ? t('common.save') : t('common.add')}</button>
        </div>
      </form>
    </Dialog>
  );
}
