import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  CreateResourceInput,
  LifecycleInput,
  ListResourcesInput,
} from '../../../application/cloud/cloud-input';
import {
  type ApprovalRequired,
  ApprovalRequiredView,
  ResourceView,
  isApprovalRequired,
} from '../../../application/cloud/cloud.view';
import {
  CreateResourceUseCase,
  GetResourceUseCase,
  ListResourcesUseCase,
  ResourceLifecycleUseCase,
} from '../../../application/cloud/manage-resources.use-case';
import { type LifecycleAction } from '../../../domain/cloud/resource.entity';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { UUID_PATTERN } from '../params';
import { unwrap } from '../result';

const ResourceParams = z.strictObject({ resource_id: z.uuid() });
const ResourceListView = z.object({ items: z.array(ResourceView), next_cursor: z.string().nullable() });
const LifecycleResult = z.union([ResourceView, ApprovalRequiredView]);

const LIFECYCLE_DESCRIPTION =
  'Follows the state machine pending → running ⇄ stopped → terminated (409 otherwise). The project policy decides cloud.start / cloud.stop / cloud.terminate: on require_approval the answer is 202 with an approval request; repeat the call with the decision_token and run_id from the approval to go ahead.';

@Controller('v1')
export class ResourcesController {
  constructor(
    private readonly listResources: ListResourcesUseCase,
    private readonly getResource: GetResourceUseCase,
    private readonly createResource: CreateResourceUseCase,
    private readonly lifecycle: ResourceLifecycleUseCase,
  ) {}

  @Get('resources')
  @Api({
    access: 'viewer',
    summary: 'The resource inventory',
    description:
      'Newest first with an opaque keyset cursor; filter by provider, region, type, state and tag (`key` or `key=value`).',
    tags: ['cloud'],
    query: ListResourcesInput,
    response: ResourceListView,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListResourcesInput,
  ): Promise<z.infer<typeof ResourceListView>> {
    return unwrap(await this.listResources.execute(actor, query));
  }

  @Get('resources/:resource_id')
  @Api({
    access: 'viewer',
    summary: 'One resource',
    description: 'With the configuration facts the threat rules read.',
    tags: ['cloud'],
    params: ResourceParams,
    response: ResourceView,
  })
  async get(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ResourceParams>,
  ): Promise<ResourceView> {
    return unwrap(await this.getResource.execute(actor, params.resource_id));
  }

  @Post('resources')
  @Api({
    access: 'developer',
    summary: 'Create a VM',
    description:
      'Through the provider API; it enters the inventory as pending and turns running on a later sync.',
    tags: ['cloud'],
    body: CreateResourceInput,
    response: ResourceView,
    status: 201,
  })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateResourceInput): Promise<ResourceView> {
    return unwrap(await this.createResource.execute(actor, body));
  }

  @Post(`resources/:resource_id${UUID_PATTERN}::start`)
  @Api({ ...lifecycleDoc('Start a resource'), params: ResourceParams })
  async start(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ResourceParams>,
    @Body() body: LifecycleInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResourceView | ApprovalRequired> {
    return this.act(actor, params.resource_id, 'start', body, reply);
  }

  @Post(`resources/:resource_id${UUID_PATTERN}::stop`)
  @Api({ ...lifecycleDoc('Stop a resource'), params: ResourceParams })
  async stop(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ResourceParams>,
    @Body() body: LifecycleInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResourceView | ApprovalRequired> {
    return this.act(actor, params.resource_id, 'stop', body, reply);
  }

  @Post(`resources/:resource_id${UUID_PATTERN}::terminate`)
  @Api({ ...lifecycleDoc('Terminate a resource (destructive)'), params: ResourceParams })
  async terminate(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ResourceParams>,
    @Body() body: LifecycleInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResourceView | ApprovalRequired> {
    return this.act(actor, params.resource_id, 'terminate', body, reply);
  }

  private async act(
    actor: Actor,
    id: string,
    action: LifecycleAction,
    body: LifecycleInput,
    reply: FastifyReply,
  ): Promise<ResourceView | ApprovalRequired> {
    const result = unwrap(await this.lifecycle.execute(actor, id, action, body ?? {}));
    reply.status(isApprovalRequired(result) ? 202 : 200);
    return result;
  }
}

function lifecycleDoc(summary: string) {
  return {
    access: 'developer' as const,
    summary,
    description: LIFECYCLE_DESCRIPTION,
    tags: ['cloud'],
    body: LifecycleInput,
    response: LifecycleResult,
  };
}
