import { type PolicyDecision } from './ports/policy-engine.port';

/**
 * What a decision token asserts: this tenant's run may execute exactly the tool call whose
 * canonical hash is `payloadHash`, once, before `expiresAt`.
 */
export interface DecisionClaims {
  /** Token id: the nonce that is consumed on use. */
  readonly id: string;
  readonly tenantId: string;
  readonly projectId: string;
  readonly runId: string;
  readonly stepId: string | null;
  readonly approvalId: string | null;
  readonly payloadHash: string;
  /** `allow` (policy allowed it), `approved` (a human did), or `break_glass`. */
  readonly decision: Extract<PolicyDecision, 'allow'> | 'approved' | 'break_glass';
  readonly policyVersion: number | null;
  readonly policyVersionId: string | null;
  readonly breakGlass: boolean;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

export const TOKEN_REJECTIONS = [
  'malformed',
  'bad_signature',
  'unknown_key',
  'expired',
  'wrong_tenant',
  'wrong_run',
  'payload_mismatch',
  'replayed',
  'unknown_token',
] as const;
export type TokenRejection = (typeof TOKEN_REJECTIONS)[number];

export const REJECTION_MESSAGES: Readonly<Record<TokenRejection, string>> = {
  malformed: 'the decision token is not a valid token',
  bad_signature: 'the decision token signature does not verify',
  unknown_key: 'the decision token was signed by an unknown key',
  expired: 'the decision token has expired',
  wrong_tenant: 'the decision token belongs to another tenant',
  wrong_run: 'the decision token was issued for another run',
  payload_mismatch: 'the executed tool call differs from the one the token allows',
  replayed: 'the decision token was already used',
  unknown_token: 'the decision token was never issued by this server',
};

/**
 * The binding checks after the signature verified: same tenant, same run, same call (hash), not
 * expired. Pure, so every rule is tested on its own.
 */
export function checkBinding(
  claims: DecisionClaims,
  executed: { readonly tenantId: string; readonly runId: string; readonly payloadHash: string },
  now: Date,
): TokenRejection | null {
  if (claims.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (claims.tenantId !== executed.tenantId) return 'wrong_tenant';
  if (claims.runId.toLowerCase() !== executed.runId.toLowerCase()) return 'wrong_run';
  if (claims.payloadHash !== executed.payloadHash) return 'payload_mismatch';
  return null;
}
