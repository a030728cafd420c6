import { type ModelPrice } from '../../domain/runs/model-price';
import { type Result, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type PriceBook } from './price-book';

/** The prices ingest uses for this tenant: its overrides first, then the shipped table. */
export class ListModelPricesUseCase {
  constructor(private readonly prices: PriceBook) {}

  async execute(actor: Actor): Promise<Result<readonly ModelPrice[]>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    return ok(await this.prices.pricesFor(viewer.value.tenantId));
  }
}
