import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys } from './keys';
import type { ClusterNode, NodeInput } from './types';

export const createNode = (input: NodeInput) => api.post<ClusterNode>('/admin/nodes', input);

export function useCreateNode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createNode,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.nodes }),
  });
}
