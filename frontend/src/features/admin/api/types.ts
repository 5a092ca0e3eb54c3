export type NodeState = 'enabled' | 'cordoned' | 'disabled';
export type NodeHealth = 'online' | 'offline' | 'unknown';

/** Checksum algorithm Switchboard uses when calling a node's API (BBB accepts all four; older BBB only sha1). */
export const CHECKSUM_ALGORITHMS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];
export const DEFAULT_CHECKSUM_ALGORITHM: ChecksumAlgorithm = 'sha256';

export type ClusterNode = {
  id: string;
  name: string;
  api_url: string;
  capacity: number;
  state: NodeState;
  algorithm: ChecksumAlgorithm;
  health: NodeHealth;
  meetings: number;
  participants: number;
  free_capacity: number;
  cpu?: number | null;
  last_polled_at: string | null;
  last_error: string;
  created_at?: string;
};

export type NodeInput = { name: string; api_url: string; secret: string; capacity: number; state: NodeState; algorithm: ChecksumAlgorithm };

export type UserRole = 'user' | 'admin';

export type AdminUser = { id: string; email: string; name: string; role: UserRole; created_at?: string };
