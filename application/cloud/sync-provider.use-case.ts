import { type AuditActor } from '../../domain/audit/audit-entry';
import { type CostRecord } from '../../domain/cloud/cost';
import { type CostRepository } from '../../domain/cloud/ports/cost-repository.port';
import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { type ResourceRepository } from '../../domain/cloud/ports/resource-repository.port';
import { type CloudProvider } from '../../domain/cloud/provider.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type BudgetWatch } from './budget-watch';
import { type CloudAdapters } from './cloud-adapters';
import { type CloudChanges, SYSTEM_ACTOR } from './cloud-changes';
import { governanceActor } from '../governance/governance-actor';
import { type SyncView } from './cloud.view';
import { addDays, utcDay } from './days';
import { type ThreatScan } from './threat-scan';

export interface SyncSettings {
  /** Days of cost history fetched on a provider's first sync. */
  readonly initialCostDays: number;
  /** Recent days re-fetched on every sync: providers restate them as usage settles. */
  readonly restatedDays: number;
}

/**
 * One inventory + cost sync of one provider. Incremental and idempotent: resources are matched by
 * the provider's own id, unchanged rows are not written, cost days are replaced as a range, and
 * resources the provider no longer reports are marked terminated. Findings and budgets are
 * re-evaluated at the end, so they follow every sync.
 */
export class SyncProviderUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly resources: ResourceRepository,
    private readonly costs: CostRepository,
    private readonly adapters: CloudAdapters,
    private readonly threats: ThreatScan,
    private readonly budgets: BudgetWatch,
    private readonly changes: CloudChanges,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly settings: SyncSettings,
  ) {}

  async execute(actor: Actor, providerId: string): Promise<Result<SyncView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    return this.run(member.value.tenantId, providerId, governanceActor(member.value));
  }

  async run(
    tenantId: TenantId,
    providerId: string,
    by: AuditActor = SYSTEM_ACTOR,
  ): Promise<Result<SyncView>> {
    const started = this.clock.now();
    const provider = await this.providers.findById(tenantId, providerId);
    if (!provider) return err(DomainError.notFound('provider', providerId));
    const connected = await this.adapters.connect(provider);
    if (!connected.ok) return this.failed(provider, connected.error);
    const { port, connection } = connected.value;

    const seen: string[] = [];
    let counts = { added: 0, updated: 0, unchanged: 0 };
    let pageToken: string | null = null;
    do {
      const page = await port.listResources(connection, pageToken);
      if (!page.ok) return this.failed(provider, page.error);
      for (const item of page.value.items) seen.push(item.externalId);
      const c = await this.resources.upsertDiscovered(provider, page.value.items, this.clock.now(), () =>
        this.ids.next(),
      );
      counts = {
        added: counts.added + c.added,
        updated: counts.updated + c.updated,
        unchanged: counts.unchanged + c.unchanged,
      };
      pageToken = page.value.nextPageToken;
    } while (pageToken !== null);
    const removed = await this.resources.markMissing(provider, seen, this.clock.now());

    const today = utcDay(started);
    const from = provider.lastSyncAt
      ? addDays(utcDay(provider.lastSyncAt), -this.settings.restatedDays)
      : addDays(today, -this.settings.initialCostDays);
    const range = { from, to: addDays(today, 1) };
    const lines = await port.costs(connection, range);
    if (!lines.ok) return this.failed(provider, lines.error);
    const records: CostRecord[] = lines.value.map((line) => ({
      tenantId,
      providerId,
      providerKind: provider.kind,
      day: line.day,
      resourceId: null,
      externalId: line.externalId,
      service: line.service,
      region: line.region,
      tags: {},
      amountUsd: line.amountUsd,
      estimated: line.estimated,
    }));
    const costRecords = await this.costs.replaceRange(tenantId, providerId, range, records);

    const hints = await port.rightsizing(connection);
    if (hints.ok) await this.providers.saveRightsizing(tenantId, providerId, hints.value);

    const findings = await this.threats.refresh(tenantId, this.clock.now());
    const alerts = await this.budgets.evaluate(tenantId, this.clock.now());

    const now = this.clock.now();
    await this.providers.saveStatus({ ...provider, status: 'connected', lastSyncAt: now, lastError: null });
    const view: SyncView = {
      provider_id: providerId,
      status: 'succeeded',
      ...counts,
      removed: removed.length,
      cost_records: costRecords,
      findings: findings.open,
      alerts: alerts.length,
      duration_ms: now.getTime() - started.getTime(),
      error: null,
    };
    const change = {
      action: 'cloud.provider.synced',
      actor: by,
      target: { type: 'provider' as const, id: providerId },
      data: { ...view, cost_range: range },
      at: now,
    };
    const terminated = removed.map((resource) => terminatedBySync(resource.id, resource.externalId, by, now));
    await this.changes.apply(tenantId, [change, ...terminated], async () => ok(undefined));
    return ok(view);
  }

  private async failed(provider: CloudProvider, error: DomainError): Promise<Result<never>> {
    await this.providers.saveStatus({ ...provider, status: 'error', lastError: error.message });
    const change = {
      action: 'cloud.provider.sync_failed',
      actor: SYSTEM_ACTOR,
      target: { type: 'provider' as const, id: provider.id },
      data: { error: error.message, reason: error.reason ?? error.code },
      at: this.clock.now(),
    };
    await this.changes.announce(provider.tenantId, change);
    return err(error);
  }
}

const terminatedBySync = (id: string, externalId: string, by: AuditActor, at: Date) => ({
  action: 'cloud.resource.state_changed',
  actor: by,
  target: { type: 'resource' as const, id },
  data: { external_id: externalId, state: 'terminated', provider_state: 'missing', source: 'sync' },
  at,
});
