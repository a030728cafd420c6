import { type CostRecord } from '../../../domain/cloud/cost';
import {
  CostRepository,
  type CostGroupTotal,
  type CostQuery,
} from '../../../domain/cloud/ports/cost-repository.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type Database } from '../database';

const BATCH = 10_000;

/** One line per (day, resource or service+region): amounts of repeated keys are summed first. */
const lineKey = (r: CostRecord): string => `${r.externalId ?? r.resourceId ?? ''}|${r.service}|${r.region}`;

export class TypeormCostRepository extends CostRepository {
  constructor(private readonly db: Database) {
    super();
  }

  async replaceRange(
    tenantId: TenantId,
    providerId: string,
    range: { from: string; to: string },
    records: readonly CostRecord[],
  ): Promise<number> {
    const merged = new Map<string, CostRecord>();
    for (const record of records) {
      const key = `${record.day}#${lineKey(record)}`;
      const seen = merged.get(key);
      merged.set(key, seen ? { ...seen, amountUsd: seen.amountUsd + record.amountUsd } : record);
    }
    const rows = [...merged.values()];
    return this.db.run({ tenantId }, async (m) => {
      await m.query(
        'DELETE FROM cloud_costs WHERE tenant_id = $1 AND provider_id = $2 AND day >= $3 AND day < $4',
        [tenantId, providerId, range.from, range.to],
      );
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        // resource ids and tags come from the inventory, matched by the provider's own id
        await m.query(
          `INSERT INTO cloud_costs (tenant_id, provider_id, provider_kind, day, resource_id, line_key, service, region,
                                    tags, amount_usd, estimated)
           SELECT $1, $2, $3, x.day, r.id, x.line_key, x.service, x.region, coalesce(r.tags, '{}'::jsonb), x.amount, x.estimated
             FROM unnest($4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[], $10::boolean[])
                  AS x(day, line_key, external_id, service, region, amount, estimated)
             LEFT JOIN cloud_resources r
               ON r.tenant_id = $1 AND r.provider_id = $2 AND r.external_id = x.external_id`,
          [
            tenantId,
            providerId,
            batch[0]?.providerKind ?? 'simulated',
            batch.map((r) => r.day),
            batch.map(lineKey),
            batch.map((r) => r.externalId ?? null),
            batch.map((r) => r.service),
            batch.map((r) => r.region),
            batch.map((r) => r.amountUsd),
            batch.map((r) => r.estimated),
          ],
        );
      }
      return rows.length;
    });
  }

  async aggregate(tenantId: TenantId, q: CostQuery): Promise<readonly CostGroupTotal[]> {
    const { where, params } = this.filter(tenantId, q);
    let key: string;
    switch (q.groupBy) {
      case 'provider':
        key = 'provider_id::text';
        break;
      case 'service':
        key = 'service';
        break;
      case 'region':
        key = 'region';
        break;
      case 'resource':
        key = `coalesce(resource_id::text, line_key)`;
        break;
      case 'day':
        key = `to_char(day, 'YYYY-MM-DD')`;
        break;
      case 'tag':
        params.push(q.tagKey ?? 'team');
        key = `coalesce(tags ->> $${params.length}, '(untagged)')`;
        break;
    }
    const rows: { key: string; amount: string }[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT ${key} AS key, sum(amount_usd) AS amount FROM cloud_costs WHERE ${where}
          GROUP BY 1 ORDER BY sum(amount_usd) DESC, 1`,
        params,
      ),
    );
    return rows.map((r) => ({ key: r.key, amountUsd: round(Number(r.amount)) }));
  }

  async daily(
    tenantId: TenantId,
    q: Omit<CostQuery, 'groupBy' | 'tagKey'>,
  ): Promise<readonly { day: string; amountUsd: number }[]> {
    const { where, params } = this.filter(tenantId, q);
    const rows: { day: string; amount: string }[] = await this.db.run({ tenantId }, (m) =>
      m.query(
        `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(c.amount, 0) AS amount
           FROM generate_series($2::date, $3::date - 1, interval '1 day') AS d(day)
           LEFT JOIN (SELECT day, sum(amount_usd) AS amount FROM cloud_costs WHERE ${where} GROUP BY day) c
             ON c.day = d.day::date
          ORDER BY d.day`,
        params,
      ),
    );
    return rows.map((r) => ({ day: r.day, amountUsd: round(Number(r.amount)) }));
  }

  private filter(
    tenantId: TenantId,
    q: Omit<CostQuery, 'groupBy' | 'tagKey'>,
  ): { where: string; params: unknown[] } {
    const params: unknown[] = [tenantId, q.from, q.to];
    const where = ['tenant_id = $1', 'day >= $2', 'day < $3'];
    if (q.providerId) {
      params.push(q.providerId);
      where.push(`provider_id = $${params.length}`);
    }
    if (q.projectTag && q.projectTag.length > 0) {
      params.push(q.projectTag);
      where.push(`tags ->> 'project' = ANY($${params.length}::text[])`);
    }
    return { where: where.join(' AND '), params };
  }
}

const round = (value: number): number => Math.round(value * 1e6) / 1e6;
