import { type TenantId } from '../../shared/tenant-id';

/** A tenant's named normalisation profile for run diffs (what to ignore as noise). */
export interface DiffProfileRecord {
  readonly name: string;
  readonly ignorePaths: readonly string[];
  readonly ignoreKeys: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export abstract class DiffProfileRepository {
  abstract list(tenantId: TenantId): Promise<readonly DiffProfileRecord[]>;
  abstract find(tenantId: TenantId, name: string): Promise<DiffProfileRecord | null>;
  /** Creates or replaces the profile of that name. */
  abstract save(tenantId: TenantId, profile: DiffProfileRecord): Promise<void>;
  abstract delete(tenantId: TenantId, name: string): Promise<boolean>;
}
