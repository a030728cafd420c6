import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { ListModelPricesUseCase } from '../../../application/runs/list-model-prices.use-case';
import { ModelPriceView, toModelPriceView } from '../../../application/runs/model-price.view';
import {
  DeleteModelPriceUseCase,
  SetModelPriceInput,
  SetModelPriceUseCase,
} from '../../../application/runs/set-model-price.use-case';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { NoQuery, PriceParams } from '../params';
import { unwrap } from '../result';

const PriceListView = z.object({ items: z.array(ModelPriceView) });

@Controller('v1/pricing/models')
export class PricingController {
  constructor(
    private readonly listPrices: ListModelPricesUseCase,
    private readonly setPrice: SetModelPriceUseCase,
    private readonly deletePrice: DeleteModelPriceUseCase,
  ) {}

  @Get()
  @Api({
    access: 'viewer',
    summary: 'Model prices used to compute step costs',
    description: 'Your overrides (source: tenant) win over the shipped table (source: default).',
    tags: ['pricing'],
    query: NoQuery,
    response: PriceListView,
  })
  async list(@CurrentActor() actor: Actor): Promise<z.infer<typeof PriceListView>> {
    return { items: unwrap(await this.listPrices.execute(actor)).map(toModelPriceView) };
  }

  @Post()
  @Api({
    access: 'admin',
    summary: 'Override the price of a model family',
    tags: ['pricing'],
    body: SetModelPriceInput,
    response: ModelPriceView,
    status: 201,
  })
  async create(@CurrentActor() actor: Actor, @Body() body: SetModelPriceInput): Promise<ModelPriceView> {
    return toModelPriceView(unwrap(await this.setPrice.execute(actor, body)));
  }

  @Delete(':price_id')
  @HttpCode(204)
  @Api({
    access: 'admin',
    summary: 'Remove a price override',
    tags: ['pricing'],
    params: PriceParams,
    status: 204,
  })
  async remove(@CurrentActor() actor: Actor, @Param() params: z.infer<typeof PriceParams>): Promise<void> {
    unwrap(await this.deletePrice.execute(actor, params.price_id));
  }
}
