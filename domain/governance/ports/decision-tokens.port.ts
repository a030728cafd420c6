import { type TenantId } from '../../shared/tenant-id';
import { type DecisionClaims, type TokenRejection } from '../decision-token';
import { type GovernanceActor } from '../policy.entity';

export type VerifiedToken =
  | { readonly ok: true; readonly claims: DecisionClaims }
  | { readonly ok: false; readonly reason: TokenRejection };

/** Signs and verifies decision tokens (compact JWS) with the instance's rotating key pair. */
export abstract class DecisionTokenSigner {
  abstract sign(claims: DecisionClaims): Promise<{ token: string; kid: string }>;
  /** Signature, key and expiry; the binding checks are `checkBinding`'s. */
  abstract verify(token: string, now: Date): Promise<VerifiedToken>;
  /** The public keys that verify tokens (JWKS), including recently retired ones. */
  abstract jwks(now?: Date): Promise<{ keys: Record<string, unknown>[] }>;
  /** Retires the signing key and starts a new one; returns the new key id. */
  abstract rotate(now?: Date): Promise<string>;
}

export type Consumption = 'consumed' | 'already_consumed_by_this_step' | 'replayed' | 'unknown_token';

/** The ledger of issued tokens: what was issued, and which are spent. */
export abstract class DecisionTokenLedger {
  abstract record(
    claims: DecisionClaims,
    token: string,
    kid: string,
    issuedTo: GovernanceActor,
  ): Promise<void>;
  /** The token itself while it is still usable (issued, not consumed, not expired). */
  abstract usable(tenantId: TenantId, tokenId: string, now: Date): Promise<string | null>;
  /** Spends a token for one step, atomically; a second spend is a replay unless it is the same step again. */
  abstract consume(
    tenantId: TenantId,
    tokenId: string,
    step: { readonly runId: string; readonly stepId: string },
    at: Date,
  ): Promise<Consumption>;
}
