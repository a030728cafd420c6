import { type ApprovalRequired, type ResourceView } from '../cloud/cloud.view';
import { type CreateResourceInput, type LifecycleInput } from '../cloud/cloud-input';
import {
  type CreateResourceUseCase,
  type GetResourceUseCase,
  type ListResourcesUseCase,
  type ResourceLifecycleUseCase,
} from '../cloud/manage-resources.use-case';
import { type SyncProviderUseCase } from '../cloud/sync-provider.use-case';
import { type Result, ok } from '../../domain/shared/result';
import { type TenantActor } from '../shared/actor';

/**
 * What the migration actions do to a cloud, always as the workflow's actor and always through the
 * cloud context's use cases (so policies, audit and live events see every change).
 */
export interface TargetCloud {
  /** A non-terminated resource of the provider carrying the tag, if any (newest first). */
  findTagged(
    actor: TenantActor,
    providerId: string,
    tag: { key: string; value: string },
  ): Promise<Result<ResourceView | null>>;
  create(actor: TenantActor, input: CreateResourceInput): Promise<Result<ResourceView>>;
  /** Re-reads the provider's inventory so resource states are current. */
  refresh(actor: TenantActor, providerId: string): Promise<Result<void>>;
  /** null when the inventory no longer has it. */
  get(actor: TenantActor, resourceId: string): Promise<Result<ResourceView | null>>;
  terminate(
    actor: TenantActor,
    resourceId: string,
    input: LifecycleInput,
  ): Promise<Result<ResourceView | ApprovalRequired>>;
}

export class CloudTargets implements TargetCloud {
  constructor(
    private readonly listResources: Pick<ListResourcesUseCase, 'execute'>,
    private readonly getResource: Pick<GetResourceUseCase, 'execute'>,
    private readonly createResource: Pick<CreateResourceUseCase, 'execute'>,
    private readonly sync: Pick<SyncProviderUseCase, 'execute'>,
    private readonly lifecycle: Pick<ResourceLifecycleUseCase, 'execute'>,
  ) {}

  async findTagged(actor: TenantActor, providerId: string, tag: { key: string; value: string }) {
    const page = await this.listResources.execute(actor, {
      provider: providerId,
      tag: `${tag.key}=${tag.value}`,
      limit: 20,
    });
    if (!page.ok) return page;
    return ok(page.value.items.find((r) => r.state !== 'terminated') ?? null);
  }

  create(actor: TenantActor, input: CreateResourceInput) {
    return this.createResource.execute(actor, input);
  }

  async refresh(actor: TenantActor, providerId: string): Promise<Result<void>> {
    const synced = await this.sync.execute(actor, providerId);
    return synced.ok ? ok(undefined) : synced;
  }

  async get(actor: TenantActor, resourceId: string): Promise<Result<ResourceView | null>> {
    const found = await this.getResource.execute(actor, resourceId);
    if (found.ok) return found;
    return found.error.code === 'not_found' ? ok(null) : found;
  }

  terminate(actor: TenantActor, resourceId: string, input: LifecycleInput) {
    return this.lifecycle.execute(actor, resourceId, 'terminate', input);
  }
}
