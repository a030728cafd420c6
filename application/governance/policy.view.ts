import { z } from 'zod';
import { type Policy, type PolicyVersion } from '../../domain/governance/policy.entity';
import { POLICY_DECISIONS } from '../../domain/governance/ports/policy-engine.port';

export const PolicyVersionView = z.object({
  id: z.string().describe('The policy id'),
  policy_id: z.string(),
  version_id: z.string(),
  project_id: z.string(),
  name: z.string(),
  version: z.number().int(),
  active: z.boolean().describe('Whether this version is the one its project decides with now'),
  format: z.enum(['cedar', 'rules']),
  cedar: z.string().describe('The Cedar that is evaluated (compiled from rules when format is rules)'),
  rules: z.unknown().nullable(),
  default_decision: z.enum(POLICY_DECISIONS),
  description: z.string().nullable(),
  created_at: z.string(),
  created_by: z.object({ kind: z.string(), id: z.string().nullable() }),
});
export type PolicyVersionView = z.infer<typeof PolicyVersionView>;

export const PolicyView = z.object({
  id: z.string(),
  project_id: z.string(),
  name: z.string(),
  latest_version: z.number().int(),
  active_version: z
    .number()
    .int()
    .nullable()
    .describe('The version active for the project, if it is one of this policy'),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PolicyView = z.infer<typeof PolicyView>;

export const toPolicyVersionView = (
  policy: Policy,
  version: PolicyVersion,
  active: boolean,
): PolicyVersionView => ({
  id: policy.id,
  policy_id: policy.id,
  version_id: version.id,
  project_id: policy.projectId,
  name: policy.name,
  version: version.version,
  active,
  format: version.format,
  cedar: version.cedar,
  rules: version.rules ?? null,
  default_decision: version.defaultDecision,
  description: version.description,
  created_at: version.createdAt.toISOString(),
  created_by: version.createdBy,
});

export const toPolicyView = (policy: Policy, activeVersion: number | null): PolicyView => ({
  id: policy.id,
  project_id: policy.projectId,
  name: policy.name,
  latest_version: policy.latestVersion,
  active_version: activeVersion,
  created_at: policy.createdAt.toISOString(),
  updated_at: policy.updatedAt.toISOString(),
});
