import { type LifecycleAction, type Resource } from '../../domain/cloud/resource.entity';
import { type RiskLevel } from '../../domain/governance/ports/policy-engine.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type CreateApprovalUseCase } from '../governance/create-approval.use-case';
import { type EvaluatePolicyUseCase } from '../governance/evaluate-policy.use-case';
import { resolveProject } from '../governance/governance-actor';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type AppendStepsUseCase } from '../runs/append-steps.use-case';
import { type CreateRunUseCase } from '../runs/create-run.use-case';
import { type TenantActor } from '../shared/actor';
import { type LifecycleInput } from './cloud-input';
import { type ApprovalRequired } from './cloud.view';

const RISK: Readonly<Record<LifecycleAction, RiskLevel>> = {
  start: 'low',
  stop: 'medium',
  terminate: 'high',
};

export type GateOutcome =
  { readonly proceed: true } | { readonly proceed: false; readonly approval: ApprovalRequired };

/** The exact tool call a lifecycle action is: what policies see and what an approval is bound to. */
export const lifecycleCall = (resource: Resource, action: LifecycleAction) => ({
  tool: `cloud.${action}`,
  arguments: {
    resource_id: resource.id,
    provider_id: resource.providerId,
    provider: resource.providerKind,
    external_id: resource.externalId,
    region: resource.region,
    type: resource.type,
    name: resource.name,
  },
});

/**
 * Puts lifecycle actions through the same policy/approval gate as agents' tool calls. The active
 * policy of the project decides `cloud.start|stop|terminate`: allow goes ahead; block is refused;
 * require_approval opens an approval request inside a run and returns it, and the action goes
 * ahead when it is repeated with the decision token the approval issued, which is verified and
 * spent as a tool step of that run (so the token works exactly once, for exactly this resource).
 */
export class ResourceGate {
  constructor(
    private readonly evaluate: EvaluatePolicyUseCase,
    private readonly createRun: CreateRunUseCase,
    private readonly appendSteps: AppendStepsUseCase,
    private readonly createApproval: CreateApprovalUseCase,
    private readonly projects: ProjectRepository,
  ) {}

  async check(
    actor: TenantActor,
    resource: Resource,
    action: LifecycleAction,
    input: LifecycleInput,
  ): Promise<Result<GateOutcome>> {
    const call = lifecycleCall(resource, action);
    const stepId = `cloud-${action}-${resource.id}`;
    if (input.decision_token) {
      if (!input.run_id) {
        return err(
          DomainError.validation('run_id is required with decision_token', [
            { path: 'run_id', message: 'required' },
          ]),
        );
      }
      const appended = await this.appendSteps.execute(actor, input.run_id, [
        {
          id: stepId,
          kind: 'tool',
          name: call.tool,
          tool: call.tool,
          input: call.arguments,
          decision_token: input.decision_token,
          started_at: new Date().toISOString(),
        },
      ]);
      if (!appended.ok) return appended;
      const result = appended.value.results[0];
      if (!result || result.status === 'rejected') {
        return err(
          DomainError.forbidden(
            `the decision token does not allow ${call.tool} on ${resource.id}: ${result?.error?.message ?? 'rejected'}`,
            result?.error?.reason ?? 'decision_token_rejected',
          ),
        );
      }
      return ok({ proceed: true });
    }

    const project = await resolveProject(this.projects, actor, input.project_id);
    if (!project.ok) return project;
    const decision = await this.evaluate.execute(actor, {
      project_id: project.value,
      agent: actor.kind === 'user' ? actor.email : `api_key:${actor.apiKeyId}`,
      tool: call.tool,
      arguments: call.arguments,
      risk: RISK[action],
      environment: resource.tags.env ?? resource.tags.environment ?? undefined,
      issue_token: false,
    });
    if (!decision.ok) return decision;
    if (decision.value.decision === 'allow') return ok({ proceed: true });
    if (decision.value.decision === 'block') {
      return err(
        DomainError.forbidden(
          `policy version ${decision.value.policy_version ?? '?'} blocks ${call.tool} on this resource: ${decision.value.reasons.join('; ') || 'no reason given'}`,
          'policy_blocked',
        ),
      );
    }

    const run = await this.createRun.execute(actor, {
      project_id: project.value,
      name: `${call.tool} ${resource.name}`,
      tags: ['cloud', `cloud.${action}`],
      metadata: { resource_id: resource.id, provider: resource.providerKind, tool_name: call.tool },
    });
    if (!run.ok) return run;
    const approval = await this.createApproval.execute(actor, {
      run_id: run.value.run.id,
      step_id: stepId,
      tool: call.tool,
      arguments: call.arguments,
      risk: RISK[action],
      summary: `${action} ${resource.type} ${resource.name} (${resource.externalId}) in ${resource.region}${input.reason ? `: ${input.reason}` : ''}`,
    });
    if (!approval.ok) return approval;
    return ok({
      proceed: false,
      approval: {
        status: 'approval_required',
        approval_id: approval.value.id,
        run_id: run.value.run.id,
        step_id: stepId,
        tool: call.tool,
        payload_hash: approval.value.payload_hash,
        expires_at: approval.value.expires_at,
        reasons: decision.value.reasons,
      },
    });
  }
}
