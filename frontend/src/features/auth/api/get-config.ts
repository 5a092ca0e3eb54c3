import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export type PublicConfig = { registration: 'open' | 'closed'; public_url: string };

export const getConfig = (signal?: AbortSignal) => api.get<PublicConfig>('/config', signal);

export const configQueryOptions = () =>
  queryOptions({ queryKey: ['config'], queryFn: ({ signal }) => getConfig(signal), staleTime: 5 * 60_000 });

export function useConfig() {
  return useQuery(configQueryOptions());
}
