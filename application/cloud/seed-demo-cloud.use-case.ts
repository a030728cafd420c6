import { validateBudget } from '../../domain/cloud/budget';
import { Credentials } from '../../domain/cloud/credentials';
import { type BudgetRepository } from '../../domain/cloud/ports/budget-repository.port';
import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type BudgetWatch } from './budget-watch';
import { type CloudAdapters } from './cloud-adapters';
import { type SyncProviderUseCase } from './sync-provider.use-case';

const DEMO_ACTOR = { kind: 'system', id: 'demo-seed' } as const;

/**
 * The demo tenant's cloud, so a fresh instance shows Operate with no cloud account: a simulated
 * provider (deterministic inventory with a few risky configurations), 90 days of costs, and a
 * monthly budget set just under the projected month so its forecast alert fires.
 */
export class SeedDemoCloudUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly budgets: BudgetRepository,
    private readonly adapters: CloudAdapters,
    private readonly sync: SyncProviderUseCase,
    private readonly watch: BudgetWatch,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(tenantId: TenantId): Promise<Result<{ providerId: string } | null>> {
    if ((await this.providers.list(tenantId)).length > 0) return ok(null);
    const credentials = Credentials.of('simulated', { seed: 'demo', size: '40' });
    if (!credentials.ok) return credentials;
    const id = this.ids.next();
    const now = this.clock.now();
    const prepared = await this.adapters.prepare({
      tenantId,
      id,
      name: 'Simulated cloud',
      credentials: credentials.value,
      regions: [],
      now,
    });
    if (!prepared.ok) return prepared;
    await this.providers.create(prepared.value.provider, prepared.value.sealed);
    const synced = await this.sync.run(tenantId, id, DEMO_ACTOR);
    if (!synced.ok) return synced;

    const draft = validateBudget({
      tenantId,
      id: this.ids.next(),
      name: 'Demo monthly cloud budget',
      amountUsd: 1,
      createdAt: now,
    });
    if (!draft.ok) return draft;
    const standing = await this.watch.standing(draft.value, now);
    const projected = standing.projectedUsd ?? standing.actualUsd;
    const budget = validateBudget({
      tenantId,
      id: draft.value.id,
      name: draft.value.name,
      amountUsd: Math.max(1, Math.round(projected * 0.9)),
      createdAt: now,
    });
    if (!budget.ok) return budget;
    await this.budgets.create(budget.value, DEMO_ACTOR);
    await this.watch.evaluate(tenantId, now);
    return ok({ providerId: id });
  }
}
