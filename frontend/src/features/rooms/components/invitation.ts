import type { TFunction } from 'i18next';

/** Ready-to-paste invitation text for e-mail or chat. */
export function invitationText(t: TFunction, kind: 'attendee' | 'moderator', roomName: string, url: string): string {
  return t(kind === 'attendee' ? 'invitation.attendee' : 'invitation.moderator', { room: roomName, url });
}
