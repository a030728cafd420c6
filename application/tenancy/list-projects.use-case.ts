import { type Result, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type Project } from '../../domain/tenancy/project.entity';
import { type Actor } from '../shared/actor';
import { authorizeTenant, canSeeProject } from '../shared/authorize';

export class ListProjectsUseCase {
  constructor(private readonly projects: ProjectRepository) {}

  async execute(actor: Actor): Promise<Result<readonly Project[]>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    const all = await this.projects.list(viewer.value.tenantId);
    return ok(all.filter((project) => canSeeProject(viewer.value, project.id)));
  }
}
