import { z } from 'zod';
import {
  type ConnectProviderUseCase,
  type DisconnectProviderUseCase,
  type GetProviderUseCase,
  type ListProvidersUseCase,
  type TestProviderUseCase,
} from '../../application/cloud/manage-providers.use-case';
import { type SyncProviderUseCase } from '../../application/cloud/sync-provider.use-case';
import { DomainError } from '../../domain/shared/domain-error';
import { err } from '../../domain/shared/result';
import { type McpServerDefinition } from '../shared/definitions';
import {
  connectProviderTool,
  disconnectProviderTool,
  getProviderTool,
  listProvidersTool,
  syncProviderTool,
  testProviderTool,
} from './tools/provider.tools';

export interface CloudProviderDeps {
  readonly listProviders: ListProvidersUseCase;
  readonly getProvider: GetProviderUseCase;
  readonly connectProvider: ConnectProviderUseCase;
  readonly testProvider: TestProviderUseCase;
  readonly syncProvider: SyncProviderUseCase;
  readonly disconnectProvider: DisconnectProviderUseCase;
}

/** Cloud accounts: connect (credentials go in, never come out), test, sync and disconnect. */
export function cloudProviderService(deps: CloudProviderDeps): McpServerDefinition {
  return {
    name: 'cloud-provider-service',
    title: 'Cockpit cloud providers',
    instructions:
      "The cloud accounts of the caller's Cockpit tenant (AWS, Azure, GCP and a simulated cloud): list and inspect them, connect one (Admin; credentials are sealed and only ever shown masked), test the stored credentials, sync inventory and costs now, and disconnect (Admin). Every call is scoped to the tenant of the credential.",
    tools: [
      listProvidersTool(deps.listProviders),
      getProviderTool(deps.getProvider),
      connectProviderTool(deps.connectProvider),
      testProviderTool(deps.testProvider),
      syncProviderTool(deps.syncProvider),
      disconnectProviderTool(deps.disconnectProvider),
    ],
    resources: [
      {
        name: 'provider',
        title: 'Cloud provider',
        description: 'One connected cloud account, credentials masked',
        uri: 'provider://{id}',
        mimeType: 'application/json',
        access: 'viewer',
        read(actor, { id }) {
          if (!z.uuid().safeParse(id).success)
            return Promise.resolve(err(DomainError.notFound('provider', id)));
          return deps.getProvider.execute(actor, id as string);
        },
      },
    ],
    prompts: [],
  };
}
