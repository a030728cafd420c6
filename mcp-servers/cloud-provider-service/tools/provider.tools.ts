import { z } from 'zod';
import { ConnectProviderInput } from '../../../application/cloud/cloud-input';
import { ProviderView, SyncView } from '../../../application/cloud/cloud.view';
import {
  type ConnectProviderUseCase,
  type DisconnectProviderUseCase,
  type GetProviderUseCase,
  type ListProvidersUseCase,
  type TestProviderUseCase,
} from '../../../application/cloud/manage-providers.use-case';
import { type SyncProviderUseCase } from '../../../application/cloud/sync-provider.use-case';
import { ok } from '../../../domain/shared/result';
import { defineTool } from '../../shared/definitions';

const ProviderId = z.strictObject({ provider_id: z.uuid().describe('Provider id (from list_providers)') });

export const listProvidersTool = (list: ListProvidersUseCase) =>
  defineTool({
    name: 'list_providers',
    title: 'List cloud providers',
    description:
      'The cloud accounts connected to the tenant (AWS, Azure, GCP, simulated) with status, regions, account and last sync. Credentials appear masked.',
    input: z.strictObject({}),
    output: z.object({ items: z.array(ProviderView) }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor) => list.execute(actor),
  });

export const getProviderTool = (get: GetProviderUseCase) =>
  defineTool({
    name: 'get_provider',
    title: 'Get a cloud provider',
    description:
      'One connected cloud account by id, with status, regions and last sync error. Credentials masked.',
    input: ProviderId,
    output: ProviderView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => get.execute(actor, input.provider_id),
  });

const ConnectedView = ProviderView.extend({
  sync: SyncView.nullable().describe(
    'The first inventory and cost sync, when sync was true and it succeeded',
  ),
});

export const connectProviderTool = (connect: ConnectProviderUseCase) =>
  defineTool({
    name: 'connect_provider',
    title: 'Connect a cloud provider',
    description:
      'Connects a cloud account: the credentials are checked against the cloud first, sealed with AES-256-GCM and never returned (the answer shows them masked). By default runs the first inventory and cost sync. kind=simulated needs no real account (credentials seed and size).',
    input: ConnectProviderInput,
    output: ConnectedView,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    access: 'admin',
    run: (actor, input) => connect.execute(actor, input),
  });

const TestView = z.object({
  id: z.uuid(),
  ok: z.boolean(),
  account: z.string().nullable(),
  regions: z.array(z.string()),
  error: z.string().nullable(),
  checked_at: z.iso.datetime(),
});

export const testProviderTool = (test: TestProviderUseCase) =>
  defineTool({
    name: 'test_provider',
    title: 'Test a provider connection',
    description:
      "Calls the cloud with the stored credentials and reports whether they work; the outcome also updates the provider's status.",
    input: ProviderId,
    output: TestView,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    access: 'developer',
    run: (actor, input) => test.execute(actor, input.provider_id),
  });

export const syncProviderTool = (sync: SyncProviderUseCase) =>
  defineTool({
    name: 'sync_provider',
    title: 'Sync inventory and costs now',
    description:
      'Incremental, idempotent sync of one provider: new resources are added, changed ones updated, vanished ones marked terminated; recent cost days are re-fetched; threat findings and budgets are re-evaluated.',
    input: ProviderId,
    output: SyncView,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    access: 'developer',
    run: (actor, input) => sync.execute(actor, input.provider_id),
  });

export const disconnectProviderTool = (disconnect: DisconnectProviderUseCase) =>
  defineTool({
    name: 'disconnect_provider',
    title: 'Disconnect a cloud provider',
    description:
      "Forgets the provider's credentials at once, together with its inventory, cost records and findings. The cloud account itself is not touched.",
    input: ProviderId,
    output: z.object({ provider_id: z.uuid(), disconnected: z.literal(true) }),
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    access: 'admin',
    async run(actor, input) {
      const done = await disconnect.execute(actor, input.provider_id);
      return done.ok ? ok({ provider_id: input.provider_id, disconnected: true as const }) : done;
    },
  });
