import type { CSSProperties, ReactNode } from 'react';

export interface Column<T> {
  key: string;
  /** The column's name, in its header. */
  label: string;
  /** Shown in the header instead of the label, e.g. a select-all checkbox with its own name. */
  header?: ReactNode;
  /** Sort key sent to the hub; absent when the column cannot be sorted. */
  sort?: string;
  render: (row: T) => ReactNode;
  /** Style of the column's cell in a row, e.g. a tree's indentation. */
  cellStyle?: (row: T) => CSSProperties;
  /** The cell as text: a dense table shows it on hover when the cell is cut. */
  text?: (row: T) => string;
}

/**
 * Every table of the app: named (`label`, its accessible name), with column headers (`scope="col"`)
 * and a message in place of rows when there are none. When sorting is done by the hub, sortable
 * headers are buttons that toggle the order, and `aria-sort` tells assistive technology which
 * column is sorted.
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
  selected,
  compact = false,
  dense = false,
  headersHidden = false,
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
  onSort?: ((sort: string, order: 'asc' | 'desc') => void) | undefined;
  /** Shown when there are no rows (loading, nothing yet, nothing matches); nothing when absent. */
  empty?: ReactNode;
  /** Marks selected rows (`aria-selected`) when rows can be selected. */
  selected?: (row: T) => boolean;
  /** Tighter cells, for a small table in a card. */
  compact?: boolean;
  /**
   * One line a row, for long lists people scan (devices): long text is cut with "…" and shown
   * whole on hover (the column's `text`).
   */
  dense?: boolean;
  /** Column names for assistive technology only, for a small list whose card says what it is. */
  headersHidden?: boolean;
}) {
  return (
    // A wide table scrolls sideways inside its wrapper: the wrapper takes the focus so the keyboard
    // can scroll it too (WCAG 2.1.1).
    <div className="table-wrap" tabIndex={0}>
      <table
        className={['table', compact ? 'compact' : '', dense ? 'dense' : ''].filter(Boolean).join(' ')}
        aria-label={label}
      >
        <thead className={headersHidden ? 'visually-hidden' : undefined}>
          <tr>
            {columns.map((c) => {
              const active = c.sort !== undefined && c.sort === sort;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : undefined}
                >
                  {c.header ??
                    (c.sort && onSort ? (
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
                    ))}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} aria-selected={selected?.(row)}>
              {columns.map((c) => (
                <td key={c.key} style={c.cellStyle?.(row)} title={dense ? c.text?.(row) : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && empty != null && <div className="empty-state">{empty}</div>}
    </div>
  );
}
