import { z } from 'zod';
import { AuditVerificationView } from '../../../application/audit/audit.view';
import { type VerifyAuditLogUseCase } from '../../../application/audit/audit-log.use-case';
import { ApprovalView } from '../../../application/governance/approval.view';
import { type DecideApprovalUseCase } from '../../../application/governance/decide-approval.use-case';
import {
  DecisionView,
  type EvaluatePolicyUseCase,
} from '../../../application/governance/evaluate-policy.use-case';
import { type ListApprovalsUseCase } from '../../../application/governance/get-approval.use-case';
import { EvaluatePolicyInput, ListApprovalsInput } from '../../../application/governance/governance-input';
import { defineTool } from '../../shared/definitions';

const ApprovalListView = z.object({ items: z.array(ApprovalView), next_cursor: z.string().nullable() });

export const listApprovalsTool = (list: ListApprovalsUseCase) =>
  defineTool({
    name: 'list_approvals',
    title: 'List approval requests',
    description:
      'The approvals inbox of the tenant, newest first: requests to run one exact risky tool call, with status (pending, approved, denied, expired), risk, summary and the redacted payload. Filter by status, project_id, risk or run_id.',
    input: ListApprovalsInput,
    output: ApprovalListView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => list.execute(actor, input),
  });

const DecideInput = z.strictObject({
  approval_id: z.uuid(),
  decision: z.enum(['approve', 'deny']),
  reason: z.string().trim().max(2000).optional().describe('Required to deny'),
});

export const decideApprovalTool = (decide: DecideApprovalUseCase) =>
  defineTool({
    name: 'decide_approval',
    title: 'Approve or deny an approval request',
    description:
      'Decides a pending request (Approver or Admin; never your own request). Approving issues a single-use decision token that lets the agent run exactly the requested call; a decision is final.',
    input: DecideInput,
    output: ApprovalView,
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    access: 'approver',
    run: (actor, input) =>
      decide.execute(
        actor,
        input.approval_id,
        input.decision === 'approve' ? 'approved' : 'denied',
        input.reason ?? null,
      ),
  });

export const evaluatePolicyTool = (evaluate: EvaluatePolicyUseCase) =>
  defineTool({
    name: 'evaluate_policy',
    title: 'Evaluate a tool call against policy',
    description:
      "Decides allow, require_approval or block for an agent calling a tool with arguments, against the project's active policy version (a dry run unless run_id is given, which records a policy step).",
    input: EvaluatePolicyInput,
    output: DecisionView,
    hints: { readOnlyHint: false, idempotentHint: false, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => evaluate.execute(actor, input),
  });

export const verifyAuditLogTool = (verify: VerifyAuditLogUseCase) =>
  defineTool({
    name: 'verify_audit_log',
    title: 'Verify the audit log hash chain',
    description:
      "Recomputes the tenant's hash-chained audit log and reports whether it is intact, how many entries were checked, and the first broken link if any (Admin).",
    input: z.strictObject({}),
    output: AuditVerificationView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'admin',
    run: (actor) => verify.execute(actor),
  });
