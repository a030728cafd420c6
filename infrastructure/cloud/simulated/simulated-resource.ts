import {
  type ResourceConfig,
  type ResourceState,
  type ResourceType,
} from '../../../domain/cloud/resource.entity';

/**
 * One change of state. Instants are ISO strings so that records and events survive a JSON round
 * trip unchanged (the database keeps them in one jsonb document per provider).
 */
export interface SimulatedStateEvent {
  readonly at: string;
  readonly state: ResourceState;
  /** The provider's word while the change is under way (`stopping`, `provisioning`…). */
  readonly providerState?: string;
  /** When the transitional word gives way to the settled one; absent means "until the next event". */
  readonly until?: string;
}

/** A resource of the simulated cloud, generated from the seed or made by `create`. */
export interface SimulatedResourceRecord {
  readonly externalId: string;
  readonly name: string;
  readonly region: string;
  readonly type: ResourceType;
  readonly size: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly config: ResourceConfig;
  readonly createdAt: string;
  /** Capacity of buckets and disks, which are priced per GB; null for everything else. */
  readonly storageGb: number | null;
  /** The state changes the resource was born with; `act` adds more through the state store. */
  readonly history: readonly SimulatedStateEvent[];
}

export interface SimulatedStatus {
  readonly state: ResourceState;
  readonly providerState: string;
  /** A change is under way: the provider rejects start and stop until it settles. */
  readonly transitional: boolean;
  /** When the current state began (ms). */
  readonly since: number;
}

/** AWS keeps a terminated instance visible for about an hour; the simulated cloud does the same. */
export const TERMINATED_VISIBLE_MS = 60 * 60 * 1000;

export const LIFECYCLE_TYPES: ReadonlySet<ResourceType> = new Set([
  'vm',
  'database',
  'llm_endpoint',
  'vector_db',
]);

/** The provider's word once a state has settled. */
export function settledWord(type: ResourceType, state: ResourceState): string {
  if (LIFECYCLE_TYPES.has(type)) return state;
  // Buckets, disks, groups and policies cannot be stopped: they exist or they are gone.
  if (state === 'terminated') return 'deleted';
  return state === 'pending' ? 'creating' : 'available';
}

interface TimedEvent {
  readonly atMs: number;
  readonly event: SimulatedStateEvent;
}

/**
 * Generated history followed by recorded events, oldest first, ending at the first termination:
 * a VM terminated while provisioning must not come back when its scheduled "running" falls due.
 */
export function timelineOf(
  record: SimulatedResourceRecord,
  recorded: readonly SimulatedStateEvent[] | undefined,
): readonly TimedEvent[] {
  const all = recorded && recorded.length > 0 ? [...record.history, ...recorded] : record.history;
  // Array.prototype.sort is stable, so events recorded at one instant keep their order.
  const sorted = all.map((event) => ({ atMs: Date.parse(event.at), event })).sort((a, b) => a.atMs - b.atMs);
  const end = sorted.findIndex((entry) => entry.event.state === 'terminated');
  return end === -1 ? sorted : sorted.slice(0, end + 1);
}

/** The state at `now`; before its first event a resource shows its first state. */
export function statusAt(
  record: SimulatedResourceRecord,
  timeline: readonly TimedEvent[],
  now: number,
): SimulatedStatus {
  let current = timeline[0]!;
  for (const entry of timeline) {
    if (entry.atMs > now) break;
    current = entry;
  }
  const { event } = current;
  const settled = settledWord(record.type, event.state);
  const transitional =
    event.providerState !== undefined &&
    event.providerState !== settled &&
    (event.until === undefined || now < Date.parse(event.until));
  return {
    state: event.state,
    providerState: transitional ? event.providerState! : settled,
    transitional,
    since: current.atMs,
  };
}

/** Listed unless terminated for longer than the visibility window. */
export function isVisible(status: SimulatedStatus, now: number): boolean {
  return status.state !== 'terminated' || now - status.since < TERMINATED_VISIBLE_MS;
}

/**
 * Half-open intervals [start, end) in ms during which the resource bills: machines while running,
 * storage from creation until it is terminated, groups and policies never. `end` may be Infinity.
 */
export function billingIntervals(
  record: SimulatedResourceRecord,
  timeline: readonly TimedEvent[],
): readonly (readonly [number, number])[] {
  if (record.type === 'security_group' || record.type === 'iam_policy') return [];
  const storage = record.type === 'bucket' || record.type === 'disk';
  const intervals: [number, number][] = [];
  let openSince: number | null = null;
  for (const { atMs, event } of timeline) {
    const bills = storage ? event.state !== 'terminated' : event.state === 'running';
    if (bills && openSince === null) openSince = atMs;
    if (!bills && openSince !== null) {
      if (atMs > openSince) intervals.push([openSince, atMs]);
      openSince = null;
    }
    if (event.state === 'terminated') break;
  }
  if (openSince !== null) intervals.push([openSince, Infinity]);
  return intervals;
}
