import { type DiscoveredResource } from '../../../domain/cloud/ports/cloud.port';
import {
  ResourceRepository,
  type ResourceQuery,
  type SyncCounts,
} from '../../../domain/cloud/ports/resource-repository.port';
import { type CloudProvider } from '../../../domain/cloud/provider.entity';
import { type Resource } from '../../../domain/cloud/resource.entity';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database, returning } from '../database';
import { type ResourceRow, toResource } from '../mappers/cloud.mapper';

const BATCH = 1000;

/** Columns a sync may change; a row whose values all match is left alone (no write, no event). */
const SYNCED = ['name', 'region', 'type', 'size', 'state', 'provider_state', 'tags', 'config'] as const;

export class TypeormResourceRepository extends ResourceRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async upsertDiscovered(
    provider: CloudProvider,
    items: readonly DiscoveredResource[],
    now: Date,
    newId: () => string,
  ): Promise<SyncCounts> {
    let added = 0;
    let updated = 0;
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH).map((r) => ({
        id: newId(),
        external_id: r.externalId,
        name: r.name,
        region: r.region,
        type: r.type,
        size: r.size,
        state: r.state,
        provider_state: r.providerState,
        tags: r.tags,
        cost_per_hour: r.costPerHour,
        config: r.config,
        created_at: (r.createdAt ?? now).toISOString(),
      }));
      const rows = await this.db.run({ tenantId: provider.tenantId }, (m) =>
        returning<{ inserted: boolean }>(
          m,
          `INSERT INTO cloud_resources AS c (tenant_id, id, provider_id, provider_kind, external_id, name, region, type, size,
                                    state, provider_state, tags, cost_per_hour, config, created_at, updated_at, synced_at)
           SELECT $1, x.id, $2, $3, x.external_id, x.name, x.region, x.type, x.size, x.state, x.provider_state,
                  x.tags, coalesce(x.cost_per_hour, 0), x.config, x.created_at, $4, $4
             FROM jsonb_to_recordset($5::jsonb) AS x(id uuid, external_id text, name text, region text, type text,
                  size text, state text, provider_state text, tags jsonb, cost_per_hour numeric, config jsonb,
                  created_at timestamptz)
           ON CONFLICT (tenant_id, provider_id, external_id) DO UPDATE SET
             ${SYNCED.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
             cost_per_hour = CASE WHEN $6::boolean THEN EXCLUDED.cost_per_hour ELSE c.cost_per_hour END,
             updated_at = EXCLUDED.updated_at, synced_at = EXCLUDED.synced_at
           WHERE (${SYNCED.map((col) => `c.${col}`).join(', ')}) IS DISTINCT FROM (${SYNCED.map((col) => `EXCLUDED.${col}`).join(', ')})
           RETURNING (xmax = 0) AS inserted`,
          [
            provider.tenantId,
            provider.id,
            provider.kind,
            now,
            JSON.stringify(batch),
            // an adapter either always prices its resources or never does
            batch.some((r) => r.cost_per_hour !== null),
          ],
        ),
      );
      for (const row of rows) {
        if (row.inserted) added++;
        else updated++;
      }
    }
    return { added, updated, unchanged: items.length - added - updated };
  }

  async markMissing(
    provider: CloudProvider,
    seen: readonly string[],
    now: Date,
  ): Promise<readonly Resource[]> {
    const rows = await this.db.run({ tenantId: provider.tenantId }, (m) =>
      returning<ResourceRow>(
        m,
        `UPDATE cloud_resources SET state = 'terminated', provider_state = 'missing', updated_at = $3, synced_at = $3
          WHERE tenant_id = $1 AND provider_id = $2 AND state <> 'terminated' AND NOT (external_id = ANY($4::text[]))
          RETURNING *`,
        [provider.tenantId, provider.id, now, seen],
      ),
    );
    return rows.map(toResource);
  }

  async findById(tenantId: TenantId, id: string): Promise<Resource | null> {
    const rows: ResourceRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM cloud_resources WHERE tenant_id = $1 AND id = $2', [tenantId, id]),
    );
    return rows[0] ? toResource(rows[0]) : null;
  }

  async findByExternalId(
    tenantId: TenantId,
    providerId: string,
    externalId: string,
  ): Promise<Resource | null> {
    const rows: ResourceRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        'SELECT * FROM cloud_resources WHERE tenant_id = $1 AND provider_id = $2 AND external_id = $3',
        [tenantId, providerId, externalId],
      ),
    );
    return rows[0] ? toResource(rows[0]) : null;
  }

  async list(tenantId: TenantId, q: ResourceQuery): Promise<readonly Resource[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.providerId) add('provider_id = ?', q.providerId);
    if (q.region) add('region = ?', q.region);
    if (q.type) add('type = ?', q.type);
    if (q.state) add('state = ?', q.state);
    if (q.tag && q.tag.value !== undefined)
      add('tags @> ?::jsonb', JSON.stringify({ [q.tag.key]: q.tag.value }));
    else if (q.tag) add('(tags -> ?::text) IS NOT NULL', q.tag.key);
    if (q.after) {
      params.push(q.after.at, q.after.id);
      where.push(`(created_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(q.limit);
    const rows: ResourceRow[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT * FROM cloud_resources WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return rows.map(toResource);
  }

  async listAll(tenantId: TenantId, filter: { providerId?: string } = {}): Promise<readonly Resource[]> {
    const rows: ResourceRow[] = await this.db.run({ tenantId }, (m) =>
      filter.providerId
        ? m.query('SELECT * FROM cloud_resources WHERE tenant_id = $1 AND provider_id = $2 ORDER BY id', [
            tenantId,
            filter.providerId,
          ])
        : m.query('SELECT * FROM cloud_resources WHERE tenant_id = $1 ORDER BY id', [tenantId]),
    );
    return rows.map(toResource);
  }

  async listByIds(tenantId: TenantId, ids: readonly string[]): Promise<readonly Resource[]> {
    const rows: ResourceRow[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT * FROM cloud_resources WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id', [
        tenantId,
        ids,
      ]),
    );
    return rows.map(toResource);
  }

  async save(r: Resource): Promise<void> {
    await this.db.run({ tenantId: r.tenantId }, (m) =>
      m.query(
        `UPDATE cloud_resources SET name = $3, state = $4, provider_state = $5, tags = $6::jsonb, config = $7::jsonb,
                cost_per_hour = $8, updated_at = $9
          WHERE tenant_id = $1 AND id = $2`,
        [
          r.tenantId,
          r.id,
          r.name,
          r.state,
          r.providerState,
          JSON.stringify(r.tags),
          JSON.stringify(r.config),
          r.costPerHour,
          r.updatedAt,
        ],
      ),
    );
  }

  async insert(r: Resource): Promise<void> {
    await this.db.run({ tenantId: r.tenantId }, (m) =>
      m.query(
        `INSERT INTO cloud_resources (tenant_id, id, provider_id, provider_kind, external_id, name, region, type, size, state,
                                     provider_state, tags, cost_per_hour, config, created_at, updated_at, synced_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14::jsonb, $15, $16, $17)
         ON CONFLICT (tenant_id, provider_id, external_id) DO NOTHING`,
        [
          r.tenantId,
          r.id,
          r.providerId,
          r.providerKind,
          r.externalId,
          r.name,
          r.region,
          r.type,
          r.size,
          r.state,
          r.providerState,
          JSON.stringify(r.tags),
          r.costPerHour,
          JSON.stringify(r.config),
          r.createdAt,
          r.updatedAt,
          r.syncedAt,
        ],
      ),
    );
  }
}
