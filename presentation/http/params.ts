import { z } from 'zod';

/** Path parameters, validated like any other input: a malformed id is a 400, not a database error. */
export const TenantParams = z.strictObject({ tenant_id: z.uuid() });
export const MemberParams = z.strictObject({ tenant_id: z.uuid(), user_id: z.uuid() });
export const ProjectParams = z.strictObject({ project_id: z.uuid() });
export const ApiKeyParams = z.strictObject({ project_id: z.uuid(), key_id: z.uuid() });

export const NoQuery = z.strictObject({});
/** Run ids are any 8-4-4-4-12 hex: OTLP trace ids become run ids and carry no UUID version bits. */
export const RunParams = z.strictObject({ run_id: z.guid() });
export const PriceParams = z.strictObject({ price_id: z.uuid() });

/**
 * A path parameter that must be a UUID, for routes with a custom method after it
 * (`/v1/runs/{run_id}:finish`): Fastify cannot end a plain parameter at a colon.
 */
export const UUID_PATTERN = '([0-9a-fA-F-]{36})';
