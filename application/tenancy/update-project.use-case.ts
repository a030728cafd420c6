import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type Project } from '../../domain/tenancy/project.entity';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';

export const UpdateProjectInput = z.strictObject({
  name: z.string().min(1).max(120).optional(),
  description: z.string().max(2000).nullish(),
});
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export class UpdateProjectUseCase {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, projectId: string, input: UpdateProjectInput): Promise<Result<Project>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const current = await this.projects.findById(admin.value.tenantId, projectId);
    if (!current) return err(DomainError.notFound('project', projectId));
    const updated = current.update(input, this.clock.now());
    if (!updated.ok) return updated;
    if (!(await this.projects.update(updated.value))) {
      return err(
        DomainError.conflict(`a project named "${updated.value.name}" already exists`, 'project_name_taken'),
      );
    }
    return ok(updated.value);
  }
}
