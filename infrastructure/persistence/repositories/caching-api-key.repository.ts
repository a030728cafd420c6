import { type EventBus } from '../../../domain/shared/ports/event-publisher.port';
import { type TenantId } from '../../../domain/shared/tenant-id';
import { type ApiKey } from '../../../domain/tenancy/api-key.entity';
import { ApiKeyRepository } from '../../../domain/tenancy/ports/api-key-repository.port';

/**
 * Every ingest request authenticates by API key; remembering the lookup for a few seconds saves a
 * transaction per request. The possession check (timing-safe digest comparison) and the
 * revoked/expired check still run on every request. A revocation evicts the key at once: here
 * through `update`, on the other replicas through the `api_key.revoked` event (Redis fan-out).
 */
export class CachingApiKeyRepository extends ApiKeyRepository {
  private readonly byPrefix = new Map<string, { key: ApiKey; until: number }>();

  constructor(
    private readonly inner: ApiKeyRepository,
    events: EventBus,
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    super();
    events.subscribe((event) => {
      if (event.type === 'api_key.revoked' && typeof event.data.prefix === 'string')
        this.byPrefix.delete(event.data.prefix);
    });
  }

  async findByPrefix(prefix: string): Promise<ApiKey | null> {
    const cached = this.byPrefix.get(prefix);
    if (cached && cached.until > this.now()) return cached.key;
    const key = await this.inner.findByPrefix(prefix);
    if (key) this.byPrefix.set(prefix, { key, until: this.now() + this.ttlMs });
    else this.byPrefix.delete(prefix);
    return key;
  }

  async recordUse(key: ApiKey, at: Date): Promise<void> {
    await this.inner.recordUse(key, at);
    const cached = this.byPrefix.get(key.prefix);
    if (cached) this.byPrefix.set(key.prefix, { ...cached, key: key.used(at) });
  }

  async update(key: ApiKey): Promise<void> {
    this.byPrefix.delete(key.prefix);
    await this.inner.update(key);
  }

  create(key: ApiKey): Promise<boolean> {
    return this.inner.create(key);
  }

  findById(tenantId: TenantId, keyId: string): Promise<ApiKey | null> {
    return this.inner.findById(tenantId, keyId);
  }

  listByProject(tenantId: TenantId, projectId: string): Promise<readonly ApiKey[]> {
    return this.inner.listByProject(tenantId, projectId);
  }
}
