import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { roomKeys } from './keys';
import type { Room, RoomInput } from './types';

export const createRoom = (input: RoomInput) => api.post<Room>('/rooms', input);

export function useCreateRoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRoom,
    onSuccess: (room) => {
      queryClient.setQueryData(roomKeys.detail(room.id), room);
      return queryClient.invalidateQueries({ queryKey: roomKeys.list() });
    },
  });
}
