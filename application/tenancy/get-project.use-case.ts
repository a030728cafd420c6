import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type Project } from '../../domain/tenancy/project.entity';
import { type Actor } from '../shared/actor';
import { authorizeTenant, canSeeProject } from '../shared/authorize';

export class GetProjectUseCase {
  constructor(private readonly projects: ProjectRepository) {}

  async execute(actor: Actor, projectId: string): Promise<Result<Project>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    const project = canSeeProject(viewer.value, projectId)
      ? await this.projects.findById(viewer.value.tenantId, projectId)
      : null;
    return project ? ok(project) : err(DomainError.notFound('project', projectId));
  }
}
