import { z } from 'zod';
import { type ListThreatsUseCase } from '../../application/cloud/list-threats.use-case';
import {
  type CreateResourceUseCase,
  type GetResourceUseCase,
  type ListResourcesUseCase,
  type ResourceLifecycleUseCase,
} from '../../application/cloud/manage-resources.use-case';
import { DomainError } from '../../domain/shared/domain-error';
import { err } from '../../domain/shared/result';
import { type McpServerDefinition } from '../shared/definitions';
import { lifecycleTool } from './tools/lifecycle.tools';
import {
  createResourceTool,
  getResourceTool,
  listResourcesTool,
  listThreatsTool,
} from './tools/resource.tools';

export interface InfrastructureResourceDeps {
  readonly listResources: ListResourcesUseCase;
  readonly getResource: GetResourceUseCase;
  readonly createResource: CreateResourceUseCase;
  readonly lifecycle: ResourceLifecycleUseCase;
  readonly listThreats: ListThreatsUseCase;
}

/** The resource inventory, VM creation and the policy-gated lifecycle, and threat findings. */
export function infrastructureResourceService(deps: InfrastructureResourceDeps): McpServerDefinition {
  return {
    name: 'infrastructure-resource-service',
    title: 'Cockpit infrastructure resources',
    instructions:
      "The cloud resource inventory of the caller's Cockpit tenant across every connected provider: search and inspect resources, create VMs, start, stop and terminate them (gated by the project's policy; an approval_required answer means: get the approval decided, then repeat the call with decision_token and run_id), and read threat findings with a risk score. Every call is scoped to the tenant of the credential.",
    tools: [
      listResourcesTool(deps.listResources),
      getResourceTool(deps.getResource),
      createResourceTool(deps.createResource),
      lifecycleTool(deps.lifecycle, 'start'),
      lifecycleTool(deps.lifecycle, 'stop'),
      lifecycleTool(deps.lifecycle, 'terminate'),
      listThreatsTool(deps.listThreats),
    ],
    resources: [
      {
        name: 'resource',
        title: 'Cloud resource',
        description: 'One inventory resource with its configuration facts',
        uri: 'resource://{id}',
        mimeType: 'application/json',
        access: 'viewer',
        read(actor, { id }) {
          if (!z.uuid().safeParse(id).success)
            return Promise.resolve(err(DomainError.notFound('resource', id)));
          return deps.getResource.execute(actor, id as string);
        },
      },
    ],
    prompts: [],
  };
}
