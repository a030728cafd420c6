import { type TenantId } from '../../shared/tenant-id';
import { type ModelPrice } from '../model-price';

/** A tenant's own prices; the shipped table is data in the domain (default-model-prices.ts). */
export abstract class ModelPriceRepository {
  abstract listForTenant(tenantId: TenantId): Promise<readonly ModelPrice[]>;
  abstract create(tenantId: TenantId, price: ModelPrice): Promise<void>;
  /** False when there was no such price. */
  abstract delete(tenantId: TenantId, priceId: string): Promise<boolean>;
}
