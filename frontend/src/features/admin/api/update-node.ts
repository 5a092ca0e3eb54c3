import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys } from './keys';
import type { ClusterNode, NodeInput } from './types';

export type NodePatch = Partial<NodeInput>;

/** An empty or missing secret keeps the stored one, so it is left out of the request. */
export const updateNode = (id: string, patch: NodePatch) => {
  const { secret, ...rest } = patch;
  const body = secret ? { ...rest, secret } : rest;
  return api.patch<ClusterNode>(`/admin/nodes/${encodeURIComponent(id)}`, body);
};

export function useUpdateNode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: NodePatch }) => updateNode(id, patch),
    onSuccess: (node) => {
      queryClient.setQueryData<ClusterNode[]>(adminKeys.nodes, (nodes) => nodes?.map((n) => (n.id === node.id ? node : n)));
      return queryClient.invalidateQueries({ queryKey: adminKeys.nodes });
    },
  });
}
