import { randomUUID } from 'node:crypto';
import { asTenantId, type TenantId } from '../../domain/shared/tenant-id';
import { ApiKey } from '../../domain/tenancy/api-key.entity';
import { type Email } from '../../domain/tenancy/email';
import { Membership } from '../../domain/tenancy/membership.entity';
import { Project } from '../../domain/tenancy/project.entity';
import { type Role } from '../../domain/tenancy/role';
import { Tenant } from '../../domain/tenancy/tenant.entity';
import { User } from '../../domain/tenancy/user.entity';

/** Test-data builders: valid by default, every field overridable. */
const NOW = new Date('2026-11-23T10:00:00.000Z');

export function aTenant(overrides: { id?: TenantId; name?: string; now?: Date } = {}): Tenant {
  const result = Tenant.create({
    id: overrides.id ?? asTenantId(randomUUID()),
    name: overrides.name ?? 'Acme',
    now: overrides.now ?? NOW,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function aUser(
  overrides: { id?: string; email?: string; passwordHash?: string | null; isOperator?: boolean } = {},
): User {
  const result = User.register({
    id: overrides.id ?? randomUUID(),
    email: (overrides.email ?? `user-${randomUUID().slice(0, 8)}@example.test`) as Email,
    passwordHash:
      overrides.passwordHash === undefined
        ? '$2b$12$notarealhashnotarealhashnotarealhashnotarealhashnot'
        : overrides.passwordHash,
    isOperator: overrides.isOperator,
    now: NOW,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function aMembership(tenantId: TenantId, userId: string, role: Role = 'admin'): Membership {
  return Membership.grant({ tenantId, userId, role, now: NOW });
}

export function aProject(tenantId: TenantId, overrides: { id?: string; name?: string } = {}): Project {
  const result = Project.create({
    id: overrides.id ?? randomUUID(),
    tenantId,
    name: overrides.name ?? 'checkout-agent',
    now: NOW,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function anApiKey(
  tenantId: TenantId,
  projectId: string,
  overrides: { prefix?: string; secretHash?: string } = {},
): ApiKey {
  const result = ApiKey.issue({
    id: randomUUID(),
    tenantId,
    projectId,
    name: 'ingest',
    prefix: overrides.prefix ?? randomUUID().replace(/-/g, '').slice(0, 12),
    secretHash: overrides.secretHash ?? 'a'.repeat(64),
    role: 'developer',
    createdBy: null,
    expiresAt: null,
    now: NOW,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
