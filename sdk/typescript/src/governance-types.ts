/** The gate's wire types (PROTOCOL.md, "Gating a tool call"). */

export type Decision = 'allow' | 'require_approval' | 'block';
export type Risk = 'low' | 'medium' | 'high' | 'critical';

export interface EvaluateRequest {
  readonly agent: string;
  readonly tool: string;
  readonly arguments: Record<string, unknown>;
  readonly risk?: Risk | string;
  readonly environment?: string;
  readonly run_id: string;
  readonly step_id: string;
  readonly issue_token: true;
}

export interface EvaluateResult {
  readonly decision: Decision;
  readonly policy_version: unknown;
  readonly reasons: readonly string[];
  readonly payload_hash: string;
  /** Present only for `allow` when a token was asked for. */
  readonly decision_token?: string;
}

export interface ApprovalRequest {
  readonly run_id: string;
  readonly step_id: string;
  readonly tool: string;
  readonly arguments: Record<string, unknown>;
  readonly risk: Risk | string;
  readonly summary: string;
  /** How long the approval stays open on the server (default there: 15 minutes). */
  readonly ttl_seconds?: number;
}

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';

export interface ApprovalState {
  readonly id: string;
  readonly status: ApprovalStatus;
  readonly payload_hash?: string;
  readonly expires_at?: string;
  readonly reason?: string | null;
  readonly decided_by?: unknown;
  /** Present once approved. */
  readonly decision_token?: string;
}
