import { type TenantId } from '../../shared/tenant-id';
import { type CloudProvider } from '../provider.entity';
import { type RightsizingHint } from './cloud.port';
import { type SealedCredentials } from './credential-cipher.port';

export abstract class ProviderRepository {
  abstract create(provider: CloudProvider, credentials: SealedCredentials): Promise<void>;
  abstract findById(tenantId: TenantId, id: string): Promise<CloudProvider | null>;
  abstract list(tenantId: TenantId): Promise<readonly CloudProvider[]>;
  abstract nameTaken(tenantId: TenantId, name: string): Promise<boolean>;
  /** Status, regions, account, last sync and last error. */
  abstract saveStatus(provider: CloudProvider): Promise<void>;
  abstract credentials(tenantId: TenantId, id: string): Promise<SealedCredentials | null>;
  abstract resealCredentials(tenantId: TenantId, id: string, credentials: SealedCredentials): Promise<void>;
  abstract saveRightsizing(tenantId: TenantId, id: string, hints: readonly RightsizingHint[]): Promise<void>;
  abstract rightsizing(tenantId: TenantId): Promise<readonly (RightsizingHint & { providerId: string })[]>;
  /** Removes the provider with its credentials, inventory, costs and findings. */
  abstract delete(tenantId: TenantId, id: string): Promise<boolean>;
  /** Across tenants, ids only: providers whose last sync is older than `everySeconds`. */
  abstract dueForSync(
    now: Date,
    everySeconds: number,
  ): Promise<readonly { tenantId: TenantId; providerId: string }[]>;
}
