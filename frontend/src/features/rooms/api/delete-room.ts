import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { roomKeys } from './keys';

export const deleteRoom = (id: string) => api.delete(`/rooms/${encodeURIComponent(id)}`);

export function useDeleteRoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteRoom,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: roomKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: roomKeys.list() });
    },
  });
}
