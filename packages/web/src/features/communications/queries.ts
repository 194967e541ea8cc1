// Conversations, their messages and people, and the call settings. The live `conversations` event
// marks 'conversations', 'messages' and 'participants' stale; `presence` marks 'participants'.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';

export const useConversations = (orgId: string) =>
  useQuery({
    queryKey: ['conversations', orgId],
    queryFn: ({ signal }) => call('listConversations', { params: { orgId } }, { signal }),
    refetchInterval: 60_000,
  });

export const useMessages = (orgId: string, conversationId: string, search: string) =>
  useInfiniteQuery({
    queryKey: ['messages', orgId, conversationId, search],
    queryFn: ({ signal, pageParam }) =>
      call(
        'listMessages',
        {
          params: { orgId, conversationId },
          query: { limit: 50, ...(search ? { search } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
        },
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useParticipants = (orgId: string, conversationId: string) =>
  useQuery({
    queryKey: ['participants', orgId, conversationId],
    queryFn: ({ signal }) => call('listParticipants', { params: { orgId, conversationId } }, { signal }),
    // Presence also changes in organizations whose events this stream does not hear.
    refetchInterval: 30_000,
  });

export const useCallSettings = (orgId: string) =>
  useQuery({
    queryKey: ['callSettings', orgId],
    queryFn: ({ signal }) => call('getCallSettings', { params: { orgId } }, { signal }),
  });
