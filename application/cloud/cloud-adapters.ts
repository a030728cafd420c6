import { type CloudKind } from '../../domain/cloud/cloud-kind';
import { Credentials } from '../../domain/cloud/credentials';
import { type CloudConnection, type CloudPort } from '../../domain/cloud/ports/cloud.port';
import {
  type CredentialCipher,
  type SealedCredentials,
} from '../../domain/cloud/ports/credential-cipher.port';
import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { type CloudProvider } from '../../domain/cloud/provider.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';

/**
 * The cloud adapters by kind, and the one place that turns a stored provider into a live
 * connection: it opens the sealed credentials, and re-seals them under the current key when they
 * were sealed under an older one (key rotation happens on use).
 */
export class CloudAdapters {
  private readonly byKind: ReadonlyMap<CloudKind, CloudPort>;

  constructor(
    adapters: readonly CloudPort[],
    private readonly providers: ProviderRepository,
    private readonly cipher: CredentialCipher,
  ) {
    this.byKind = new Map(adapters.map((a) => [a.kind, a]));
  }

  for(kind: CloudKind): CloudPort {
    const adapter = this.byKind.get(kind);
    if (!adapter) throw new Error(`no cloud adapter registered for ${kind}`);
    return adapter;
  }

  /**
   * A provider about to be stored: its credentials sealed and checked against the cloud first, so
   * a bad key is never kept. Regions default to those the account can use.
   */
  async prepare(input: {
    readonly tenantId: TenantId;
    readonly id: string;
    readonly name: string;
    readonly credentials: Credentials;
    readonly regions: readonly string[];
    readonly now: Date;
  }): Promise<Result<{ provider: CloudProvider; sealed: SealedCredentials }>> {
    const { tenantId, id, credentials, regions } = input;
    const sealed = this.cipher.seal(credentials.reveal());
    if (!sealed.ok) return sealed;
    const info = await this.for(credentials.kind).testConnection({
      tenantId,
      providerId: id,
      credentials,
      regions,
    });
    if (!info.ok) return info;
    return ok({
      sealed: sealed.value,
      provider: {
        tenantId,
        id,
        kind: credentials.kind,
        name: input.name,
        regions: regions.length > 0 ? [...regions] : [...info.value.regions],
        status: 'connected',
        account: info.value.account,
        lastSyncAt: null,
        lastError: null,
        credentialKeyId: sealed.value.keyId,
        maskedCredentials: credentials.masked(),
        createdAt: input.now,
      },
    });
  }

  async connect(provider: CloudProvider): Promise<Result<{ port: CloudPort; connection: CloudConnection }>> {
    const sealed = await this.providers.credentials(provider.tenantId, provider.id);
    if (!sealed) return err(DomainError.notFound('provider', provider.id));
    const opened = this.cipher.open(sealed);
    if (!opened.ok) return opened;
    const credentials = Credentials.of(provider.kind, opened.value);
    if (!credentials.ok) {
      return err(
        DomainError.validation(
          `provider ${provider.name} has no usable ${provider.kind} credentials (imported from Terraform state?); connect it with credentials to sync`,
          [],
          'credentials_missing',
        ),
      );
    }
    if (this.cipher.currentKeyId && sealed.keyId !== this.cipher.currentKeyId) {
      const resealed = this.cipher.seal(opened.value);
      if (resealed.ok) await this.providers.resealCredentials(provider.tenantId, provider.id, resealed.value);
    }
    return ok({
      port: this.for(provider.kind),
      connection: {
        tenantId: provider.tenantId,
        providerId: provider.id,
        credentials: credentials.value,
        regions: provider.regions,
      },
    });
  }
}
