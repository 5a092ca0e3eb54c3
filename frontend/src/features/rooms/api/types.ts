export type GuestPolicy = 'ALWAYS_ACCEPT' | 'ASK_MODERATOR';

export type RoomSettings = {
  welcome: string;
  max_participants: number;
  mute_on_start: boolean;
  guest_policy: GuestPolicy;
  anyone_can_start: boolean;
  all_join_as_moderator: boolean;
  record: boolean;
  expected_size: number;
};

export type Room = {
  id: string;
  slug: string;
  name: string;
  settings: RoomSettings;
  attendee_url: string;
  moderator_url: string;
  running: boolean;
  participant_count: number;
  node: { id: string; name: string } | null;
  owner_id?: string;
  owner_name?: string;
  created_at?: string;
  updated_at?: string;
};

export type RoomInput = { name: string; settings: RoomSettings };

// Matches the server's defaults: open to everyone, nobody muted, attendees wait for a moderator.
export const DEFAULT_ROOM_SETTINGS: RoomSettings = {
  welcome: '',
  max_participants: 0,
  mute_on_start: false,
  guest_policy: 'ALWAYS_ACCEPT',
  anyone_can_start: false,
  all_join_as_moderator: false,
  record: false,
  expected_size: 0,
};
