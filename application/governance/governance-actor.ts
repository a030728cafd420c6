import { type GovernanceActor } from '../../domain/governance/policy.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type TenantActor } from '../shared/actor';

export const governanceActor = (actor: TenantActor): GovernanceActor =>
  actor.kind === 'user' ? { kind: 'user', id: actor.userId } : { kind: 'api_key', id: actor.apiKeyId };

/**
 * The project a governance call is about: an API key's own project, else the one named, else the
 * tenant's first project (the default project every tenant starts with).
 */
export async function resolveProject(
  projects: ProjectRepository,
  actor: TenantActor,
  projectId: string | undefined,
): Promise<Result<string>> {
  if (actor.kind === 'api_key') {
    if (projectId && projectId !== actor.projectId) return err(DomainError.notFound('project', projectId));
    return ok(actor.projectId);
  }
  if (projectId) {
    return (await projects.findById(actor.tenantId, projectId))
      ? ok(projectId)
      : err(DomainError.notFound('project', projectId));
  }
  const all = await projects.list(actor.tenantId);
  const first = [...all].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
  if (!first) return err(DomainError.validation('the tenant has no project yet', [], 'no_project'));
  return ok(first.id);
}
