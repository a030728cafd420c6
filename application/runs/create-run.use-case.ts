import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { Run } from '../../domain/runs/run.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { storable, storableText } from '../../domain/shared/storable-text';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { runTopics } from './run-access';
import { type CreateRunInput } from './run-input';
import { type TenantRedaction } from './tenant-redaction';

/**
 * Starts a run. With a client id the call is idempotent: the same id again returns the run that
 * exists (`created: false`), provided it belongs to the same project.
 */
export class CreateRunUseCase {
  constructor(
    private readonly runs: RunRepository,
    private readonly projects: ProjectRepository,
    private readonly redaction: TenantRedaction,
    private readonly events: EventPublisher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CreateRunInput): Promise<Result<{ run: Run; created: boolean }>> {
    const writer = authorizeTenant(actor, 'developer');
    if (!writer.ok) return writer;
    const tenantId = writer.value.tenantId;
    let projectId = input.project_id;
    if (writer.value.kind === 'api_key') {
      if (projectId && projectId !== writer.value.projectId)
        return err(DomainError.notFound('project', projectId));
      projectId = writer.value.projectId;
    } else if (!projectId) {
      const message = 'project_id is required when signed in as a user (an API key implies its project)';
      return err(DomainError.validation(message, [{ path: 'project_id', message }]));
    }
    if (!(await this.projects.findById(tenantId, projectId)))
      return err(DomainError.notFound('project', projectId));

    const now = this.clock.now();
    const metadata = input.metadata
      ? ((await this.redaction.forTenant(tenantId)).redact(storable(input.metadata), 'metadata')
          .value as Record<string, unknown>)
      : {};
    const run = Run.start({
      tenantId,
      id: input.id ?? this.ids.next(),
      projectId,
      name: input.name === undefined ? undefined : storableText(input.name),
      startedAt: input.started_at ? new Date(input.started_at) : undefined,
      tags: input.tags?.map(storableText),
      metadata,
      now,
    });
    if (!(await this.runs.create(run))) {
      const existing = await this.runs.findById(tenantId, run.id);
      if (!existing || existing.projectId !== projectId) {
        return err(DomainError.conflict(`run id ${run.id} is already in use`, 'run_id_taken'));
      }
      return ok({ run: existing, created: false });
    }
    await this.events.publish({
      tenantId,
      type: 'run.created',
      topics: runTopics(run),
      data: {
        run_id: run.id,
        project_id: projectId,
        name: run.name,
        status: run.status,
        started_at: run.startedAt.toISOString(),
      },
      at: now.toISOString(),
    });
    return ok({ run, created: true });
  }
}
