import { z } from 'zod';
import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type Run } from '../../domain/runs/run.entity';
import { RUN_STATUSES } from '../../domain/runs/step-kind';
import { DomainError } from '../../domain/shared/domain-error';
import { type Page } from '../../domain/shared/page';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { encodeCursor, positionFrom } from '../shared/cursor';

const tag = z.string().min(1).max(100);

export const ListRunsInput = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional().describe('Runs that started at or after this instant'),
  to: z.iso.datetime({ offset: true }).optional().describe('Runs that started before this instant'),
  status: z.enum(RUN_STATUSES).optional(),
  model: z.string().max(200).optional(),
  model_name: z.string().max(200).optional().describe('Same as model'),
  tool: z.string().max(200).optional(),
  tool_name: z.string().max(200).optional().describe('Same as tool'),
  tag: z
    .union([tag, z.array(tag).max(10)])
    .optional()
    .describe('Repeat for several tags: every one must be present'),
  project_id: z.uuid().optional(),
  env: z.string().max(200).optional(),
  release: z.string().max(200).optional(),
  agent_version: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListRunsInput = z.infer<typeof ListRunsInput>;

/** Runs of the tenant, newest first, in a stable (started_at, id) order with an opaque cursor. */
export class ListRunsUseCase {
  constructor(private readonly runs: RunRepository) {}

  async execute(actor: Actor, input: ListRunsInput): Promise<Result<Page<Run>>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    const before = positionFrom(input.cursor);
    if (!before.ok) return before;
    let projectId = input.project_id;
    if (viewer.value.kind === 'api_key') {
      if (projectId && projectId !== viewer.value.projectId) return ok({ items: [], nextCursor: null });
      projectId = viewer.value.projectId;
    }
    if (input.from && input.to && new Date(input.from) > new Date(input.to)) {
      const message = 'from must not be after to';
      return err(DomainError.validation(message, [{ path: 'from', message }]));
    }
    const rows = await this.runs.list(viewer.value.tenantId, {
      projectId,
      from: input.from ? new Date(input.from) : undefined,
      to: input.to ? new Date(input.to) : undefined,
      status: input.status,
      model: input.model ?? input.model_name,
      tool: input.tool ?? input.tool_name,
      tags: input.tag === undefined ? undefined : ([] as string[]).concat(input.tag),
      env: input.env,
      release: input.release,
      agentVersion: input.agent_version,
      before: before.value ?? undefined,
      limit: input.limit + 1,
    });
    const items = rows.slice(0, input.limit);
    const last = items[items.length - 1];
    return ok({
      items,
      nextCursor:
        rows.length > input.limit && last ? encodeCursor([last.startedAt.toISOString(), last.id]) : null,
    });
  }
}
