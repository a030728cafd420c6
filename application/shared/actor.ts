import { type TenantId } from '../../domain/shared/tenant-id';
import { type ApiKeyRole, type Role } from '../../domain/tenancy/role';

/** A signed-in person, acting inside the tenant their session names (if any). */
export interface UserActor {
  readonly kind: 'user';
  readonly userId: string;
  readonly email: string;
  readonly sessionId: string;
  readonly tenantId: TenantId | null;
  readonly role: Role | null;
  readonly isOperator: boolean;
}

/** A project API key (ingestion, SDKs, MCP clients): always bound to one tenant and one project. */
export interface ApiKeyActor {
  readonly kind: 'api_key';
  readonly apiKeyId: string;
  readonly tenantId: TenantId;
  readonly projectId: string;
  readonly role: ApiKeyRole;
}

export type Actor = UserActor | ApiKeyActor;

/** An actor that is acting inside a tenant with a role. */
export type TenantActor = (UserActor & { readonly tenantId: TenantId; readonly role: Role }) | ApiKeyActor;
