import { z } from 'zod';
import { type DiffProfileRecord } from '../../domain/runs/ports/diff-profile-repository.port';

export const DiffProfileName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, _ and -')
  .refine((name) => name !== 'default', 'default is the built-in profile');

export const DiffProfileInput = z.strictObject({
  ignore_paths: z
    .array(z.string().min(1).max(500))
    .max(100)
    .default([])
    .describe('Step paths to ignore, e.g. output.usage or input.messages[*].id'),
  ignore_keys: z
    .array(z.string().min(1).max(200))
    .max(100)
    .default([])
    .describe('Key names ignored anywhere in payloads'),
});
export type DiffProfileInput = z.infer<typeof DiffProfileInput>;

export const DiffProfileView = z.object({
  name: z.string(),
  ignore_paths: z.array(z.string()),
  ignore_keys: z.array(z.string()),
  created_at: z.iso.datetime().nullable(),
  updated_at: z.iso.datetime().nullable(),
});
export type DiffProfileView = z.infer<typeof DiffProfileView>;

export const toDiffProfileView = (profile: DiffProfileRecord): DiffProfileView => ({
  name: profile.name,
  ignore_paths: [...profile.ignorePaths],
  ignore_keys: [...profile.ignoreKeys],
  created_at: profile.createdAt.toISOString(),
  updated_at: profile.updatedAt.toISOString(),
});
