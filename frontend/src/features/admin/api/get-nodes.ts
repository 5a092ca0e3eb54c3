import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys } from './keys';
import type { ClusterNode } from './types';

export const NODES_REFRESH_MS = 5000;

export const getNodes = (signal?: AbortSignal) => api.get<ClusterNode[]>('/admin/nodes', signal);

export const nodesQueryOptions = () =>
  queryOptions({ queryKey: adminKeys.nodes, queryFn: ({ signal }) => getNodes(signal), refetchInterval: NODES_REFRESH_MS });

export function useNodes() {
  return useQuery(nodesQueryOptions());
}
