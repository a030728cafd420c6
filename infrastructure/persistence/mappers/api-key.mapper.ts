import { asTenantId } from '../../../domain/shared/tenant-id';
import { ApiKey } from '../../../domain/tenancy/api-key.entity';
import { type ApiKeyRole } from '../../../domain/tenancy/role';
import { ApiKeyModel } from '../models/api-key.model';

export const ApiKeyMapper = {
  toDomain(row: ApiKeyModel): ApiKey {
    return ApiKey.restore({
      id: row.id,
      tenantId: asTenantId(row.tenantId),
      projectId: row.projectId,
      name: row.name,
      prefix: row.prefix,
      secretHash: row.secretHash,
      role: row.role as ApiKeyRole,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
    });
  },
  toPersistence(key: ApiKey): ApiKeyModel {
    return Object.assign(new ApiKeyModel(), {
      id: key.id,
      tenantId: key.tenantId,
      projectId: key.projectId,
      name: key.name,
      prefix: key.prefix,
      secretHash: key.secretHash,
      role: key.role,
      createdBy: key.createdBy,
      createdAt: key.createdAt,
      lastUsedAt: key.lastUsedAt,
      expiresAt: key.expiresAt,
      revokedAt: key.revokedAt,
    });
  },
};
