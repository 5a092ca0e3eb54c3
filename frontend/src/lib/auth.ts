// Session state shared by every feature: who is signed in, and the calls that change that.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, getAccessToken, onSessionExpired, refreshAccessToken, setAccessToken } from './api-client';

export type Role = 'user' | 'admin';

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at?: string;
};

type AuthResponse = { user: User; access_token: string; expires_in?: number };

export type SignInInput = { email: string; password: string };
export type SignUpInput = { email: string; name: string; password: string };

export const meQueryKey = ['me'] as const;

/** Restores the session from the refresh cookie when there is no token yet; null means signed out. */
async function getCurrentUser(): Promise<User | null> {
  if (!getAccessToken() && !(await refreshAccessToken())) return null;
  return api.get<User>('/me');
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: meQueryKey, queryFn: getCurrentUser, staleTime: Infinity, retry: false });

export function useUser() {
  return useQuery(meQueryOptions());
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => api.post<AuthResponse>('/auth/login', input),
    onSuccess: ({ user, access_token }) => {
      setAccessToken(access_token);
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignUpInput) => api.post<AuthResponse>('/auth/register', input),
    onSuccess: ({ user, access_token }) => {
      setAccessToken(access_token);
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    // Forget the session locally even when the server call fails: the person asked to leave.
    onSettled: () => {
      setAccessToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

/** Signs the person out locally when a refresh fails (expired or revoked session). */
export function useSessionExpiry() {
  const queryClient = useQueryClient();
  useEffect(() => {
    onSessionExpired(() => queryClient.setQueryData(meQueryKey, null));
    return () => onSessionExpired(null);
  }, [queryClient]);
}
