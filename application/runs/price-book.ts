import { DEFAULT_MODEL_PRICES } from '../../domain/runs/default-model-prices';
import { type ModelPrice } from '../../domain/runs/model-price';
import { type ModelPriceRepository } from '../../domain/runs/ports/model-price-repository.port';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type TenantId } from '../../domain/shared/tenant-id';

/** How long a replica trusts its copy of a tenant's prices; a change on this replica applies at once. */
const TTL_MS = 30_000;

/** The prices in force for a tenant: its own, then the shipped table. Read on every ingest batch, so cached. */
export class PriceBook {
  private readonly cache = new Map<string, { at: number; prices: Promise<readonly ModelPrice[]> }>();

  constructor(
    private readonly repository: ModelPriceRepository,
    private readonly clock: Clock,
  ) {}

  pricesFor(tenantId: TenantId): Promise<readonly ModelPrice[]> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(tenantId);
    if (cached && now - cached.at < TTL_MS) return cached.prices;
    const prices = this.repository.listForTenant(tenantId).then((own) => [...own, ...DEFAULT_MODEL_PRICES]);
    prices.catch(() => this.cache.delete(tenantId));
    this.cache.set(tenantId, { at: now, prices });
    return prices;
  }

  forget(tenantId: TenantId): void {
    this.cache.delete(tenantId);
  }
}
