import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys } from './keys';
import type { AdminUser } from './types';

export const getUsers = (signal?: AbortSignal) => api.get<AdminUser[]>('/admin/users', signal);

export const usersQueryOptions = () => queryOptions({ queryKey: adminKeys.users, queryFn: ({ signal }) => getUsers(signal) });

export function useUsers() {
  return useQuery(usersQueryOptions());
}
