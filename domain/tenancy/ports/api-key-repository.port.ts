import { type TenantId } from '../../shared/tenant-id';
import { type ApiKey } from '../api-key.entity';

export abstract class ApiKeyRepository {
  /** False when the prefix is already taken (nothing is written). */
  abstract create(key: ApiKey): Promise<boolean>;
  abstract update(key: ApiKey): Promise<void>;
  abstract findById(tenantId: TenantId, keyId: string): Promise<ApiKey | null>;
  abstract listByProject(tenantId: TenantId, projectId: string): Promise<readonly ApiKey[]>;
  /** Lookup before the tenant is known: scoped to the one row with this prefix. */
  abstract findByPrefix(prefix: string): Promise<ApiKey | null>;
  abstract recordUse(key: ApiKey, at: Date): Promise<void>;
}
