import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { roomKeys } from './keys';
import type { Room } from './types';

export const getRoom = (id: string, signal?: AbortSignal) => api.get<Room>(`/rooms/${encodeURIComponent(id)}`, signal);

export const roomQueryOptions = (id: string) =>
  queryOptions({ queryKey: roomKeys.detail(id), queryFn: ({ signal }) => getRoom(id, signal), refetchInterval: 10_000 });

export function useRoom(id: string) {
  return useQuery(roomQueryOptions(id));
}
