import { z } from 'zod';
import { type PolicyRepository } from '../../domain/governance/ports/policy-repository.port';
import {
  POLICY_DECISIONS,
  type PolicyDecision,
  type PolicyEngine,
  type PolicyEvaluation,
} from '../../domain/governance/ports/policy-engine.port';
import { type PolicyVersion } from '../../domain/governance/policy.entity';
import { toolCallText } from '../../domain/governance/tool-call';
import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type Run } from '../../domain/runs/run.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Digest } from '../../domain/shared/ports/digest.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { findVisibleRun } from '../runs/run-access';
import { type StepWriter } from '../runs/step-writer';
import { type Actor, type TenantActor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type DecisionTokenIssuer } from './decision-token-issuer';
import { governanceActor, resolveProject } from './governance-actor';
import { type EvaluatePolicyInput } from './governance-input';

export const DecisionView = z.object({
  decision: z.enum(POLICY_DECISIONS),
  policy_version: z
    .number()
    .int()
    .nullable()
    .describe('The version number the decision used (null: no active policy)'),
  policy_id: z.string().nullable(),
  policy_version_id: z.string().nullable(),
  reasons: z.array(z.string()),
  payload_hash: z.string(),
  step_id: z.string().nullable().describe('The policy step recorded in the run (with run_id)'),
  decision_token: z.string().optional(),
  token_id: z.string().optional(),
  token_expires_at: z.string().optional(),
});

export interface PolicyDecisionView {
  decision: PolicyDecision;
  policy_version: number | null;
  policy_id: string | null;
  policy_version_id: string | null;
  reasons: string[];
  payload_hash: string;
  step_id: string | null;
  decision_token?: string;
  token_id?: string;
  token_expires_at?: string;
}

/**
 * Decides one tool call against the project's active policy version (or a named version, as a dry
 * run). With `run_id` the decision is recorded as a `policy` step of the run, and on `allow` a
 * decision token for exactly this call can be issued.
 */
export class EvaluatePolicyUseCase {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly projects: ProjectRepository,
    private readonly runs: RunRepository,
    private readonly engine: PolicyEngine,
    private readonly steps: StepWriter,
    private readonly tokens: DecisionTokenIssuer,
    private readonly digest: Digest,
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: EvaluatePolicyInput): Promise<Result<PolicyDecisionView>> {
    const writes = input.run_id !== undefined;
    const caller = authorizeTenant(actor, writes ? 'developer' : 'viewer');
    if (!caller.ok) return caller;
    if (input.issue_token && !writes) {
      const message = 'a decision token is bound to a run: give run_id';
      return err(DomainError.validation(message, [{ path: 'run_id', message }]));
    }
    const tenantId = caller.value.tenantId;

    let run: Run | null = null;
    if (input.run_id) {
      const found = await findVisibleRun(this.runs, caller.value, input.run_id);
      if (!found.ok) return found;
      run = found.value;
      if (input.project_id && input.project_id !== run.projectId) {
        return err(
          DomainError.validation('the run belongs to another project', [
            { path: 'project_id', message: 'does not match the run' },
          ]),
        );
      }
    }
    const project = run
      ? ok(run.projectId)
      : await resolveProject(this.projects, caller.value, input.project_id);
    if (!project.ok) return project;

    const version = await this.versionFor(caller.value, project.value, input);
    if (!version.ok) return version;
    const evaluation: PolicyEvaluation = version.value
      ? this.engine.evaluate(
          {
            versionId: version.value.id,
            cedar: version.value.cedar,
            defaultDecision: version.value.defaultDecision,
          },
          {
            principal: { type: 'agent', id: input.agent },
            tool: input.tool,
            arguments: input.arguments ?? null,
            risk: input.risk ?? null,
            environment:
              input.environment ?? (typeof run?.metadata.env === 'string' ? run.metadata.env : null),
            run: run ? { id: run.id, name: run.name, tags: run.tags, metadata: run.metadata } : null,
          },
        )
      : { decision: 'allow', reasons: ['no active policy for this project: allowed'], policyIds: [] };

    const view: PolicyDecisionView = {
      decision: evaluation.decision,
      policy_version: version.value?.version ?? null,
      policy_id: version.value?.policyId ?? null,
      policy_version_id: version.value?.id ?? null,
      reasons: [...evaluation.reasons],
      payload_hash: this.digest.sha256(toolCallText(input.tool, input.arguments ?? null)),
      step_id: null,
    };
    if (!run) return ok(view);

    const now = this.clock.now();
    const gateStep = input.step_id ?? this.ids.next();
    view.step_id = `${gateStep}:policy`;
    return this.uow.inTenant(tenantId, async () => {
      if (input.issue_token && evaluation.decision === 'allow') {
        const issued = await this.tokens.issue(
          tenantId,
          {
            projectId: run.projectId,
            runId: run.id,
            stepId: gateStep,
            approvalId: null,
            payloadHash: view.payload_hash,
            decision: 'allow',
            policyVersion: view.policy_version,
            policyVersionId: view.policy_version_id,
            issuedTo: governanceActor(caller.value),
            issuedBy: governanceActor(caller.value),
          },
          now,
        );
        view.decision_token = issued.token;
        view.token_id = issued.claims.id;
        view.token_expires_at = issued.claims.expiresAt.toISOString();
      }
      const recorded = await this.steps.write(
        tenantId,
        run.id,
        [
          {
            id: view.step_id,
            kind: 'policy',
            name: `policy: ${input.tool} → ${evaluation.decision}`,
            tool: input.tool,
            started_at: now.toISOString(),
            ended_at: now.toISOString(),
            input: {
              agent: input.agent,
              tool: input.tool,
              arguments: input.arguments ?? null,
              risk: input.risk ?? null,
              environment: input.environment ?? null,
            },
            output: {
              decision: view.decision,
              reasons: view.reasons,
              policy_id: view.policy_id,
              policy_version: view.policy_version,
              policy_version_id: view.policy_version_id,
              payload_hash: view.payload_hash,
              jti: view.token_id ?? null,
            },
            metadata: { gate_step_id: gateStep },
          },
        ],
        async () => ok(run),
      );
      if (!recorded.ok) return recorded;
      return ok(view);
    });
  }

  private async versionFor(
    actor: TenantActor,
    projectId: string,
    input: EvaluatePolicyInput,
  ): Promise<Result<PolicyVersion | null>> {
    if (input.policy_id) {
      const policy = await this.policies.findPolicy(actor.tenantId, input.policy_id);
      if (!policy || policy.projectId !== projectId)
        return err(DomainError.notFound('policy', input.policy_id));
      const version = await this.policies.findVersion(
        actor.tenantId,
        policy.id,
        input.version ?? policy.latestVersion,
      );
      return version
        ? ok(version)
        : err(DomainError.notFound('policy version', `${policy.id}@${input.version}`));
    }
    const active = await this.policies.active(actor.tenantId, projectId);
    return ok(active?.version ?? null);
  }
}
