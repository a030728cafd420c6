import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { type Actor } from '../../../application/shared/actor';
import { ListWorkflowsInput } from '../../../application/workflows/workflow-input';
import { WorkflowListViewSchema, WorkflowViewSchema } from '../../../application/workflows/workflow.view';
import { Workflows, type WorkflowView } from '../../../application/workflows/workflows';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { UUID_PATTERN } from '../params';
import { unwrap } from '../result';

const WorkflowParams = z.strictObject({ workflow_id: z.uuid() });
type WorkflowParams = z.infer<typeof WorkflowParams>;

const TAGS = ['workflows'];

@Controller('v1')
export class WorkflowsController {
  constructor(private readonly workflows: Workflows) {}

  @Get('workflows')
  @Api({
    access: 'viewer',
    summary: 'Workflows',
    description:
      'Newest first with an opaque keyset cursor; filter by kind and status. Each item carries node counts by status (`progress`); read one workflow for its nodes.',
    tags: TAGS,
    query: ListWorkflowsInput,
    response: WorkflowListViewSchema,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListWorkflowsInput,
  ): Promise<{ items: WorkflowView[]; next_cursor: string | null }> {
    return unwrap(await this.workflows.list(actor, query));
  }

  @Get('workflows/:workflow_id')
  @Api({
    access: 'viewer',
    summary: 'One workflow',
    description:
      'Its nodes with their states, attempts, timings, outputs, errors and the worker that ran them. Live updates: subscribe to `workflow:<id>` on /v1/ws (`workflow.node_updated`, `workflow.finished`).',
    tags: TAGS,
    params: WorkflowParams,
    response: WorkflowViewSchema,
  })
  async get(@CurrentActor() actor: Actor, @Param() params: WorkflowParams): Promise<WorkflowView> {
    return unwrap(await this.workflows.get(actor, params.workflow_id));
  }

  @Post(`workflows/:workflow_id${UUID_PATTERN}::cancel`)
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Cancel a workflow',
    description:
      'Nodes not started are cancelled; running nodes get their abort signal, on whichever worker they run. Cancelling a cancelled workflow is a no-op; a finished one answers 409.',
    tags: TAGS,
    params: WorkflowParams,
    response: WorkflowViewSchema,
  })
  async cancel(@CurrentActor() actor: Actor, @Param() params: WorkflowParams): Promise<WorkflowView> {
    return unwrap(await this.workflows.cancel(actor, params.workflow_id));
  }

  @Post(`workflows/:workflow_id${UUID_PATTERN}::retry`)
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Retry a failed or cancelled workflow',
    description:
      'Failed, cancelled and skipped nodes run again with fresh attempts; succeeded nodes keep their outputs and do not run again. 409 for a running or succeeded workflow.',
    tags: TAGS,
    params: WorkflowParams,
    response: WorkflowViewSchema,
  })
  async retry(@CurrentActor() actor: Actor, @Param() params: WorkflowParams): Promise<WorkflowView> {
    return unwrap(await this.workflows.retry(actor, params.workflow_id));
  }
}
