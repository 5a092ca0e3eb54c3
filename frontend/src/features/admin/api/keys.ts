export const adminKeys = {
  nodes: ['admin', 'nodes'] as const,
  users: ['admin', 'users'] as const,
};
