import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type SyncProviderUseCase } from './sync-provider.use-case';

/** The background sync: every provider whose last sync is older than the interval, one at a time. */
export class SyncDueProvidersUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly sync: SyncProviderUseCase,
    private readonly clock: Clock,
    private readonly settings: { readonly everySeconds: number },
  ) {}

  async execute(): Promise<{ synced: number; failed: number }> {
    if (this.settings.everySeconds <= 0) return { synced: 0, failed: 0 };
    const due = await this.providers.dueForSync(this.clock.now(), this.settings.everySeconds);
    let synced = 0;
    let failed = 0;
    for (const { tenantId, providerId } of due) {
      // a failing provider records its error on itself; the others still sync
      const result = await this.sync.run(tenantId, providerId);
      if (result.ok) synced++;
      else failed++;
    }
    return { synced, failed };
  }
}
