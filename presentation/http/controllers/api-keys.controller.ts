import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { type Actor } from '../../../application/shared/actor';
import { ApiKeyView, CreatedApiKeyView, toApiKeyView } from '../../../application/tenancy/api-key.view';
import { CreateApiKeyInput, CreateApiKeyUseCase } from '../../../application/tenancy/create-api-key.use-case';
import { ListApiKeysUseCase } from '../../../application/tenancy/list-api-keys.use-case';
import { RevokeApiKeyUseCase } from '../../../application/tenancy/revoke-api-key.use-case';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { ApiKeyParams, NoQuery, ProjectParams } from '../params';
import { unwrap } from '../result';

const ApiKeyListView = z.object({ items: z.array(ApiKeyView) });

@Controller('v1/projects/:project_id/api-keys')
export class ApiKeysController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase,
    private readonly listKeys: ListApiKeysUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Post()
  @Api({
    access: 'admin',
    summary: 'Create a project API key',
    description:
      'The answer carries the key once; only its digest is stored. Send it as `Authorization: Bearer` or `X-Api-Key`.',
    tags: ['api-keys'],
    params: ProjectParams,
    body: CreateApiKeyInput,
    response: CreatedApiKeyView,
    status: 201,
  })
  async create(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ProjectParams>,
    @Body() body: CreateApiKeyInput,
  ): Promise<CreatedApiKeyView> {
    const created = unwrap(await this.createKey.execute(actor, params.project_id, body));
    return { ...toApiKeyView(created.apiKey), key: created.secret };
  }

  @Get()
  @Api({
    access: 'admin',
    summary: "List a project's API keys (never the keys themselves)",
    tags: ['api-keys'],
    params: ProjectParams,
    query: NoQuery,
    response: ApiKeyListView,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ProjectParams>,
  ): Promise<z.infer<typeof ApiKeyListView>> {
    return { items: unwrap(await this.listKeys.execute(actor, params.project_id)).map(toApiKeyView) };
  }

  @Delete(':key_id')
  @Api({
    access: 'admin',
    summary: 'Revoke an API key',
    description: 'Takes effect on the next request. Revoking twice is harmless.',
    tags: ['api-keys'],
    params: ApiKeyParams,
    response: ApiKeyView,
  })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ApiKeyParams>,
  ): Promise<ApiKeyView> {
    return toApiKeyView(unwrap(await this.revokeKey.execute(actor, params.project_id, params.key_id)));
  }
}
