import {
  CloudPort,
  type CloudConnection,
  type ConnectionInfo,
  type CostLine,
  type CreateResourceSpec,
  type DiscoveredResource,
  type LifecycleOutcome,
  type ResourcePage,
  type ResourceRef,
  type RightsizingHint,
} from '../../../domain/cloud/ports/cloud.port';
import { type LifecycleAction, type Resource, transition } from '../../../domain/cloud/resource.entity';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';
import { SIMULATED_REGIONS, listPricePerHour } from './price-table';
import { computeCosts, parseCostRange } from './simulated-costs';
import { generateInventory } from './simulated-inventory';
import { createdVm, transitionalWord, vmSpecPrice } from './simulated-lifecycle';
import {
  type SimulatedResourceRecord,
  type SimulatedStateEvent,
  type SimulatedStatus,
  isVisible,
  statusAt,
  timelineOf,
  billingIntervals,
} from './simulated-resource';
import { rightsizingHint } from './simulated-rightsizing';
import { type SimulatedSettings, inScope, simulatedSettings } from './simulated-settings';
import {
  InMemorySimulatedStateStore,
  type SimulatedOverrides,
  type SimulatedStateStore,
} from './simulated-state-store';

/** How long each change takes, in ms. */
export interface SimulatedDelays {
  readonly start: number;
  readonly stop: number;
  readonly terminate: number;
  readonly create: number;
}
export const DEFAULT_DELAYS_MS: SimulatedDelays = {
  start: 4_000,
  stop: 3_000,
  terminate: 5_000,
  create: 8_000,
};

export interface SimulatedCloudOptions {
  readonly store?: SimulatedStateStore;
  readonly clock?: () => Date;
  readonly delaysMs?: Partial<SimulatedDelays>;
  /** The daily ±5% and weekly pattern of costs; off makes each line exactly hours × price. */
  readonly dailyVariation?: boolean;
}

export const PAGE_SIZE = 500;
/** Caps one cost request at about a year and a month (20,000 resources × 400 days of lines). */
export const MAX_COST_DAYS = 400;

interface World {
  readonly settings: SimulatedSettings;
  readonly overrides: SimulatedOverrides;
  /** Generated then created, inside the connection's regions. */
  readonly records: readonly SimulatedResourceRecord[];
  readonly now: number;
}

const rejected = (message: string) => err(DomainError.conflict(message, 'provider_rejected'));
const notFound = (externalId: string) =>
  err(new DomainError('not_found', `simulated resource ${externalId} was not found`, 'provider_not_found'));

/**
 * The cloud that works with no account: a deterministic inventory from a seed, lifecycle changes
 * that take time, and a bill computed from run time × list price. What users change (act, create)
 * lives in a SimulatedStateStore; everything else is recomputed from the seed on every call.
 */
export class SimulatedCloudAdapter extends CloudPort {
  readonly kind = 'simulated' as const;
  private readonly store: SimulatedStateStore;
  private readonly clock: () => Date;
  private readonly delays: SimulatedDelays;
  private readonly variation: boolean;
  private readonly inventories = new Map<string, readonly SimulatedResourceRecord[]>();

  constructor(options: SimulatedCloudOptions = {}) {
    super();
    this.store = options.store ?? new InMemorySimulatedStateStore();
    this.clock = options.clock ?? (() => new Date());
    this.delays = { ...DEFAULT_DELAYS_MS, ...options.delaysMs };
    this.variation = options.dailyVariation ?? true;
  }

  async testConnection(connection: CloudConnection): Promise<Result<ConnectionInfo>> {
    const settings = simulatedSettings(connection);
    if (!settings.ok) return settings;
    return ok({ account: `simulated:${settings.value.seed}`, regions: [...SIMULATED_REGIONS] });
  }

  async listResources(connection: CloudConnection, pageToken: string | null): Promise<Result<ResourcePage>> {
    const offset = pageToken === null ? 0 : /^\d{1,9}$/.test(pageToken) ? Number(pageToken) : NaN;
    if (Number.isNaN(offset)) {
      return err(DomainError.validation('invalid page token', [{ path: 'pageToken', message: 'not ours' }]));
    }
    const world = await this.world(connection);
    if (!world.ok) return world;
    const { records, overrides, now } = world.value;
    // Only recorded events can terminate a resource, so the others skip the timeline work.
    const visible = records.filter(
      (r) => !overrides.events[r.externalId] || isVisible(this.status(r, overrides, now), now),
    );
    const items = visible
      .slice(offset, offset + PAGE_SIZE)
      .map((record) => this.discovered(record, this.status(record, overrides, now)));
    const next = offset + PAGE_SIZE;
    return ok({ items, nextPageToken: next < visible.length ? String(next) : null });
  }

  async create(connection: CloudConnection, spec: CreateResourceSpec): Promise<Result<DiscoveredResource>> {
    const settings = simulatedSettings(connection);
    if (!settings.ok) return settings;
    const price = vmSpecPrice(connection, spec);
    if (!price.ok) return price;
    const now = this.clock().getTime();
    const record = await this.store.update(connection.tenantId, connection.providerId, (current) => {
      const made = createdVm({
        externalId: `sim-${settings.value.tag}-vm-c${String(current.created.length + 1).padStart(4, '0')}`,
        spec,
        price: price.value,
        now,
        provisioningMs: this.delays.create,
      });
      return { overrides: { ...current, created: [...current.created, made] }, value: made };
    });
    // The answer to a create call is always "on its way", even when the simulated delay is zero.
    return ok(
      this.discovered(record, {
        state: 'pending',
        providerState: 'provisioning',
        transitional: true,
        since: now,
      }),
    );
  }

