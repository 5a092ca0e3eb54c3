export type NodeState = 'enabled' | 'cordoned' | 'disabled';
export type NodeHealth = 'online' | 'offline' | 'unknown';

export type ClusterNode = {
  id: string;
  name: string;
  api_url: string;
  capacity: number;
  state: NodeState;
  health: NodeHealth;
  meetings: number;
  participants: number;
  free_capacity: number;
  cpu?: number | null;
  last_polled_at: string | null;
  last_error: string;
  created_at?: string;
};

export type NodeInput = { name: string; api_url: string; secret: string; capacity: number; state: NodeState };

export type AdminUser = { id: string; email: string; name: string; role: 'user' | 'admin'; created_at?: string };
