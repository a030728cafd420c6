import { type TenantId } from '../../../domain/shared/tenant-id';
import {
  EMPTY_OVERRIDES,
  type OverridesChange,
  type SimulatedOverrides,
  SimulatedStateStore,
} from '../../cloud/simulated/simulated-state-store';
import { type Database } from '../database';

/**
 * The simulated cloud's memory in the database: one jsonb document per provider, changed under a
 * row lock so that API replicas and workers never lose each other's lifecycle events.
 */
export class TypeormSimulatedStateStore extends SimulatedStateStore {
  constructor(private readonly db: Database) {
    super();
  }

  async load(tenantId: TenantId, providerId: string): Promise<SimulatedOverrides> {
    const rows: { state: SimulatedOverrides }[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT state FROM simulated_cloud_state WHERE tenant_id = $1 AND provider_id = $2', [
        tenantId,
        providerId,
      ]),
    );
    return rows[0]?.state ?? EMPTY_OVERRIDES;
  }

  async save(tenantId: TenantId, providerId: string, overrides: SimulatedOverrides): Promise<void> {
    await this.db.run({ tenantId }, (m) =>
      m.query(
        `INSERT INTO simulated_cloud_state (tenant_id, provider_id, state, updated_at) VALUES ($1, $2, $3::jsonb, now())
         ON CONFLICT (tenant_id, provider_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
        [tenantId, providerId, JSON.stringify(overrides)],
      ),
    );
  }

  override update<T>(
    tenantId: TenantId,
    providerId: string,
    change: (current: SimulatedOverrides) => OverridesChange<T>,
  ): Promise<T> {
    return this.db.run({ tenantId }, async (m) => {
      // the row may not exist yet: create it first so there is something to lock
      await m.query(
        `INSERT INTO simulated_cloud_state (tenant_id, provider_id, state, updated_at) VALUES ($1, $2, $3::jsonb, now())
         ON CONFLICT (tenant_id, provider_id) DO NOTHING`,
        [tenantId, providerId, JSON.stringify(EMPTY_OVERRIDES)],
      );
      const rows: { state: SimulatedOverrides }[] = await m.query(
        'SELECT state FROM simulated_cloud_state WHERE tenant_id = $1 AND provider_id = $2 FOR UPDATE',
        [tenantId, providerId],
      );
      const { overrides, value } = change(rows[0]?.state ?? EMPTY_OVERRIDES);
      if (overrides) await this.save(tenantId, providerId, overrides);
      return value;
    });
  }
}
