import { Credentials } from '../../domain/cloud/credentials';
import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type CloudAdapters } from './cloud-adapters';
import { type CloudChanges } from './cloud-changes';
import { governanceActor } from '../governance/governance-actor';
import { type ConnectProviderInput } from './cloud-input';
import { type ProviderView, type SyncView, toProviderView } from './cloud.view';
import { type SyncProviderUseCase } from './sync-provider.use-case';

/**
 * Connects a cloud account: the credentials are checked against the cloud first (a bad key never
 * gets stored), sealed with AES-256-GCM, and only their masked form is ever returned or logged.
 */
export class ConnectProviderUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly adapters: CloudAdapters,
    private readonly sync: SyncProviderUseCase,
    private readonly changes: CloudChanges,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    input: ConnectProviderInput,
  ): Promise<Result<ProviderView & { sync: SyncView | null }>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const tenantId = admin.value.tenantId;
    const credentials = Credentials.of(input.kind, input.credentials);
    if (!credentials.ok) return credentials;
    if (await this.providers.nameTaken(tenantId, input.name)) {
      return err(
        DomainError.conflict(`a provider named ${input.name} already exists`, 'provider_name_taken'),
      );
    }
    const id = this.ids.next();
    const now = this.clock.now();
    const prepared = await this.adapters.prepare({
      tenantId,
      id,
      name: input.name,
      credentials: credentials.value,
      regions: input.regions ?? [],
      now,
    });
    if (!prepared.ok) return prepared;
    const { provider, sealed } = prepared.value;
    const change = {
      action: 'cloud.provider.connected',
      actor: governanceActor(admin.value),
      target: { type: 'provider' as const, id },
      data: {
        kind: provider.kind,
        name: provider.name,
        account: provider.account,
        regions: provider.regions,
        credentials: provider.maskedCredentials,
      },
      at: now,
    };
    await this.changes.apply(tenantId, [change], async () =>
      ok(await this.providers.create(provider, sealed)),
    );

    let synced: SyncView | null = null;
    if (input.sync) {
      const result = await this.sync.run(tenantId, id, governanceActor(admin.value));
      if (result.ok) synced = result.value;
    }
    const current = (await this.providers.findById(tenantId, id)) ?? provider;
    return ok({ ...toProviderView(current), sync: synced });
  }
}

export class ListProvidersUseCase {
  constructor(private readonly providers: ProviderRepository) {}

  async execute(actor: Actor): Promise<Result<{ items: ProviderView[] }>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    return ok({ items: (await this.providers.list(reader.value.tenantId)).map(toProviderView) });
  }
}

export class GetProviderUseCase {
  constructor(private readonly providers: ProviderRepository) {}

  async execute(actor: Actor, id: string): Promise<Result<ProviderView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const provider = await this.providers.findById(reader.value.tenantId, id);
    return provider ? ok(toProviderView(provider)) : err(DomainError.notFound('provider', id));
  }
}

/** Checks stored credentials against the cloud again and records the outcome on the provider. */
export class TestProviderUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly adapters: CloudAdapters,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    id: string,
  ): Promise<
    Result<{
      id: string;
      ok: boolean;
      account: string | null;
      regions: string[];
      error: string | null;
      checked_at: string;
    }>
  > {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const provider = await this.providers.findById(member.value.tenantId, id);
    if (!provider) return err(DomainError.notFound('provider', id));
    const connected = await this.adapters.connect(provider);
    const info = connected.ok
      ? await connected.value.port.testConnection(connected.value.connection)
      : connected;
    const now = this.clock.now();
    await this.providers.saveStatus({
      ...provider,
      status: info.ok ? 'connected' : 'error',
      account: info.ok ? info.value.account : provider.account,
      lastError: info.ok ? null : info.error.message,
    });
    return ok({
      id,
      ok: info.ok,
      account: info.ok ? info.value.account : provider.account,
      regions: info.ok ? [...info.value.regions] : [...provider.regions],
      error: info.ok ? null : info.error.message,
      checked_at: now.toISOString(),
    });
  }
}

/** Disconnecting forgets the credentials at once, with the provider's inventory, costs and findings. */
export class DisconnectProviderUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly changes: CloudChanges,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, id: string): Promise<Result<void>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const tenantId = admin.value.tenantId;
    const provider = await this.providers.findById(tenantId, id);
    if (!provider) return err(DomainError.notFound('provider', id));
    const change = {
      action: 'cloud.provider.disconnected',
      actor: governanceActor(admin.value),
      target: { type: 'provider' as const, id },
      data: { kind: provider.kind, name: provider.name },
      at: this.clock.now(),
    };
    return this.changes.apply(tenantId, [change], async () =>
      (await this.providers.delete(tenantId, id)) ? ok(undefined) : err(DomainError.notFound('provider', id)),
    );
  }
}
