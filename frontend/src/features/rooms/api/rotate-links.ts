import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { roomKeys } from './keys';
import type { Room } from './types';

export const rotateLinks = (id: string) => api.post<Room>(`/rooms/${encodeURIComponent(id)}/rotate-links`);

export function useRotateLinks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateLinks,
    onSuccess: (room) => {
      queryClient.setQueryData(roomKeys.detail(room.id), room);
      return queryClient.invalidateQueries({ queryKey: roomKeys.list() });
    },
  });
}
