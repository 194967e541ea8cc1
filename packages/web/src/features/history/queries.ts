// The organization's history (the audit log), paged by the hub.
import { useCursorList, type FiltersOf } from '../../ui/useCursorList.ts';

/** The audit log with its search, action prefix and date range; 200 a page, refreshed every 15 s. */
export const useAudit = (orgId: string, filters: FiltersOf<'listAudit'>) =>
  useCursorList('listAudit', { orgId }, filters, 200, 15_000);
