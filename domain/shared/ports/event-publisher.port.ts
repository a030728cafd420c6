import { type TenantId } from '../tenant-id';

/** A fact that happened inside one tenant, delivered to that tenant's live subscribers only. */
export interface TenantEvent {
  readonly tenantId: TenantId;
  /** e.g. `member.added`, `run.step_appended` */
  readonly type: string;
  /** Topics narrower than the tenant room, e.g. `project:<id>`, `run:<id>`. */
  readonly topics: readonly string[];
  readonly data: Readonly<Record<string, unknown>>;
  readonly at: string;
  /** `approvers`: only people with the approver role or above receive it (never API keys). */
  readonly audience?: 'approvers';
  /**
   * Only for live viewers (WebSocket rooms): when no replica has a viewer of the tenant, the event
   * may be dropped instead of fanned out. Ingest's step events are; control events (a revoked key
   * that every replica must forget) never are.
   */
  readonly viewersOnly?: boolean;
}

export abstract class EventPublisher {
  abstract publish(event: TenantEvent): Promise<void>;
}

/** The live side of events: WebSocket gateways listen here. Fan-out across replicas is the adapter's job. */
export abstract class EventBus extends EventPublisher {
  /** Returns the function that stops listening. */
  abstract subscribe(listener: (event: TenantEvent) => void): () => void;

  /**
   * Declares that this process has live viewers of a tenant, so viewers-only events of that tenant
   * reach it from every replica; resolves once that holds. Returns the function that withdraws it.
   */
  abstract watch(tenantId: TenantId): Promise<() => void>;
}
