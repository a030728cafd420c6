import { z } from 'zod';
import { CLOUD_KINDS } from '../../domain/cloud/cloud-kind';
import { RESOURCE_STATES, RESOURCE_TYPES } from '../../domain/cloud/resource.entity';

const Name = z.string().trim().min(1).max(100);
const Region = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/i, 'letters, digits and - only');
const Day = z.iso.date().describe('UTC day, YYYY-MM-DD');
const Tags = z
  .record(z.string().min(1).max(128), z.string().max(256))
  .refine((tags) => Object.keys(tags).length <= 50, 'at most 50 tags');

export const ConnectProviderInput = z.strictObject({
  kind: z.enum(CLOUD_KINDS),
  name: Name,
  credentials: z
    .record(z.string(), z.unknown())
    .default({})
    .describe(
      'aws: access_key_id, secret_access_key[, session_token]; azure: tenant_id, client_id, client_secret, subscription_id; gcp: project_id and client_email + private_key (or access_token); simulated: seed, size. Any kind: endpoint. Never echoed back.',
    ),
  regions: z
    .array(Region)
    .max(50)
    .optional()
    .describe('Regions to inventory (default: all the account can use)'),
  sync: z.boolean().default(true).describe('Run the first inventory and cost sync right away'),
});
export type ConnectProviderInput = z.infer<typeof ConnectProviderInput>;

export const ListResourcesInput = z.strictObject({
  provider: z.uuid().optional().describe('Provider id'),
  region: Region.optional(),
  type: z.enum(RESOURCE_TYPES).optional(),
  state: z.enum(RESOURCE_STATES).optional(),
  tag: z.string().min(1).max(400).optional().describe('`key` (has the tag) or `key=value`'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListResourcesInput = z.infer<typeof ListResourcesInput>;

export const CreateResourceInput = z.strictObject({
  provider_id: z.uuid(),
  name: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9][a-z0-9-]*$/i, 'letters, digits and - only, starting with a letter or digit'),
  region: Region,
  type: z.literal('vm').default('vm'),
  size: z.string().min(1).max(64).describe('Instance type / VM size / machine type'),
  image: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('AMI id, image URN or image path (required by real clouds)'),
  tags: Tags.default({}),
});
export type CreateResourceInput = z.infer<typeof CreateResourceInput>;

export const LifecycleInput = z.strictObject({
  reason: z.string().trim().max(1000).optional(),
  project_id: z
    .uuid()
    .optional()
    .describe("Whose policy gates the action (default: the tenant's first project)"),
  run_id: z.guid().optional().describe('The run an approval was requested in (with decision_token)'),
  decision_token: z
    .string()
    .min(20)
    .max(4000)
    .optional()
    .describe('Token from the approval of this exact action'),
});
export type LifecycleInput = z.infer<typeof LifecycleInput>;

export const COST_GROUP_BY = ['provider', 'service', 'region', 'tag', 'resource', 'day'] as const;
export const CostsInput = z
  .strictObject({
    from: Day.optional().describe('Inclusive; default: 30 days before `to`'),
    to: Day.optional().describe('Exclusive; default: tomorrow (UTC)'),
    group_by: z.enum(COST_GROUP_BY).default('provider'),
    tag_key: z.string().min(1).max(128).default('team').describe('With group_by=tag'),
    provider: z.uuid().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['from'] });
export type CostsInput = z.infer<typeof CostsInput>;

export const ForecastInput = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30),
  provider: z.uuid().optional(),
  history_days: z.coerce
    .number()
    .int()
    .min(7)
    .max(730)
    .default(120)
    .describe('How much history the model is fitted on'),
});
export type ForecastInput = z.infer<typeof ForecastInput>;

export const CreateBudgetInput = z.strictObject({
  name: Name,
  amount_usd: z.number().positive().max(1e12),
  project_id: z.uuid().nullable().default(null).describe('Only costs tagged project=<project name or id>'),
  provider_id: z.uuid().nullable().default(null),
  thresholds: z.array(z.number().int().min(1).max(1000)).min(1).max(10).default([50, 80, 100]),
});
export type CreateBudgetInput = z.infer<typeof CreateBudgetInput>;

export const ListAlertsInput = z.strictObject({
  budget_id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListAlertsInput = z.infer<typeof ListAlertsInput>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const ThreatsInput = z.strictObject({
  severity: z.enum(SEVERITIES).optional().describe('Only this severity (use min_severity for "at least")'),
  min_severity: z.enum(SEVERITIES).optional(),
  provider: z.uuid().optional(),
  rule: z.string().max(100).optional(),
});
export type ThreatsInput = z.infer<typeof ThreatsInput>;

export const IacExportInput = z.strictObject({
  format: z.enum(['terraform', 'ansible']).default('terraform'),
  syntax: z.enum(['hcl', 'json']).default('hcl').describe('Terraform syntax'),
  resource_ids: z
    .array(z.uuid())
    .max(5000)
    .optional()
    .describe('Default: every non-terminated resource matching the filters'),
  provider: z.uuid().optional(),
  region: Region.optional(),
  type: z.enum(RESOURCE_TYPES).optional(),
  tag: z.string().min(1).max(400).optional(),
  plan: z
    .boolean()
    .default(false)
    .describe('Run `terraform plan` (or `tofu plan`) on the export when a binary is on PATH'),
});
export type IacExportInput = z.infer<typeof IacExportInput>;

export const IacImportInput = z.strictObject({
  state: z
    .union([z.string().min(2).max(50_000_000), z.record(z.string(), z.unknown())])
    .describe('A Terraform state file (format version 4), as JSON text or an object'),
  provider_id: z
    .uuid()
    .optional()
    .describe(
      'Attach imported resources to this provider; default: one provider per cloud kind, created if absent',
    ),
});
export type IacImportInput = z.infer<typeof IacImportInput>;

/** `key` or `key=value`. */
export function parseTagFilter(tag: string | undefined): { key: string; value?: string } | undefined {
  if (tag === undefined) return undefined;
  const at = tag.indexOf('=');
  return at < 0 ? { key: tag } : { key: tag.slice(0, at), value: tag.slice(at + 1) };
}
