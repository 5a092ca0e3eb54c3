import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys } from './keys';
import type { AdminUser, UserRole } from './types';

/** The API refuses (409) when admins try to demote themselves. */
export const updateUserRole = (id: string, role: UserRole) =>
  api.patch<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, { role });

export function useUpdateUserRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: UserRole }) => updateUserRole(id, role),
    onSuccess: (user) => {
      queryClient.setQueryData<AdminUser[]>(adminKeys.users, (users) => users?.map((u) => (u.id === user.id ? user : u)));
      return queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
}
