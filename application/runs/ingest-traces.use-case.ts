import { type EncodedBody, type OtlpCodec } from '../../domain/runs/ports/otlp-codec.port';
import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { Run } from '../../domain/runs/run.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { storable } from '../../domain/shared/storable-text';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type Actor, type TenantActor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type MappedTrace, mapSpans } from './otlp-mapping';
import { runTopics } from './run-access';
import { type StepWriter } from './step-writer';
import { type TenantRedaction } from './tenant-redaction';

/** The resource attribute that names the project when a user token (not a project API key) exports. */
export const PROJECT_ATTRIBUTE = 'cockpit.project_id';

export interface IngestedTraces {
  readonly response: EncodedBody;
  readonly traces: number;
  readonly acceptedSpans: number;
  readonly rejectedSpans: number;
}

/**
 * `POST /v1/traces`: an OTLP/HTTP trace export becomes runs and steps. Each trace id is one run
 * (created when first seen, named and finished when its root span arrives); each span one step,
 * written exactly like a REST step batch, so retried exports never duplicate steps.
 */
export class IngestTracesUseCase {
  constructor(
    private readonly codec: OtlpCodec,
    private readonly runs: RunRepository,
    private readonly projects: ProjectRepository,
    private readonly writer: StepWriter,
    private readonly redaction: TenantRedaction,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    input: { body: Uint8Array; contentType: string | undefined },
  ): Promise<Result<IngestedTraces>> {
    const ingester = authorizeTenant(actor, 'developer');
    if (!ingester.ok) return ingester;
    const encoding = this.codec.encodingOf(input.contentType);
    if (!encoding) {
      return err(
        DomainError.validation(
          'send application/x-protobuf or application/json',
          [],
          'unsupported_media_type',
        ),
      );
    }
    const spans = this.codec.decode(input.body, encoding);
    if (!spans.ok) return spans;

    let accepted = 0;
    let rejected = 0;
    let firstError = '';
    const traces = mapSpans(spans.value);
    for (const trace of traces) {
      const projectId = await this.projectOf(ingester.value, trace);
      if (!projectId.ok) return projectId;
      const written = await this.writer.write(ingester.value.tenantId, trace.run.id, trace.steps, () =>
        this.resolveRun(ingester.value.tenantId, projectId.value, trace),
      );
      if (!written.ok) return written;
      accepted += written.value.results.length - written.value.rejected;
      rejected += written.value.rejected;
      firstError ||= written.value.results.find((r) => r.error)?.error?.message ?? '';
    }
    const response =
      rejected > 0
        ? this.codec.response(encoding, { rejectedSpans: rejected, errorMessage: firstError })
        : this.codec.response(encoding);
    return ok({ response, traces: traces.length, acceptedSpans: accepted, rejectedSpans: rejected });
  }

  private async projectOf(actor: TenantActor, trace: MappedTrace): Promise<Result<string>> {
    const resource = (trace.run.metadata.resource ?? {}) as Record<string, unknown>;
    const named =
      typeof resource[PROJECT_ATTRIBUTE] === 'string' ? (resource[PROJECT_ATTRIBUTE] as string) : undefined;
    if (actor.kind === 'api_key') {
      if (named && named !== actor.projectId) return err(DomainError.notFound('project', named));
      return ok(actor.projectId);
    }
    if (!named) {
      const message = `export with a project API key, or set the resource attribute ${PROJECT_ATTRIBUTE}`;
      return err(DomainError.validation(message, [{ path: `resource.${PROJECT_ATTRIBUTE}`, message }]));
    }
    return (await this.projects.findById(actor.tenantId, named))
      ? ok(named)
      : err(DomainError.notFound('project', named));
  }

  /** Inside the write's transaction: the trace's run, created, renamed or finished as this export says. */
  private async resolveRun(tenantId: TenantId, projectId: string, trace: MappedTrace): Promise<Result<Run>> {
    const now = this.clock.now();
    let run = await this.runs.findById(tenantId, trace.run.id);
    if (run && run.projectId !== projectId)
      return err(DomainError.conflict(`trace ${trace.run.id} belongs to another project`));
    if (!run) {
      const metadata = (await this.redaction.forTenant(tenantId)).redact(
        storable(trace.run.metadata),
        'metadata',
      ).value;
      run = Run.start({
        tenantId,
        id: trace.run.id,
        projectId,
        name: trace.run.name,
        startedAt: new Date(trace.run.started_at),
        tags: trace.run.tags,
        metadata: metadata as Record<string, unknown>,
        now,
      });
      if (!(await this.runs.create(run))) return this.resolveRun(tenantId, projectId, trace); // lost a race
      await this.announce(run, 'run.created', {
        name: run.name,
        status: run.status,
        started_at: run.startedAt.toISOString(),
      });
    }
    if (trace.root_span_id === null) return ok(run);
    // the root span is in this export: its name and outcome are final
    const renamed = run.rename(trace.run.name, now);
    if (renamed !== run) {
      await this.runs.saveName(renamed);
      run = renamed;
    }
    if (trace.run.status !== 'running' && !run.isFinished) {
      const finished = run.finish(
        trace.run.status,
        trace.run.ended_at ? new Date(trace.run.ended_at) : undefined,
        now,
      );
      if (finished.ok && finished.value.changed && (await this.runs.saveFinish(finished.value.run))) {
        run = finished.value.run;
        await this.announce(run, 'run.finished', {
          status: run.status,
          ended_at: run.endedAt?.toISOString() ?? null,
        });
      }
    }
    return ok(run);
  }

  private announce(run: Run, type: string, data: Record<string, unknown>): Promise<void> {
    return this.events.publish({
      tenantId: run.tenantId,
      type,
      topics: runTopics(run),
      data: { run_id: run.id, project_id: run.projectId, ...data },
      at: this.clock.now().toISOString(),
    });
  }
}
