import { type TenantId } from '../shared/tenant-id';
import { type CloudKind } from './cloud-kind';

export const PROVIDER_STATUSES = ['connected', 'error'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** One connected cloud account (or the simulated cloud) of a tenant. Credentials are stored apart. */
export interface CloudProvider {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly kind: CloudKind;
  readonly name: string;
  readonly regions: readonly string[];
  readonly status: ProviderStatus;
  readonly lastSyncAt: Date | null;
  readonly lastError: string | null;
  /** Account, subscription or project the credentials reach. */
  readonly account: string | null;
  /** Which encryption key sealed the credentials (for rotation). */
  readonly credentialKeyId: string | null;
  /** Masked credentials, safe to return (`****` for every secret). */
  readonly maskedCredentials: Readonly<Record<string, string>>;
  readonly createdAt: Date;
}
