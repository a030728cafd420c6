import { type ModelPrice } from '../../../domain/runs/model-price';
import { ModelPriceRepository } from '../../../domain/runs/ports/model-price-repository.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, execute } from '../database';

interface PriceRow {
  id: string;
  pattern: string;
  provider: string;
  input_usd_per_mtok: string | number;
  output_usd_per_mtok: string | number;
  effective_from: Date;
}

export class TypeormModelPriceRepository extends ModelPriceRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async listForTenant(tenantId: TenantId): Promise<readonly ModelPrice[]> {
    const rows: PriceRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT id, pattern, provider, input_usd_per_mtok, output_usd_per_mtok, effective_from
           FROM model_prices WHERE tenant_id = $1 ORDER BY pattern, effective_from`,
        [tenantId],
      ),
    );
    return rows.map((row) => ({
      id: row.id,
      pattern: row.pattern,
      provider: row.provider,
      inputUsdPerMTok: Number(row.input_usd_per_mtok),
      outputUsdPerMTok: Number(row.output_usd_per_mtok),
      effectiveFrom: row.effective_from,
      source: 'tenant' as const,
    }));
  }

  async create(tenantId: TenantId, price: ModelPrice): Promise<void> {
    await this.db.run({ tenantId }, (m) =>
      m.query(
        `INSERT INTO model_prices (tenant_id, id, pattern, provider, input_usd_per_mtok, output_usd_per_mtok, effective_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          tenantId,
          price.id,
          price.pattern,
          price.provider,
          price.inputUsdPerMTok,
          price.outputUsdPerMTok,
          price.effectiveFrom,
        ],
      ),
    );
  }

  async delete(tenantId: TenantId, priceId: string): Promise<boolean> {
    return this.db.run(
      { tenantId },
      async (m) =>
        (await execute(m, 'DELETE FROM model_prices WHERE tenant_id = $1 AND id = $2', [
          tenantId,
          priceId,
        ])) === 1,
    );
  }
}
