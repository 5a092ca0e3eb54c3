import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

type JoinResponse = { join_url: string; role: string } | { status: 'waiting'; message?: string };

/** The moderator key is the last path segment of the room's moderator link. */
export function moderatorKeyOf(moderatorUrl: string): string {
  const path = new URL(moderatorUrl, window.location.origin).pathname;
  return decodeURIComponent(path.split('/').filter(Boolean).pop() ?? '');
}

/** Joins the owner as moderator, which starts the meeting on the least-loaded node. */
export const startMeeting = async (moderatorUrl: string, name: string): Promise<string> => {
  const result = await api.post<JoinResponse>('/join', { moderator_key: moderatorKeyOf(moderatorUrl), name });
  if (!('join_url' in result)) throw new Error('A moderator join did not return a join URL.');
  return result.join_url;
};

export function useStartMeeting() {
  return useMutation({
    mutationFn: ({ moderatorUrl, name }: { moderatorUrl: string; name: string }) => startMeeting(moderatorUrl, name),
  });
}
