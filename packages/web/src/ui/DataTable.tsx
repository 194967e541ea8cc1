import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  /** Sort key sent to the hub; absent when the column cannot be sorted. */
  sort?: string;
  render: (row: T) => ReactNode;
}

/**
 * A table whose sort is done by the hub: headers are buttons that toggle the order, and
 * `aria-sort` tells assistive technology which column is sorted.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  sort,
  order,
  onSort,
  empty,
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
  onSort?: ((sort: string, order: 'asc' | 'desc') => void) | undefined;
  empty: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = c.sort !== undefined && c.sort === sort;
              return (
                <th key={c.key} scope="col" aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : undefined}>
                  {c.sort && onSort ? (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => onSort(c.sort ?? c.key, active && order === 'asc' ? 'desc' : 'asc')}
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (order === 'desc' ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key}>{c.render(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <div className="empty-state">{empty}</div>}
    </div>
  );
}
