import { z } from 'zod';
import { APPROVAL_STATUSES, type Approval } from '../../domain/governance/approval.entity';
import { RISK_LEVELS } from '../../domain/governance/ports/policy-engine.port';

const ActorView = z.object({ kind: z.string(), id: z.string().nullable() });

export const ApprovalView = z.object({
  id: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  project_id: z.string(),
  run_id: z.string(),
  step_id: z.string(),
  tool: z.string(),
  payload: z.unknown().describe('{tool, arguments}, redacted'),
  payload_hash: z.string().describe('SHA-256 of the canonical JSON of {tool, arguments}'),
  risk: z.enum(RISK_LEVELS),
  summary: z.string(),
  requested_by: ActorView,
  policy_version_id: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string(),
  decided_at: z.string().nullable(),
  decided_by: ActorView.nullable(),
  reason: z.string().nullable(),
  token_id: z.string().nullable(),
  decision_token: z
    .string()
    .optional()
    .describe('Once approved, for Developers and above while the token is unused and unexpired'),
});
export type ApprovalView = z.infer<typeof ApprovalView>;

export const toApprovalView = (a: Approval, decisionToken?: string | null): ApprovalView => ({
  id: a.id,
  status: a.status,
  project_id: a.projectId,
  run_id: a.runId,
  step_id: a.stepId,
  tool: a.tool,
  payload: a.payload,
  payload_hash: a.payloadHash,
  risk: a.risk,
  summary: a.summary,
  requested_by: a.requestedBy,
  policy_version_id: a.policyVersionId,
  created_at: a.createdAt.toISOString(),
  expires_at: a.expiresAt.toISOString(),
  decided_at: a.decidedAt?.toISOString() ?? null,
  decided_by: a.decidedBy,
  reason: a.reason,
  token_id: a.decisionTokenId,
  ...(decisionToken ? { decision_token: decisionToken } : {}),
});
