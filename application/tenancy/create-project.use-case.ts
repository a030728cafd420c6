import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { Project } from '../../domain/tenancy/project.entity';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';

export const CreateProjectInput = z.strictObject({
  name: z.string().min(1).max(120).describe('Unique inside the tenant, case-insensitively'),
  description: z.string().max(2000).nullish(),
});
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export class CreateProjectUseCase {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly events: EventPublisher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CreateProjectInput): Promise<Result<Project>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const now = this.clock.now();
    const project = Project.create({ id: this.ids.next(), tenantId: admin.value.tenantId, ...input, now });
    if (!project.ok) return project;
    if (!(await this.projects.create(project.value))) {
      return err(
        DomainError.conflict(`a project named "${project.value.name}" already exists`, 'project_name_taken'),
      );
    }
    await this.events.publish({
      tenantId: project.value.tenantId,
      type: 'project.created',
      topics: [`project:${project.value.id}`],
      data: { project_id: project.value.id, name: project.value.name },
      at: now.toISOString(),
    });
    return ok(project.value);
  }
}
