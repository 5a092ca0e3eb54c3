import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { isJoinReady, type JoinResult, type JoinTarget } from './types';

export const joinRoom = (target: JoinTarget, name: string) =>
  api.post<JoinResult>('/join', { ...target, name });

export function useJoinRoom() {
  return useMutation({
    mutationFn: ({ target, name }: { target: JoinTarget; name: string }) => joinRoom(target, name),
  });
}

/**
 * Re-asks to join every `intervalMs` while the meeting waits for a moderator; stops once a
 * join URL arrives or the link turns out to be gone (404). Not cached: join URLs are single-use.
 */
export const waitForMeetingQueryOptions = (target: JoinTarget, name: string, intervalMs: number) =>
  queryOptions({
    queryKey: ['join-attempt', target, name],
    queryFn: () => joinRoom(target, name),
    gcTime: 0,
    staleTime: 0,
    retry: false,
    refetchIntervalInBackground: true,
    refetchInterval: (query) => {
      if (isJoinReady(query.state.data)) return false;
      if (isApiError(query.state.error) && query.state.error.status === 404) return false;
      return intervalMs;
    },
  });

export function useWaitForMeeting(target: JoinTarget, name: string | null, intervalMs: number) {
  return useQuery({ ...waitForMeetingQueryOptions(target, name ?? '', intervalMs), enabled: name !== null });
}
