import { type TenantId } from '../../shared/tenant-id';

export interface WebhookConfig {
  readonly url: string;
  readonly secret: string;
}

export interface WebhookDelivery {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly event: string;
  readonly url: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly attempts: number;
}

/** The tenant's approval webhook and the outbox of deliveries (retried with backoff). */
export abstract class WebhookOutbox {
  abstract config(tenantId: TenantId): Promise<WebhookConfig | null>;
  abstract saveConfig(tenantId: TenantId, config: WebhookConfig, at: Date): Promise<void>;
  abstract deleteConfig(tenantId: TenantId): Promise<boolean>;
  /** Queues a delivery to the configured URL (nothing when none is configured). Joins the unit of work. */
  abstract enqueue(
    tenantId: TenantId,
    event: string,
    body: Readonly<Record<string, unknown>>,
    at: Date,
  ): Promise<boolean>;
  abstract due(tenantId: TenantId, now: Date, limit: number): Promise<readonly WebhookDelivery[]>;
  abstract delivered(tenantId: TenantId, id: string, at: Date): Promise<void>;
  /** Records a failed attempt; `nextAttemptAt` null gives up. */
  abstract failed(tenantId: TenantId, id: string, error: string, nextAttemptAt: Date | null): Promise<void>;
  /** Tenants with expired pending approvals or due deliveries (the only cross-tenant read). */
  abstract tenantsWithDueWork(now: Date): Promise<readonly TenantId[]>;
}

/**
 * Sends one webhook request signed with the tenant's secret (HMAC-SHA256 over `timestamp.body`);
 * resolves with the HTTP status, rejects on network errors and timeouts.
 */
export abstract class WebhookSender {
  abstract send(delivery: WebhookDelivery, secret: string, at: Date): Promise<number>;
}
