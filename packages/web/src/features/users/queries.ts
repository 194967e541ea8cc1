// The organization's users, paged by the hub; mutations invalidate `usersKey`.
import { useCursorList, type FiltersOf } from '../../ui/useCursorList.ts';

/** The first element of the users list's query key (the list's operation id). */
export const usersKey = ['listUsers'] as const;

/** The users with their search, role, status and sort. */
export const useUsers = (orgId: string, filters: FiltersOf<'listUsers'>) =>
  useCursorList('listUsers', { orgId }, filters);
