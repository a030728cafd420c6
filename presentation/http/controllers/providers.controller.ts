import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { ConnectProviderInput } from '../../../application/cloud/cloud-input';
import { ProviderView, SyncView } from '../../../application/cloud/cloud.view';
import {
  ConnectProviderUseCase,
  DisconnectProviderUseCase,
  GetProviderUseCase,
  ListProvidersUseCase,
  TestProviderUseCase,
} from '../../../application/cloud/manage-providers.use-case';
import { SyncProviderUseCase } from '../../../application/cloud/sync-provider.use-case';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { UUID_PATTERN } from '../params';
import { unwrap } from '../result';

const ProviderParams = z.strictObject({ provider_id: z.uuid() });
const ConnectedView = ProviderView.extend({ sync: SyncView.nullable() });
const ProviderListView = z.object({ items: z.array(ProviderView) });
const TestView = z.object({
  id: z.uuid(),
  ok: z.boolean(),
  account: z.string().nullable(),
  regions: z.array(z.string()),
  error: z.string().nullable(),
  checked_at: z.iso.datetime(),
});

@Controller('v1')
export class ProvidersController {
  constructor(
    private readonly connect: ConnectProviderUseCase,
    private readonly listProviders: ListProvidersUseCase,
    private readonly getProvider: GetProviderUseCase,
    private readonly testProvider: TestProviderUseCase,
    private readonly syncProvider: SyncProviderUseCase,
    private readonly disconnect: DisconnectProviderUseCase,
  ) {}

  @Post('providers')
  @Api({
    access: 'admin',
    summary: 'Connect a cloud provider',
    description:
      'Checks the credentials against the cloud, seals them with AES-256-GCM (COCKPIT_ENCRYPTION_KEY) and runs the first sync. Credentials are never returned: responses show them masked.',
    tags: ['cloud'],
    body: ConnectProviderInput,
    response: ConnectedView,
    status: 201,
  })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: ConnectProviderInput,
  ): Promise<z.infer<typeof ConnectedView>> {
    return unwrap(await this.connect.execute(actor, body));
  }

  @Get('providers')
  @Api({
    access: 'viewer',
    summary: 'Connected cloud providers',
    description: 'Status, regions and last sync of each; credentials masked.',
    tags: ['cloud'],
    response: ProviderListView,
  })
  async list(@CurrentActor() actor: Actor): Promise<z.infer<typeof ProviderListView>> {
    return unwrap(await this.listProviders.execute(actor));
  }

  @Get('providers/:provider_id')
  @Api({
    access: 'viewer',
    summary: 'One provider',
    description: 'Credentials masked.',
    tags: ['cloud'],
    params: ProviderParams,
    response: ProviderView,
  })
  async get(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ProviderParams>,
  ): Promise<ProviderView> {
    return unwrap(await this.getProvider.execute(actor, params.provider_id));
  }

  @Post(`providers/:provider_id${UUID_PATTERN}::test`)
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Test the connection',
    description: 'Calls the cloud with the stored credentials; the outcome also updates the provider status.',
    tags: ['cloud'],
    params: ProviderParams,
    response: TestView,
  })
  async test(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ProviderParams>,
  ): Promise<z.infer<typeof TestView>> {
    return unwrap(await this.testProvider.execute(actor, params.provider_id));
  }

  @Post(`providers/:provider_id${UUID_PATTERN}::sync`)
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Sync inventory and costs now',
    description:
      'Incremental and idempotent: new resources are added, changed ones updated, vanished ones marked terminated; recent cost days are re-fetched; findings and budgets are re-evaluated.',
    tags: ['cloud'],
    params: ProviderParams,
    response: SyncView,
  })
  async sync(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ProviderParams>,
  ): Promise<SyncView> {
    return unwrap(await this.syncProvider.execute(actor, params.provider_id));
  }

  @Delete('providers/:provider_id')
  @HttpCode(204)
  @Api({
    access: 'admin',
    summary: 'Disconnect a provider',
    description: 'Forgets its credentials at once, with its inventory, cost records and findings.',
    tags: ['cloud'],
    params: ProviderParams,
    status: 204,
  })
  async remove(@CurrentActor() actor: Actor, @Param() params: z.infer<typeof ProviderParams>): Promise<void> {
    unwrap(await this.disconnect.execute(actor, params.provider_id));
  }
}
