import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys } from './keys';
import type { AdminUser } from './types';

/** Deletes the account and all of its rooms. The API refuses (409) when admins try to delete themselves. */
export const deleteUser = (id: string) => api.delete(`/admin/users/${encodeURIComponent(id)}`);

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteUser,
    onSuccess: (_data, id) => {
      queryClient.setQueryData<AdminUser[]>(adminKeys.users, (users) => users?.filter((u) => u.id !== id));
      return queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
}
