import {
  type WebhookConfig,
  type WebhookDelivery,
  WebhookOutbox,
} from '../../../domain/governance/ports/webhook-outbox.port';
import { type TenantId, asTenantId } from '../../../domain/shared/tenant-id';
import { type SecretBox } from '../../crypto/secret-box';
import { type Database, execute, returning } from '../database';

export class TypeormWebhookOutbox extends WebhookOutbox {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
  ) {
    super();
  }

  async config(tenantId: TenantId): Promise<WebhookConfig | null> {
    const rows: { url: string; sealed_secret: string }[] = await this.db.run({ tenantId }, (m) =>
      m.query('SELECT url, sealed_secret FROM approval_webhooks WHERE tenant_id = $1', [tenantId]),
    );
    const row = rows[0];
    if (!row) return null;
    const secret = this.box.open(row.sealed_secret);
    if (secret === null) throw new Error('the approval webhook secret was sealed under another master key');
    return { url: row.url, secret };
  }

  async saveConfig(tenantId: TenantId, config: WebhookConfig, at: Date): Promise<void> {
    await this.db.run({ tenantId }, (m) =>
      m.query(
        `INSERT INTO approval_webhooks (tenant_id, url, sealed_secret, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id) DO UPDATE SET url = EXCLUDED.url, sealed_secret = EXCLUDED.sealed_secret,
           updated_at = EXCLUDED.updated_at`,
        [tenantId, config.url, this.box.seal(config.secret), at],
      ),
    );
  }

  async deleteConfig(tenantId: TenantId): Promise<boolean> {
    return this.db.run({ tenantId }, async (m) => {
      return (await execute(m, 'DELETE FROM approval_webhooks WHERE tenant_id = $1', [tenantId])) === 1;
    });
  }

  async enqueue(
    tenantId: TenantId,
    event: string,
    body: Readonly<Record<string, unknown>>,
    at: Date,
  ): Promise<boolean> {
    return this.db.run({ tenantId }, async (m) => {
      const queued = await execute(
        m,
        `INSERT INTO webhook_deliveries (tenant_id, event, url, body, status, next_attempt_at, created_at)
         SELECT tenant_id, $2, url, $3::jsonb, 'pending', $4, $4 FROM approval_webhooks WHERE tenant_id = $1`,
        [tenantId, event, JSON.stringify(body), at],
      );
      return queued === 1;
    });
  }

  /** Claims due deliveries (pushing their next attempt out) so two sweepers never send one twice. */
  async due(tenantId: TenantId, now: Date, limit: number): Promise<readonly WebhookDelivery[]> {
    const rows = await this.db.run({ tenantId }, (m) =>
      returning<{
        tenant_id: string;
        id: string;
        event: string;
        url: string;
        body: unknown;
        attempts: number;
      }>(
        m,
        `UPDATE webhook_deliveries SET next_attempt_at = $2::timestamptz + interval '2 minutes'
          WHERE tenant_id = $1 AND id IN (
            SELECT id FROM webhook_deliveries
             WHERE tenant_id = $1 AND status = 'pending' AND next_attempt_at <= $2
             ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING tenant_id, id, event, url, body, attempts`,
        [tenantId, now, limit],
      ),
    );
    return rows.map((r) => ({
      tenantId: asTenantId(r.tenant_id),
      id: r.id,
      event: r.event,
      url: r.url,
      body: (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Record<string, unknown>,
      attempts: Number(r.attempts),
    }));
  }

  async delivered(tenantId: TenantId, id: string, at: Date): Promise<void> {
    await this.db.run({ tenantId }, (m) =>
      m.query(
        `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = $3, last_error = NULL
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, at],
      ),
    );
  }

  async failed(tenantId: TenantId, id: string, error: string, nextAttemptAt: Date | null): Promise<void> {
    await this.db.run({ tenantId }, (m) =>
      m.query(
        `UPDATE webhook_deliveries
            SET attempts = attempts + 1, last_error = $3,
                status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
                next_attempt_at = COALESCE($4::timestamptz, next_attempt_at)
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, error, nextAttemptAt],
      ),
    );
  }

  async tenantsWithDueWork(now: Date): Promise<readonly TenantId[]> {
    const rows: { tenant_id: string }[] = await this.db.run({}, (m) =>
      m.query('SELECT tenant_id FROM cockpit_tenants_with_due_governance_work($1)', [now]),
    );
    return rows.map((r) => asTenantId(r.tenant_id));
  }
}
