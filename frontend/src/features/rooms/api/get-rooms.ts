import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { roomKeys } from './keys';
import type { Room } from './types';

export const getRooms = (signal?: AbortSignal) => api.get<Room[]>('/rooms', signal);

// Refetch now and then so running/idle badges and participant counts stay current.
export const roomsQueryOptions = () =>
  queryOptions({ queryKey: roomKeys.list(), queryFn: ({ signal }) => getRooms(signal), refetchInterval: 10_000 });

export function useRooms() {
  return useQuery(roomsQueryOptions());
}
