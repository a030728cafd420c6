import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { compileRulesToCedar } from '../../domain/governance/policy/rule-compiler';
import { type Policy, type PolicyVersion } from '../../domain/governance/policy.entity';
import { type PolicyEngine } from '../../domain/governance/ports/policy-engine.port';
import { type PolicyRepository } from '../../domain/governance/ports/policy-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant, canSeeProject } from '../shared/authorize';
import { governanceActor, resolveProject } from './governance-actor';
import { type CreatePolicyInput } from './governance-input';
import { type PolicyVersionView, type PolicyView, toPolicyVersionView, toPolicyView } from './policy.view';

/**
 * Saves a policy version (Admin). The Cedar (hand-written or compiled from rules) is validated
 * first: syntax and schema problems come back with line and column and nothing is stored. Saving
 * under an existing name adds the next version; older versions never change.
 */
export class CreatePolicyUseCase {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly projects: ProjectRepository,
    private readonly engine: PolicyEngine,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CreatePolicyInput): Promise<Result<PolicyVersionView>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const tenantId = admin.value.tenantId;
    const project = await resolveProject(this.projects, admin.value, input.project_id);
    if (!project.ok) return project;

    let cedar: string;
    if (input.rules !== undefined) {
      const compiled = compileRulesToCedar(input.rules);
      if (!compiled.ok) return compiled;
      cedar = compiled.value;
    } else {
      cedar = input.cedar as string;
    }
    const problems = this.engine.check(cedar);
    if (problems.length > 0) {
      const path = input.rules !== undefined ? 'rules' : 'cedar';
      return err(
        DomainError.validation(
          `the policy does not validate: ${problems.map((p) => `line ${p.line}, column ${p.column}: ${p.message}`).join('; ')}`,
          problems.map((p) => ({ path, message: p.message, line: p.line, column: p.column })),
          'invalid_policy',
        ),
      );
    }

    const now = this.clock.now();
    const by = governanceActor(admin.value);
    return this.uow.inTenant(tenantId, async () => {
      const saved = await this.policies.addVersion(tenantId, project.value, input.name, {
        format: input.rules !== undefined ? 'rules' : 'cedar',
        cedar,
        rules: input.rules ?? null,
        defaultDecision: input.default_decision,
        description: input.description ?? null,
        createdBy: by,
        at: now,
      });
      const activeNow = await this.policies.active(tenantId, project.value);
      const activate = input.activate || !activeNow;
      if (activate) await this.policies.activate(tenantId, project.value, saved.version.id, by, now);
      await this.audit.append(tenantId, {
        action: 'policy.version_created',
        actor: by,
        target: { type: 'policy', id: saved.policy.id },
        data: {
          project_id: project.value,
          name: saved.policy.name,
          version: saved.version.version,
          version_id: saved.version.id,
          format: saved.version.format,
          default_decision: saved.version.defaultDecision,
          activated: activate,
        },
        at: now,
      });
      if (activate) {
        await this.audit.append(
          tenantId,
          activationRecord(saved.policy, saved.version, by, now, activeNow?.version),
        );
      }
      return ok(toPolicyVersionView(saved.policy, saved.version, activate));
    });
  }
}

/** Makes one version the project's active one (Admin); audited with the version it replaced. */
export class ActivatePolicyVersionUseCase {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, policyId: string, version: number): Promise<Result<PolicyVersionView>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const tenantId = admin.value.tenantId;
    const now = this.clock.now();
    const by = governanceActor(admin.value);
    return this.uow.inTenant(tenantId, async () => {
      const policy = await this.policies.findPolicy(tenantId, policyId);
      if (!policy || !canSeeProject(admin.value, policy.projectId))
        return err(DomainError.notFound('policy', policyId));
      const target = await this.policies.findVersion(tenantId, policyId, version);
      if (!target) return err(DomainError.notFound('policy version', `${policyId}@${version}`));
      const previous = await this.policies.active(tenantId, policy.projectId);
      if (previous?.version.id !== target.id) {
        await this.policies.activate(tenantId, policy.projectId, target.id, by, now);
        await this.audit.append(tenantId, activationRecord(policy, target, by, now, previous?.version));
      }
      return ok(toPolicyVersionView(policy, target, true));
    });
  }
}

function activationRecord(
  policy: Policy,
  version: PolicyVersion,
  by: ReturnType<typeof governanceActor>,
  at: Date,
  previous: PolicyVersion | undefined,
) {
  return {
    action: 'policy.activated',
    actor: by,
    target: { type: 'policy', id: policy.id },
    data: {
      project_id: policy.projectId,
      version: version.version,
      version_id: version.id,
      previous_version_id: previous?.id ?? null,
    },
    at,
  };
}

export class ListPoliciesUseCase {
  constructor(private readonly policies: PolicyRepository) {}

  async execute(actor: Actor, projectId?: string): Promise<Result<PolicyView[]>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const scope = reader.value.kind === 'api_key' ? reader.value.projectId : projectId;
    const [policies, active] = await Promise.all([
      this.policies.list(reader.value.tenantId, scope),
      this.policies.activeVersionNumbers(reader.value.tenantId),
    ]);
    return ok(policies.map((p) => toPolicyView(p, active.get(p.id) ?? null)));
  }
}

export class ListPolicyVersionsUseCase {
  constructor(private readonly policies: PolicyRepository) {}

  async execute(actor: Actor, policyId: string): Promise<Result<PolicyVersionView[]>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const tenantId = reader.value.tenantId;
    const policy = await this.policies.findPolicy(tenantId, policyId);
    if (!policy || !canSeeProject(reader.value, policy.projectId))
      return err(DomainError.notFound('policy', policyId));
    const [versions, active] = await Promise.all([
      this.policies.versions(tenantId, policyId),
      this.policies.active(tenantId, policy.projectId),
    ]);
    return ok(versions.map((v) => toPolicyVersionView(policy, v, active?.version.id === v.id)));
  }
}
