import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppendStepsUseCase } from '../../../application/runs/append-steps.use-case';
import { CreateRunUseCase } from '../../../application/runs/create-run.use-case';
import { FinishRunUseCase } from '../../../application/runs/finish-run.use-case';
import { GetRunUseCase } from '../../../application/runs/get-run.use-case';
import { ListRunStepsInput, ListRunStepsUseCase } from '../../../application/runs/list-run-steps.use-case';
import { ListRunsInput, ListRunsUseCase } from '../../../application/runs/list-runs.use-case';
import { CreateRunInput, FinishRunInput } from '../../../application/runs/run-input';
import { RunView, toRunView } from '../../../application/runs/run.view';
import { StepBatchResultView, type StepBatchResult } from '../../../application/runs/step-result';
import { StepView } from '../../../application/runs/step.view';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { IngestLimits } from '../ingest-limits';
import { RunParams, UUID_PATTERN } from '../params';
import { ProblemException, problemType, titleFor } from '../problem';
import { unwrap } from '../result';

const StepBatch = z.strictObject({
  steps: z
    .array(z.unknown())
    .min(1)
    .max(10_000)
    .describe('At most COCKPIT_INGEST_MAX_STEPS (1,000 by default)'),
});
const RunListView = z.object({ items: z.array(RunView), next_cursor: z.string().nullable() });
const StepTreeNode: z.ZodType = z.lazy(() => StepView.extend({ children: z.array(StepTreeNode) }));
const StepListView = z.object({
  view: z.enum(['flat', 'tree']),
  items: z.array(z.union([StepView, StepTreeNode])),
  next_cursor: z.string().nullable(),
});

@Controller('v1/runs')
export class RunsController {
  constructor(
    private readonly createRun: CreateRunUseCase,
    private readonly appendSteps: AppendStepsUseCase,
    private readonly finishRun: FinishRunUseCase,
    private readonly listRuns: ListRunsUseCase,
    private readonly getRun: GetRunUseCase,
    private readonly listSteps: ListRunStepsUseCase,
    private readonly limits: IngestLimits,
  ) {}

  @Post()
  @Api({
    access: 'developer',
    summary: 'Start a run',
    description:
      'With a project API key the project is implied. A client-chosen id makes the call idempotent: the same id again answers 200 with the existing run.',
    tags: ['runs'],
    body: CreateRunInput,
    response: RunView,
    status: 201,
  })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateRunInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunView> {
    const { run, created } = unwrap(await this.createRun.execute(actor, body));
    reply.status(created ? 201 : 200);
    return toRunView(run);
  }

  @Post(':run_id/steps')
  @Api({
    access: 'developer',
    summary: 'Append a batch of steps',
    description:
      'Each step is judged on its own: 200 when every step was stored (or already was: resent ids are reported as duplicates, never stored twice), 207 with per-step results when some were rejected; the good ones are stored either way.',
    tags: ['runs'],
    params: RunParams,
    body: StepBatch,
    response: StepBatchResultView,
  })
  async append(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof RunParams>,
    @Body() body: z.infer<typeof StepBatch>,
    @Headers('content-length') contentLength: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StepBatchResult> {
    if (contentLength && Number(contentLength) > this.limits.maxBytes) {
      throw new ProblemException({
        type: problemType('batch-too-large'),
        title: titleFor(413),
        status: 413,
        detail: `a step batch is at most ${this.limits.maxBytes} bytes: split it`,
      });
    }
    const outcome = unwrap(await this.appendSteps.execute(actor, params.run_id, body.steps));
    const only = outcome.results.length === 1 ? outcome.results[0] : undefined;
    if (only?.code === 403) {
      // a single tool step refused for its decision token is simply forbidden
      throw new ProblemException({
        type: problemType(only.error?.code ?? 'forbidden'),
        title: titleFor(403),
        status: 403,
        detail: only.error?.message ?? 'forbidden',
        reason: only.error?.reason,
        results: outcome.results,
      });
    }
    reply.status(outcome.rejected > 0 ? 207 : 200);
    return outcome;
  }

  @Post(`:run_id${UUID_PATTERN}::finish`)
  @Api({
    access: 'developer',
    summary: 'Finish a run',
    description:
      'Idempotent: the same finish again returns the same run; a different status or end time answers 409.',
    tags: ['runs'],
    params: RunParams,
    body: FinishRunInput,
    response: RunView,
  })
  async finish(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof RunParams>,
    @Body() body: FinishRunInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunView> {
    const run = unwrap(await this.finishRun.execute(actor, params.run_id, body));
    reply.status(200);
    return toRunView(run);
  }

  @Get()
  @Api({
    access: 'viewer',
    summary: 'Search runs',
    description:
      'Newest first, keyset-paginated (pass next_cursor as cursor). Filters: time range, status, model, tool, tags, project and the whitelisted metadata fields env, release, agent_version.',
    tags: ['runs'],
    query: ListRunsInput,
    response: RunListView,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListRunsInput,
  ): Promise<z.infer<typeof RunListView>> {
    const page = unwrap(await this.listRuns.execute(actor, query));
    return { items: page.items.map(toRunView), next_cursor: page.nextCursor };
  }

  @Get(':run_id')
  @Api({
    access: 'viewer',
    summary: 'Get a run with its totals',
    tags: ['runs'],
    params: RunParams,
    response: RunView,
  })
  async get(@CurrentActor() actor: Actor, @Param() params: z.infer<typeof RunParams>): Promise<RunView> {
    return toRunView(unwrap(await this.getRun.execute(actor, params.run_id)));
  }

  @Get(':run_id/steps')
  @Api({
    access: 'viewer',
    summary: "A run's steps: the timeline (flat, paginated) or the tree of parent links",
    tags: ['runs'],
    params: RunParams,
    query: ListRunStepsInput,
    response: StepListView,
  })
  async steps(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof RunParams>,
    @Query() query: ListRunStepsInput,
  ): Promise<z.infer<typeof StepListView>> {
    const steps = unwrap(await this.listSteps.execute(actor, params.run_id, query));
    return { view: steps.view, items: [...steps.items], next_cursor: steps.nextCursor };
  }
}
