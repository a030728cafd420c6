import { type DiffRunsUseCase } from '../../application/runs/diff-runs.use-case';
import { type GetRunUseCase } from '../../application/runs/get-run.use-case';
import { type ListRunStepsUseCase } from '../../application/runs/list-run-steps.use-case';
import { type ListRunsUseCase } from '../../application/runs/list-runs.use-case';
import { toRunView } from '../../application/runs/run.view';
import { type GetIdentityUseCase } from '../../application/tenancy/get-identity.use-case';
import { type GetProjectUseCase } from '../../application/tenancy/get-project.use-case';
import { type ListProjectsUseCase } from '../../application/tenancy/list-projects.use-case';
import { toProjectView } from '../../application/tenancy/project.view';
import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { err, ok } from '../../domain/shared/result';
import { type McpServerDefinition } from '../shared/definitions';
import { explainRegressionPrompt } from './prompts/explain-regression.prompt';
import { type VerifyAuditLogUseCase } from '../../application/audit/audit-log.use-case';
import { type DecideApprovalUseCase } from '../../application/governance/decide-approval.use-case';
import { type EvaluatePolicyUseCase } from '../../application/governance/evaluate-policy.use-case';
import { type ListApprovalsUseCase } from '../../application/governance/get-approval.use-case';
import { diffRunsTool } from './tools/diff-runs.tool';
import {
  decideApprovalTool,
  evaluatePolicyTool,
  listApprovalsTool,
  verifyAuditLogTool,
} from './tools/governance.tools';
import { getRunStepsTool } from './tools/get-run-steps.tool';
import { getRunTool } from './tools/get-run.tool';
import { listProjectsTool } from './tools/list-projects.tool';
import { listRunsTool } from './tools/list-runs.tool';
import { whoamiTool } from './tools/whoami.tool';

export interface ObservabilityDeps {
  readonly listProjects: ListProjectsUseCase;
  readonly getProject: GetProjectUseCase;
  readonly identity: GetIdentityUseCase;
  readonly listRuns: ListRunsUseCase;
  readonly getRun: GetRunUseCase;
  readonly listSteps: ListRunStepsUseCase;
  readonly diffRuns: DiffRunsUseCase;
  readonly listApprovals: ListApprovalsUseCase;
  readonly decideApproval: DecideApprovalUseCase;
  readonly evaluatePolicy: EvaluatePolicyUseCase;
  readonly verifyAudit: VerifyAuditLogUseCase;
}

/**
 * Agent runs and their steps, the projects they belong to, the caller's identity, and the
 * governance group: approvals (list, decide), policy evaluation and audit-chain verification.
 */
export function observabilityService(deps: ObservabilityDeps): McpServerDefinition {
  return {
    name: 'observability-service',
    title: 'Cockpit observability',
    instructions:
      "Access to the caller's Cockpit tenant: agent runs (search, details, step timelines, diffs), projects and identity, plus governance: the approvals inbox, deciding approvals (Approver), evaluating a tool call against policy, and verifying the audit log (Admin). Every call is scoped to the tenant of the credential; payloads are stored redacted.",
    tools: [
      listRunsTool(deps.listRuns),
      getRunTool(deps.getRun),
      getRunStepsTool(deps.listSteps),
      diffRunsTool(deps.diffRuns),
      listProjectsTool(deps.listProjects),
      whoamiTool(deps.identity),
      listApprovalsTool(deps.listApprovals),
      decideApprovalTool(deps.decideApproval),
      evaluatePolicyTool(deps.evaluatePolicy),
      verifyAuditLogTool(deps.verifyAudit),
    ],
    resources: [
      {
        name: 'run',
        title: 'Agent run',
        description: 'One run with its steps (the first 1,000, in start order)',
        uri: 'run://{id}',
        mimeType: 'application/json',
        access: 'viewer',
        async read(actor, { id }) {
          if (!z.guid().safeParse(id).success) return err(DomainError.notFound('run', id));
          const run = await deps.getRun.execute(actor, id as string);
          if (!run.ok) return run;
          const steps = await deps.listSteps.execute(actor, id as string, { view: 'flat', limit: 1000 });
          if (!steps.ok) return steps;
          return ok({
            run: toRunView(run.value),
            steps: steps.value.items,
            more_steps: steps.value.nextCursor !== null,
          });
        },
      },
      {
        name: 'project',
        title: 'Project',
        description: 'One project of the tenant, by id',
        uri: 'project://{id}',
        mimeType: 'application/json',
        access: 'viewer',
        async read(actor, { id }) {
          if (!z.uuid().safeParse(id).success) return err(DomainError.notFound('project', id));
          const project = await deps.getProject.execute(actor, id as string);
          return project.ok ? ok(toProjectView(project.value)) : project;
        },
      },
    ],
    prompts: [explainRegressionPrompt(deps.diffRuns)],
  };
}
