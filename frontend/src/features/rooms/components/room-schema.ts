import { z } from 'zod';

const count = z.number({ error: 'validation.number' }).int('validation.wholeNumber').min(0, 'validation.notNegative').max(100_000, 'validation.tooLarge');

export const roomSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong'),
  settings: z.object({
    welcome: z.string().max(2000, 'validation.tooLong'),
    max_participants: count,
    mute_on_start: z.boolean(),
    guest_policy: z.enum(['ALWAYS_ACCEPT', 'ASK_MODERATOR']),
    anyone_can_start: z.boolean(),
    all_join_as_moderator: z.boolean(),
    record: z.boolean(),
    expected_size: count,
  }),
});

export type RoomFormValues = z.infer<typeof roomSchema>;

export const ROOM_FIELD_NAMES = [
  'name',
  'settings.welcome',
  'settings.max_participants',
  'settings.mute_on_start',
  'settings.guest_policy',
  'settings.anyone_can_start',
  'settings.all_join_as_moderator',
  'settings.record',
  'settings.expected_size',
] as const;
