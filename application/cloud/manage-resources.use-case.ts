import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { type ResourceRepository } from '../../domain/cloud/ports/resource-repository.port';
import { type LifecycleAction, type Resource, transition } from '../../domain/cloud/resource.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { pageOf, positionFrom } from '../shared/cursor';
import { type CloudAdapters } from './cloud-adapters';
import { type CloudChanges } from './cloud-changes';
import { governanceActor } from '../governance/governance-actor';
import {
  type CreateResourceInput,
  type LifecycleInput,
  type ListResourcesInput,
  parseTagFilter,
} from './cloud-input';
import { type ApprovalRequired, type ResourceView, toResourceView } from './cloud.view';
import { type ResourceGate } from './resource-gate';

export class ListResourcesUseCase {
  constructor(private readonly resources: ResourceRepository) {}

  async execute(
    actor: Actor,
    input: ListResourcesInput,
  ): Promise<Result<{ items: ResourceView[]; next_cursor: string | null }>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const after = positionFrom(input.cursor);
    if (!after.ok) return after;
    const rows = await this.resources.list(reader.value.tenantId, {
      providerId: input.provider,
      region: input.region,
      type: input.type,
      state: input.state,
      tag: parseTagFilter(input.tag),
      after: after.value,
      limit: input.limit + 1,
    });
    const page = pageOf(rows, input.limit, (r) => ({ at: r.createdAt, id: r.id }));
    return ok({ items: page.items.map(toResourceView), next_cursor: page.nextCursor });
  }
}

export class GetResourceUseCase {
  constructor(private readonly resources: ResourceRepository) {}

  async execute(actor: Actor, id: string): Promise<Result<ResourceView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const resource = await this.resources.findById(reader.value.tenantId, id);
    return resource ? ok(toResourceView(resource)) : err(DomainError.notFound('resource', id));
  }
}

/** Creates a VM through the provider's API and adds it to the inventory as `pending`. */
export class CreateResourceUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly resources: ResourceRepository,
    private readonly adapters: CloudAdapters,
    private readonly changes: CloudChanges,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CreateResourceInput): Promise<Result<ResourceView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const tenantId = member.value.tenantId;
    const provider = await this.providers.findById(tenantId, input.provider_id);
    if (!provider) return err(DomainError.notFound('provider', input.provider_id));
    const connected = await this.adapters.connect(provider);
    if (!connected.ok) return connected;
    const created = await connected.value.port.create(connected.value.connection, {
      name: input.name,
      region: input.region,
      type: 'vm',
      size: input.size,
      image: input.image,
      tags: input.tags,
    });
    if (!created.ok) return created;
    const now = this.clock.now();
    const d = created.value;
    const resource: Resource = {
      tenantId,
      id: this.ids.next(),
      providerId: provider.id,
      providerKind: provider.kind,
      externalId: d.externalId,
      name: d.name,
      region: d.region,
      type: d.type,
      size: d.size,
      state: d.state,
      providerState: d.providerState,
      tags: d.tags,
      costPerHour: d.costPerHour ?? 0,
      config: d.config,
      createdAt: d.createdAt ?? now,
      updatedAt: now,
      syncedAt: now,
    };
    const change = {
      action: 'cloud.resource.created',
      actor: governanceActor(member.value),
      target: { type: 'resource' as const, id: resource.id },
      data: {
        provider_id: provider.id,
        external_id: resource.externalId,
        name: resource.name,
        region: resource.region,
        size: resource.size,
        state: resource.state,
      },
      at: now,
      topics: [`provider:${provider.id}`],
    };
    await this.changes.apply(tenantId, [change], async () => ok(await this.resources.insert(resource)));
    const stored = await this.resources.findByExternalId(tenantId, provider.id, resource.externalId);
    return ok(toResourceView(stored ?? resource));
  }
}

/**
 * start / stop / terminate. The state machine is checked first (an illegal transition is a 409
 * before any cloud call), then the policy gate, then the provider; the new state, an audit entry
 * and a live event follow.
 */
export class ResourceLifecycleUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly resources: ResourceRepository,
    private readonly adapters: CloudAdapters,
    private readonly gate: ResourceGate,
    private readonly changes: CloudChanges,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    id: string,
    action: LifecycleAction,
    input: LifecycleInput,
  ): Promise<Result<ResourceView | ApprovalRequired>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const tenantId = member.value.tenantId;
    const resource = await this.resources.findById(tenantId, id);
    if (!resource) return err(DomainError.notFound('resource', id));
    const target = transition(resource, action);
    if (!target.ok) return target;
    const provider = await this.providers.findById(tenantId, resource.providerId);
    if (!provider) return err(DomainError.notFound('provider', resource.providerId));

    const gate = await this.gate.check(member.value, resource, action, input);
    if (!gate.ok) return gate;
    if (!gate.value.proceed) return ok(gate.value.approval);

    const connected = await this.adapters.connect(provider);
    if (!connected.ok) return connected;
    const outcome = await connected.value.port.act(
      connected.value.connection,
      { externalId: resource.externalId, region: resource.region, type: resource.type },
      action,
    );
    if (!outcome.ok) return outcome;
    const now = this.clock.now();
    const updated: Resource = {
      ...resource,
      state: outcome.value.state,
      providerState: outcome.value.providerState,
      updatedAt: now,
    };
    const change = {
      action: 'cloud.resource.state_changed',
      actor: governanceActor(member.value),
      target: { type: 'resource' as const, id },
      data: {
        lifecycle_action: action,
        from: resource.state,
        state: updated.state,
        provider_state: updated.providerState,
        external_id: resource.externalId,
        reason: input.reason ?? null,
        ...(input.decision_token ? { run_id: input.run_id, approved: true } : {}),
      },
      at: now,
      topics: [`provider:${provider.id}`],
    };
    await this.changes.apply(tenantId, [change], async () => ok(await this.resources.save(updated)));
    return ok(toResourceView(updated));
  }
}
