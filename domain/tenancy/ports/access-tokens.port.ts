import { type Result } from '../../shared/result';
import { type TenantId } from '../../shared/tenant-id';

export interface AccessClaims {
  readonly userId: string;
  readonly sessionId: string;
  readonly tenantId: TenantId | null;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
}

export abstract class AccessTokens {
  abstract issue(claims: AccessClaims): Promise<IssuedAccessToken>;
  abstract verify(token: string): Promise<Result<AccessClaims>>;
}
