import { type TenantId } from '../../shared/tenant-id';
import { type Finding, type Severity } from '../threats/finding';

export interface StoredFinding extends Finding {
  readonly id: string;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
}

export abstract class FindingRepository {
  /**
   * Makes the tenant's open findings exactly `findings`: new ones are opened, present ones keep
   * their first-seen time, the rest are resolved (removed).
   */
  abstract replace(
    tenantId: TenantId,
    findings: readonly Finding[],
    now: Date,
    newId: () => string,
  ): Promise<{ opened: number; resolved: number; open: number }>;
  abstract list(
    tenantId: TenantId,
    filter: {
      readonly severities?: readonly Severity[];
      readonly providerId?: string;
      readonly ruleId?: string;
    },
  ): Promise<readonly StoredFinding[]>;
}
