import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { roomKeys } from './keys';
import type { Room, RoomSettings } from './types';

export type RoomPatch = { name?: string; settings?: Partial<RoomSettings> };

export const updateRoom = (id: string, patch: RoomPatch) => api.patch<Room>(`/rooms/${encodeURIComponent(id)}`, patch);

export function useUpdateRoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: RoomPatch }) => updateRoom(id, patch),
    onSuccess: (room) => {
      queryClient.setQueryData(roomKeys.detail(room.id), room);
      return queryClient.invalidateQueries({ queryKey: roomKeys.list() });
    },
  });
}
