import type { ReactNode } from 'react';

/** Search box, filters and the count line above a list. */
export function ListToolbar({
  search,
  onSearch,
  placeholder,
  total,
  shown,
  noun,
  children,
}: {
  search: string;
  onSearch: (s: string) => void;
  placeholder: string;
  total: number;
  shown: number;
  noun: string;
  children?: ReactNode;
}) {
  return (
    <div className="toolbar">
      <input
        type="search"
        aria-label={`Search ${noun}`}
        placeholder={placeholder}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
      />
      {children}
      <span className="muted" role="status" data-testid="list-count">
        {total} {noun}
        {shown < total ? `, ${String(shown)} shown` : ''}
      </span>
    </div>
  );
}

export function MoreButton({ hasMore, loading, onMore }: { hasMore: boolean; loading: boolean; onMore: () => void }) {
  if (!hasMore) return null;
  return (
    <button type="button" className="secondary more" onClick={onMore} disabled={loading}>
      {loading ? 'Loading…' : 'Show more'}
    </button>
  );
}
