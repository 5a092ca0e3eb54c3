export type JoinTarget = { slug: string } | { moderator_key: string };

export type PublicRoom = { name: string; owner_name: string; running: boolean };

export type JoinReady = { join_url: string; role: 'VIEWER' | 'MODERATOR' };
export type JoinWaiting = { status: 'waiting'; message?: string };
export type JoinResult = JoinReady | JoinWaiting;

export function isJoinReady(result: JoinResult | undefined): result is JoinReady {
  return !!result && 'join_url' in result;
}
