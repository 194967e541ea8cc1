import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Search box, filters and the count line above a list. */
export function ListToolbar({
  search,
  onSearch,
  placeholder,
  searchLabel,
  count,
  total,
  shown,
  children,
}: {
  search: string;
  onSearch: (s: string) => void;
  placeholder: string;
  /** e.g. "Search devices". */
  searchLabel: string;
  /** The total as a phrase, e.g. "3 devices" (`t(..., { count: total })`). */
  count: string;
  total: number;
  shown: number;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="toolbar">
      <input
        type="search"
        aria-label={searchLabel}
        placeholder={placeholder}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
      />
      {children}
      <span className="muted" role="status" data-testid="list-count">
        {count}
        {shown < total ? t('list.shown', { count: shown }) : ''}
      </span>
    </div>
  );
}

export function MoreButton({
  hasMore,
  loading,
  onMore,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <button type="button" className="secondary more" onClick={onMore} disabled={loading}>
      {loading ? t('common.loading') : t('list.showMore')}
    </button>
  );
}
