import { z } from 'zod';
import {
  CreateResourceInput,
  ListResourcesInput,
  ThreatsInput,
} from '../../../application/cloud/cloud-input';
import { ResourceView } from '../../../application/cloud/cloud.view';
import { type ListThreatsUseCase, ThreatsView } from '../../../application/cloud/list-threats.use-case';
import {
  type CreateResourceUseCase,
  type GetResourceUseCase,
  type ListResourcesUseCase,
} from '../../../application/cloud/manage-resources.use-case';
import { defineTool } from '../../shared/definitions';

export const listResourcesTool = (list: ListResourcesUseCase) =>
  defineTool({
    name: 'list_resources',
    title: 'List cloud resources',
    description:
      'The resource inventory across connected clouds, newest first: VMs, buckets, volumes, security groups, IAM policies and more, with state, size, tags and hourly cost. Filter by provider, region, type, state and tag (`key` or `key=value`); pass next_cursor back as cursor for more.',
    input: ListResourcesInput,
    output: z.object({ items: z.array(ResourceView), next_cursor: z.string().nullable() }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => list.execute(actor, input),
  });

export const getResourceTool = (get: GetResourceUseCase) =>
  defineTool({
    name: 'get_resource',
    title: 'Get a cloud resource',
    description: 'One inventory resource by id, with the configuration facts the threat rules read.',
    input: z.strictObject({ resource_id: z.uuid() }),
    output: ResourceView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => get.execute(actor, input.resource_id),
  });

export const createResourceTool = (create: CreateResourceUseCase) =>
  defineTool({
    name: 'create_resource',
    title: 'Create a VM',
    description:
      "Creates a virtual machine through the provider's API (it costs money on a real cloud). It enters the inventory as pending and turns running on a later sync.",
    input: CreateResourceInput,
    output: ResourceView,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    access: 'developer',
    run: (actor, input) => create.execute(actor, input),
  });

export const listThreatsTool = (list: ListThreatsUseCase) =>
  defineTool({
    name: 'list_threats',
    title: 'List threat findings',
    description:
      'Open findings of the rule pack over resource configuration (public admin ports, public buckets, unencrypted disks, production tagging and termination protection, IAM wildcards, LLM endpoint and vector DB in different regions), worst first, with evidence and remediation, plus a risk score per provider and for the tenant.',
    input: ThreatsInput,
    output: ThreatsView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => list.execute(actor, input),
  });
