import { type ApprovalRequired, type ResourceView } from '../cloud/cloud.view';
import { type CreateResourceInput, type LifecycleInput } from '../cloud/cloud-input';
import { ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { type CloudProvider } from '../../domain/cloud/provider.entity';
import { type Migration, type MigrationWorkload } from '../../domain/migration/migration.entity';
import {
  MigrationRepository,
  type MigrationPatch,
  type MigrationQuery,
  type WorkloadClaim,
} from '../../domain/migration/ports/migration-repository.port';
import {
  type UpsertCounts,
  WorkloadRepository,
  type WorkloadQuery,
} from '../../domain/migration/ports/workload-repository.port';
import {
  type Assessment,
  type Workload,
  type WorkloadFacts,
  nameKey,
  sameFacts,
} from '../../domain/migration/workload.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type TenantActor } from '../shared/actor';
import { type TargetCloud } from './target-cloud';

/** In-memory fakes of the migration ports, for unit specs only. */
export class InMemoryWorkloadRepository extends WorkloadRepository {
  readonly rows = new Map<string, Workload>();

  async upsert(
    tenantId: TenantId,
    rows: readonly WorkloadFacts[],
    batch: { id: string; at: Date },
    newId: () => string,
  ): Promise<UpsertCounts> {
    const counts = { imported: 0, updated: 0, unchanged: 0 };
    for (const facts of rows) {
      const existing = [...this.rows.values()].find(
        (w) => w.tenantId === tenantId && nameKey(w.name) === nameKey(facts.name),
      );
      if (existing && sameFacts(existing, facts)) {
        counts.unchanged++;
        continue;
      }
      const id = existing?.id ?? newId();
      this.rows.set(id, {
        ...facts,
        tenantId,
        id,
        importBatch: batch.id,
        assessment: null,
        createdAt: existing?.createdAt ?? batch.at,
        updatedAt: batch.at,
      });
      if (existing) counts.updated++;
      else counts.imported++;
    }
    return counts;
  }

  async findById(tenantId: TenantId, id: string) {
    const w = this.rows.get(id);
    return w && w.tenantId === tenantId ? w : null;
  }

  async list(tenantId: TenantId, q: WorkloadQuery) {
    return (await this.listAll(tenantId)).slice(0, q.limit);
  }

  async listAll(tenantId: TenantId) {
    return [...this.rows.values()].filter((w) => w.tenantId === tenantId);
  }

  async listByIds(tenantId: TenantId, ids: readonly string[]) {
    return (await this.listAll(tenantId)).filter((w) => ids.includes(w.id));
  }

  async saveAssessments(tenantId: TenantId, items: readonly { id: string; assessment: Assessment }[]) {
    for (const { id, assessment } of items) {
      const w = this.rows.get(id);
      if (w && w.tenantId === tenantId) this.rows.set(id, { ...w, assessment });
    }
  }
}

export class InMemoryMigrationRepository extends MigrationRepository {
  readonly rows = new Map<string, Migration>();

  async create(m: Migration) {
    this.rows.set(m.id, m);
  }

  async findById(tenantId: TenantId, id: string) {
    const m = this.rows.get(id);
    return m && m.tenantId === tenantId ? m : null;
  }

  async list(tenantId: TenantId, q: MigrationQuery) {
    return [...this.rows.values()]
      .filter((m) => m.tenantId === tenantId)
      .filter((m) => q.wave === undefined || m.wave === q.wave)
      .filter((m) => !q.stages || q.stages.includes(m.stage))
      .reverse()
      .slice(0, q.limit);
  }

  async update(tenantId: TenantId, id: string, patch: MigrationPatch) {
    const m = await this.findById(tenantId, id);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (m) this.rows.set(id, { ...m, ...defined });
  }

  async saveWorkload(tenantId: TenantId, migrationId: string, w: MigrationWorkload) {
    const m = await this.findById(tenantId, migrationId);
    if (!m) return;
    this.rows.set(migrationId, {
      ...m,
      workloads: m.workloads.map((o) => (o.workloadId === w.workloadId ? w : o)),
    });
  }

  async claims(tenantId: TenantId): Promise<WorkloadClaim[]> {
    return [...this.rows.values()]
      .filter((m) => m.tenantId === tenantId && m.stage !== 'rolled_back')
      .flatMap((m) =>
        m.workloads
          .filter((w) => w.state !== 'rolled_back')
          .map((w) => ({
            workloadId: w.workloadId,
            migrationId: m.id,
            wave: m.wave,
            stage: m.stage,
            state: w.state,
          })),
      );
  }
}

/** A cloud whose resources are plain records a spec moves between states. */
export class FakeTargetCloud implements TargetCloud {
  readonly resources = new Map<string, ResourceView>();
  readonly created: CreateResourceInput[] = [];
  readonly terminated: { id: string; input: LifecycleInput }[] = [];
  refreshes = 0;
  failCreate: DomainError | null = null;
  terminateNeedsApproval: ApprovalRequired | null = null;
  private counter = 0;

  async findTagged(_actor: TenantActor, providerId: string, tag: { key: string; value: string }) {
    const found = [...this.resources.values()].find(
      (r) => r.provider_id === providerId && r.tags[tag.key] === tag.value && r.state !== 'terminated',
    );
    return ok(found ?? null);
  }

  async create(_actor: TenantActor, input: CreateResourceInput): Promise<Result<ResourceView>> {
    if (this.failCreate) return err(this.failCreate);
    this.created.push(input);
    this.counter++;
    const id = `00000000-0000-7000-9000-${String(this.counter).padStart(12, '0')}`;
    const view: ResourceView = {
      id,
      provider_id: input.provider_id,
      provider: 'simulated',
      external_id: `sim-vm-c${this.counter}`,
      name: input.name,
      region: input.region,
      type: 'vm',
      size: input.size,
      state: 'pending',
      provider_state: 'provisioning',
      tags: { ...input.tags },
      cost_per_hour: 0.1,
      config: {},
      created_at: '2026-11-23T10:00:00.000Z',
      updated_at: '2026-11-23T10:00:00.000Z',
      synced_at: null,
    };
    this.resources.set(id, view);
    return ok(view);
  }

  async refresh(): Promise<Result<void>> {
    this.refreshes++;
    return ok(undefined);
  }

  async get(_actor: TenantActor, id: string) {
    return ok(this.resources.get(id) ?? null);
  }

  async terminate(
    _actor: TenantActor,
    id: string,
    input: LifecycleInput,
  ): Promise<Result<ResourceView | ApprovalRequired>> {
    if (this.terminateNeedsApproval && !input.decision_token) return ok(this.terminateNeedsApproval);
    const r = this.resources.get(id);
    if (!r) return err(DomainError.notFound('resource', id));
    this.terminated.push({ id, input });
    const next = { ...r, state: 'terminated' as const, provider_state: 'shutting-down' };
    this.resources.set(id, next);
    return ok(next);
  }

  setState(id: string, state: ResourceView['state']): void {
    const r = this.resources.get(id);
    if (r) this.resources.set(id, { ...r, state, provider_state: state });
  }
}

export { FakeWorkflows } from '../workflows/workflows.fake';

/** Just enough of the provider repository for picking a migration target. */
export class FakeProviders extends ProviderRepository {
  constructor(private readonly providers: CloudProvider[] = []) {
    super();
  }

  async findById(tenantId: TenantId, id: string) {
    return this.providers.find((p) => p.tenantId === tenantId && p.id === id) ?? null;
  }

  async list(tenantId: TenantId) {
    return this.providers.filter((p) => p.tenantId === tenantId);
  }

  create(): Promise<void> {
    throw new Error('not used by migration specs');
  }
  nameTaken(): Promise<boolean> {
    throw new Error('not used by migration specs');
  }
  saveStatus(): Promise<void> {
    throw new Error('not used by migration specs');
  }
  credentials(): Promise<null> {
    throw new Error('not used by migration specs');
  }
  resealCredentials(): Promise<void> {
    throw new Error('not used by migration specs');
  }
  saveRightsizing(): Promise<void> {
    throw new Error('not used by migration specs');
  }
  rightsizing(): Promise<never[]> {
    throw new Error('not used by migration specs');
  }
  delete(): Promise<boolean> {
    throw new Error('not used by migration specs');
  }
  dueForSync(): Promise<never[]> {
    throw new Error('not used by migration specs');
  }
}