  async act(
    connection: CloudConnection,
    ref: ResourceRef,
    action: LifecycleAction,
  ): Promise<Result<LifecycleOutcome>> {
    const settings = simulatedSettings(connection);
    if (!settings.ok) return settings;
    const inventory = this.inventory(settings.value);
    const now = this.clock().getTime();
    return this.store.update(connection.tenantId, connection.providerId, (current) => {
      const unchanged = (value: Result<LifecycleOutcome>) => ({ overrides: null, value });
      const record =
        inventory.find((r) => r.externalId === ref.externalId) ??
        current.created.find((r) => r.externalId === ref.externalId);
      if (!record || !inScope(record, settings.value.regions)) return unchanged(notFound(ref.externalId));
      const status = this.status(record, current, now);
      if (!isVisible(status, now)) return unchanged(notFound(ref.externalId));
      if (status.transitional && action !== 'terminate') {
        return unchanged(rejected(`cannot ${action} ${record.name} while it is ${status.providerState}`));
      }
      const target = transition(this.entity(connection, record, status, now), action);
      if (!target.ok) return unchanged(rejected(target.error.message));

      const providerState = transitionalWord(record.type, action);
      const event: SimulatedStateEvent = {
        at: new Date(now).toISOString(),
        state: target.value,
        providerState,
        until: new Date(now + this.delays[action]).toISOString(),
      };
      const events = {
        ...current.events,
        [record.externalId]: [...(current.events[record.externalId] ?? []), event],
      };
      return { overrides: { ...current, events }, value: ok({ state: target.value, providerState }) };
    });
  }

  async costs(
    connection: CloudConnection,
    range: { readonly from: string; readonly to: string },
  ): Promise<Result<readonly CostLine[]>> {
    const window = parseCostRange(range, MAX_COST_DAYS);
    if (!window.ok) return window;
    const world = await this.world(connection);
    if (!world.ok) return world;
    const { records, overrides, now } = world.value;
    const billable = records.map((record) => ({
      externalId: record.externalId,
      type: record.type,
      region: record.region,
      hourlyUsd: this.price(record),
      intervals: billingIntervals(record, timelineOf(record, overrides.events[record.externalId])),
    }));
    return ok(
      computeCosts(billable, {
        ...window.value,
        nowMs: now,
        variation: this.variation,
      }),
    );
  }

  async rightsizing(connection: CloudConnection): Promise<Result<readonly RightsizingHint[]>> {
    const world = await this.world(connection);
    if (!world.ok) return world;
    const { records, overrides, now } = world.value;
    const hints: RightsizingHint[] = [];
    for (const record of records) {
      if (record.type !== 'vm') continue;
      const hint = rightsizingHint(record, this.status(record, overrides, now));
      if (hint) hints.push(hint);
    }
    return ok(hints);
  }

  private async world(connection: CloudConnection): Promise<Result<World>> {
    const settings = simulatedSettings(connection);
    if (!settings.ok) return settings;
    const overrides = await this.store.load(connection.tenantId, connection.providerId);
    const records = [...this.inventory(settings.value), ...overrides.created].filter((r) =>
      inScope(r, settings.value.regions),
    );
    return ok({ settings: settings.value, overrides, records, now: this.clock().getTime() });
  }

  /** Generating 20,000 resources takes a while; paging calls this once per page. */
  private inventory(settings: SimulatedSettings): readonly SimulatedResourceRecord[] {
    const key = `${settings.seed}\u0000${settings.size}`;
    let inventory = this.inventories.get(key);
    if (!inventory) {
      inventory = generateInventory(settings.seed, settings.size);
      if (this.inventories.size >= 4) this.inventories.delete(this.inventories.keys().next().value!);
      this.inventories.set(key, inventory);
    }
    return inventory;
  }

  private status(
    record: SimulatedResourceRecord,
    overrides: SimulatedOverrides,
    now: number,
  ): SimulatedStatus {
    return statusAt(record, timelineOf(record, overrides.events[record.externalId]), now);
  }

  private price(record: SimulatedResourceRecord): number {
    return listPricePerHour(record.type, record.size, record.region, record.storageGb);
  }

  private discovered(record: SimulatedResourceRecord, status: SimulatedStatus): DiscoveredResource {
    return {
      externalId: record.externalId,
      name: record.name,
      region: record.region,
      type: record.type,
      size: record.size,
      state: status.state,
      providerState: status.providerState,
      tags: record.tags,
      costPerHour: this.price(record),
      config: record.config,
      createdAt: new Date(record.createdAt),
    };
  }

  /** The domain's state machine decides what is legal; it reads an inventory entity. */
  private entity(
    connection: CloudConnection,
    record: SimulatedResourceRecord,
    status: SimulatedStatus,
    now: number,
  ): Resource {
    return {
      ...this.discovered(record, status),
      tenantId: connection.tenantId,
      id: record.externalId,
      providerId: connection.providerId,
      providerKind: 'simulated',
      costPerHour: this.price(record),
      createdAt: new Date(record.createdAt),
      updatedAt: new Date(now),
      syncedAt: null,
    };
  }
}
