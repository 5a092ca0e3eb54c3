import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { JoinTarget, PublicRoom } from './types';

function publicRoomPath(target: JoinTarget): string {
  return 'slug' in target
    ? `/public/rooms/${encodeURIComponent(target.slug)}`
    : `/public/moderator/${encodeURIComponent(target.moderator_key)}`;
}

export const getPublicRoom = (target: JoinTarget, signal?: AbortSignal) =>
  api.get<PublicRoom>(publicRoomPath(target), signal);

export const publicRoomQueryOptions = (target: JoinTarget) =>
  queryOptions({
    queryKey: ['public-room', target],
    queryFn: ({ signal }) => getPublicRoom(target, signal),
  });

export function usePublicRoom(target: JoinTarget) {
  return useQuery(publicRoomQueryOptions(target));
}
