import { z } from 'zod';
import { CHECKSUM_ALGORITHMS } from '../api/types';

/** On edit the secret may stay empty ("keep the current one"); on create it is required. */
export function nodeSchema(mode: 'create' | 'edit') {
  return z.object({
    name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
    api_url: z
      .string()
      .trim()
      .min(1, 'validation.required')
      .pipe(z.url({ protocol: /^https?$/, error: 'validation.url' })),
    secret: mode === 'create' ? z.string().trim().min(1, 'validation.required') : z.string().trim(),
    capacity: z.number({ error: 'validation.number' }).int('validation.wholeNumber').min(1, 'validation.atLeastOne').max(1_000_000, 'validation.tooLarge'),
    state: z.enum(['enabled', 'cordoned', 'disabled']),
    algorithm: z.enum(CHECKSUM_ALGORITHMS),
  });
}

export type NodeFormValues = z.infer<ReturnType<typeof nodeSchema>>;

export const NODE_FIELD_NAMES = ['name', 'api_url', 'secret', 'capacity', 'state', 'algorithm'] as const;
