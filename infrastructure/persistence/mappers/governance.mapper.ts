import { type Approval } from '../../../domain/governance/approval.entity';
import { type Policy, type PolicyVersion } from '../../../domain/governance/policy.entity';
import { asTenantId } from '../../../domain/shared/tenant-id';

const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const maybeDate = (value: Date | string | null): Date | null => (value === null ? null : date(value));

export interface PolicyRow {
  tenant_id: string;
  id: string;
  project_id: string;
  name: string;
  latest_version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

export const toPolicy = (row: PolicyRow): Policy => ({
  tenantId: asTenantId(row.tenant_id),
  id: row.id,
  projectId: row.project_id,
  name: row.name,
  latestVersion: Number(row.latest_version),
  createdAt: date(row.created_at),
  updatedAt: date(row.updated_at),
});

export interface PolicyVersionRow {
  tenant_id: string;
  id: string;
  policy_id: string;
  version: number;
  format: PolicyVersion['format'];
  cedar: string;
  rules: unknown;
  default_decision: PolicyVersion['defaultDecision'];
  description: string | null;
  created_at: Date | string;
  created_by: PolicyVersion['createdBy'];
}

export const toPolicyVersion = (row: PolicyVersionRow): PolicyVersion => ({
  tenantId: asTenantId(row.tenant_id),
  id: row.id,
  policyId: row.policy_id,
  version: Number(row.version),
  format: row.format,
  cedar: row.cedar,
  rules: row.rules ?? null,
  defaultDecision: row.default_decision,
  description: row.description,
  createdAt: date(row.created_at),
  createdBy: row.created_by,
});

export interface ApprovalRow {
  tenant_id: string;
  id: string;
  project_id: string;
  run_id: string;
  step_id: string;
  tool: string;
  payload: unknown;
  redactions: Approval['redactions'];
  payload_hash: string;
  risk: Approval['risk'];
  summary: string;
  status: Approval['status'];
  requested_by: Approval['requestedBy'];
  policy_version_id: string | null;
  created_at: Date | string;
  expires_at: Date | string;
  decided_at: Date | string | null;
  decided_by: Approval['decidedBy'];
  reason: string | null;
  decision_token_id: string | null;
}

export const toApproval = (row: ApprovalRow): Approval => ({
  tenantId: asTenantId(row.tenant_id),
  id: row.id,
  projectId: row.project_id,
  runId: row.run_id,
  stepId: row.step_id,
  tool: row.tool,
  payload: row.payload,
  redactions: row.redactions ?? [],
  payloadHash: row.payload_hash,
  risk: row.risk,
  summary: row.summary,
  status: row.status,
  requestedBy: row.requested_by,
  policyVersionId: row.policy_version_id,
  createdAt: date(row.created_at),
  expiresAt: date(row.expires_at),
  decidedAt: maybeDate(row.decided_at),
  decidedBy: row.decided_by,
  reason: row.reason,
  decisionTokenId: row.decision_token_id,
});
