import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';

/** Deletes a project with everything it owns (API keys now; runs, policies... as they arrive). */
export class DeleteProjectUseCase {
  constructor(private readonly projects: ProjectRepository) {}

  async execute(actor: Actor, projectId: string): Promise<Result<void>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    if (!(await this.projects.findById(admin.value.tenantId, projectId))) {
      return err(DomainError.notFound('project', projectId));
    }
    await this.projects.delete(admin.value.tenantId, projectId);
    return ok(undefined);
  }
}
