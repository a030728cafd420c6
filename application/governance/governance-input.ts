import { z } from 'zod';
import { APPROVAL_STATUSES } from '../../domain/governance/approval.entity';
import { POLICY_NAME_MAX } from '../../domain/governance/policy.entity';
import { POLICY_DECISIONS, RISK_LEVELS } from '../../domain/governance/ports/policy-engine.port';
import { PolicyRulesSchema } from './policy-rules.schema';

const StepId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:@/-]+$/, 'letters, digits and _ . : @ / - only');

export const CreatePolicyInput = z
  .strictObject({
    project_id: z
      .uuid()
      .optional()
      .describe("Defaults to the API key's project, else the tenant's first project"),
    name: z
      .string()
      .trim()
      .min(1)
      .max(POLICY_NAME_MAX)
      .describe('Saving under an existing name adds a version'),
    description: z.string().max(2000).optional(),
    cedar: z.string().min(1).max(200_000).optional().describe('Cedar policy text'),
    rules: PolicyRulesSchema.optional().describe('The simple rule form, compiled to Cedar'),
    default_decision: z
      .enum(POLICY_DECISIONS)
      .default('allow')
      .describe('What applies when no policy of the set matches a call'),
    activate: z
      .boolean()
      .default(true)
      .describe('Make this version the active one of the project (false stages it)'),
  })
  .refine((input) => (input.cedar === undefined) !== (input.rules === undefined), {
    message: 'give exactly one of cedar or rules',
    path: ['cedar'],
  });
export type CreatePolicyInput = z.infer<typeof CreatePolicyInput>;

export const ListPoliciesInput = z.strictObject({ project_id: z.uuid().optional() });
export type ListPoliciesInput = z.infer<typeof ListPoliciesInput>;

export const EvaluatePolicyInput = z.strictObject({
  project_id: z.uuid().optional(),
  agent: z.string().min(1).max(200).describe('The principal: an agent name or id'),
  tool: z.string().min(1).max(200),
  arguments: z.unknown().optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  environment: z.string().max(100).optional(),
  run_id: z.guid().optional().describe('Records the evaluation as a policy step of this run'),
  step_id: StepId.optional().describe('The gate step id; the policy step is recorded as <step_id>:policy'),
  issue_token: z
    .boolean()
    .default(false)
    .describe('On allow (with run_id), also issue a decision token for exactly this call'),
  policy_id: z.uuid().optional().describe('Dry-run a specific policy version instead of the active one'),
  version: z.coerce.number().int().min(1).optional(),
});
export type EvaluatePolicyInput = z.infer<typeof EvaluatePolicyInput>;

export const CreateApprovalInput = z.strictObject({
  run_id: z.guid(),
  step_id: StepId,
  tool: z.string().min(1).max(200),
  arguments: z.unknown().optional(),
  risk: z.enum(RISK_LEVELS),
  summary: z.string().trim().min(1).max(2000),
  ttl_seconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 86_400)
    .optional(),
});
export type CreateApprovalInput = z.infer<typeof CreateApprovalInput>;

export const DecideApprovalInput = z.strictObject({ reason: z.string().trim().max(2000).optional() });
export type DecideApprovalInput = z.infer<typeof DecideApprovalInput>;

export const ListApprovalsInput = z.strictObject({
  status: z.enum(APPROVAL_STATUSES).optional(),
  project_id: z.uuid().optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  run_id: z.guid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListApprovalsInput = z.infer<typeof ListApprovalsInput>;

export const WaitInput = z.strictObject({
  wait: z.coerce.number().min(0).max(30).optional().describe('Long poll: seconds to wait for a decision'),
});

export const BreakGlassInput = z.strictObject({
  run_id: z.guid(),
  step_id: StepId.optional(),
  tool: z.string().min(1).max(200),
  arguments: z.unknown().optional(),
  reason: z.string().trim().min(10, 'explain the emergency (10 characters or more)').max(2000),
});
export type BreakGlassInput = z.infer<typeof BreakGlassInput>;

export const ApprovalWebhookInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  secret: z.string().min(16).max(200).optional().describe('HMAC key; generated (and shown once) when absent'),
});
export type ApprovalWebhookInput = z.infer<typeof ApprovalWebhookInput>;
