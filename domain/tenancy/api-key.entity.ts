import { type Result, ok } from '../shared/result';
import { type TenantId } from '../shared/tenant-id';
import { requireText } from '../shared/text';
import { type ApiKeyRole } from './role';

export interface ApiKeyProps {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly projectId: string;
  readonly name: string;
  /** Public lookup handle, also shown in listings so people can tell keys apart. */
  readonly prefix: string;
  /** Digest of the whole key; the key itself is shown once and never stored. */
  readonly secretHash: string;
  readonly role: ApiKeyRole;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
}

export class ApiKey {
  private constructor(private readonly props: ApiKeyProps) {}

  static issue(
    input: Omit<ApiKeyProps, 'createdAt' | 'lastUsedAt' | 'revokedAt'> & { now: Date },
  ): Result<ApiKey> {
    const name = requireText('name', input.name, 120);
    if (!name.ok) return name;
    const { now, ...rest } = input;
    return ok(new ApiKey({ ...rest, name: name.value, createdAt: now, lastUsedAt: null, revokedAt: null }));
  }

  static restore(props: ApiKeyProps): ApiKey {
    return new ApiKey(props);
  }

  get id(): string {
    return this.props.id;
  }
  get tenantId(): TenantId {
    return this.props.tenantId;
  }
  get projectId(): string {
    return this.props.projectId;
  }
  get name(): string {
    return this.props.name;
  }
  get prefix(): string {
    return this.props.prefix;
  }
  get secretHash(): string {
    return this.props.secretHash;
  }
  get role(): ApiKeyRole {
    return this.props.role;
  }
  get createdBy(): string | null {
    return this.props.createdBy;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get lastUsedAt(): Date | null {
    return this.props.lastUsedAt;
  }
  get expiresAt(): Date | null {
    return this.props.expiresAt;
  }
  get revokedAt(): Date | null {
    return this.props.revokedAt;
  }

  isUsable(now: Date): boolean {
    return this.props.revokedAt === null && (this.props.expiresAt === null || this.props.expiresAt > now);
  }

  used(at: Date): ApiKey {
    return new ApiKey({ ...this.props, lastUsedAt: at });
  }

  /** Revoking twice keeps the first revocation time. */
  revoke(now: Date): ApiKey {
    if (this.props.revokedAt) return this;
    return new ApiKey({ ...this.props, revokedAt: now });
  }
}

/**
 * Key format: `ck_<prefix>_<secret>`. The prefix (12 base62 chars) is the lookup handle, the
 * secret (32 base62 chars, ~190 bits) is what proves possession.
 */
const API_KEY_SHAPE = /^ck_([A-Za-z0-9]{12})_([A-Za-z0-9]{32})$/;

export function parseApiKey(raw: string): { prefix: string } | null {
  const match = API_KEY_SHAPE.exec(raw);
  return match ? { prefix: match[1] as string } : null;
}

export function formatApiKey(prefix: string, secret: string): string {
  return `ck_${prefix}_${secret}`;
}
