import { type Budget, type BudgetAlert } from '../../../domain/cloud/budget';
import { BudgetRepository, type StoredAlert } from '../../../domain/cloud/ports/budget-repository.port';
import { type TenantId, asTenantId } from '../../../domain/shared/tenant-id';
import { type Database, execute } from '../database';

interface BudgetRow {
  tenant_id: string;
  id: string;
  name: string;
  project_id: string | null;
  provider_id: string | null;
  amount_usd: string;
  thresholds: number[];
  created_at: Date | string;
}

const toBudget = (r: BudgetRow): Budget => ({
  tenantId: asTenantId(r.tenant_id),
  id: r.id,
  name: r.name,
  scope: { projectId: r.project_id, providerId: r.provider_id },
  amountUsd: Number(r.amount_usd),
  period: 'monthly',
  thresholds: r.thresholds,
  createdAt: new Date(r.created_at),
});

export class TypeormBudgetRepository extends BudgetRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async create(b: Budget, createdBy: Readonly<Record<string, unknown>>): Promise<void> {
    await this.db.run({ tenantId: b.tenantId }, (m) =>
      m.query(
        `INSERT INTO cloud_budgets (tenant_id, id, name, project_id, provider_id, amount_usd, period, thresholds, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb)`,
        [
          b.tenantId,
          b.id,
          b.name,
          b.scope.projectId,
          b.scope.providerId,
          b.amountUsd,
          b.period,
          JSON.stringify(b.thresholds),
          b.createdAt,
          JSON.stringify(createdBy),
        ],
      ),
    );
  }

  async list(tenantId: TenantId): Promise<readonly Budget[]> {
    const rows: BudgetRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM cloud_budgets WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId]),
    );
    return rows.map(toBudget);
  }

  async findById(tenantId: TenantId, id: string): Promise<Budget | null> {
    const rows: BudgetRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM cloud_budgets WHERE tenant_id = $1 AND id = $2', [tenantId, id]),
    );
    return rows[0] ? toBudget(rows[0]) : null;
  }

  async delete(tenantId: TenantId, id: string): Promise<boolean> {
    return this.db.run(
      { tenantId },
      async (m) =>
        (await execute(m, 'DELETE FROM cloud_budgets WHERE tenant_id = $1 AND id = $2', [tenantId, id])) ===
        1,
    );
  }

  async raise(tenantId: TenantId, a: BudgetAlert, id: string): Promise<boolean> {
    return this.db.run({ tenantId }, async (m) => {
      const inserted = await execute(
        m,
        `INSERT INTO cloud_alerts (tenant_id, id, budget_id, threshold, basis, period, amount_usd, budget_usd, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant_id, budget_id, threshold, basis, period) DO NOTHING`,
        [tenantId, id, a.budgetId, a.threshold, a.basis, a.period, a.amountUsd, a.budgetUsd, a.at],
      );
      return inserted === 1;
    });
  }

  async alerts(
    tenantId: TenantId,
    filter: { budgetId?: string; period?: string; limit: number },
  ): Promise<readonly StoredAlert[]> {
    const where = ['a.tenant_id = $1'];
    const params: unknown[] = [tenantId];
    if (filter.budgetId) {
      params.push(filter.budgetId);
      where.push(`a.budget_id = $${params.length}`);
    }
    if (filter.period) {
      params.push(filter.period);
      where.push(`a.period = $${params.length}`);
    }
    params.push(filter.limit);
    const rows: {
      id: string;
      budget_id: string;
      budget_name: string;
      threshold: number;
      basis: 'actual' | 'forecast';
      period: string;
      amount_usd: string;
      budget_usd: string;
      created_at: Date | string;
    }[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT a.*, b.name AS budget_name FROM cloud_alerts a
           JOIN cloud_budgets b ON b.tenant_id = a.tenant_id AND b.id = a.budget_id
          WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return rows.map((r) => ({
      id: r.id,
      budgetId: r.budget_id,
      budgetName: r.budget_name,
      threshold: Number(r.threshold),
      basis: r.basis,
      period: r.period,
      amountUsd: Number(r.amount_usd),
      budgetUsd: Number(r.budget_usd),
      at: new Date(r.created_at),
    }));
  }
}
