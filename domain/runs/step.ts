import { type RedactionMark } from '../shared/redaction/redaction-mark';
import { type TenantId } from '../shared/tenant-id';
import { type StepKind } from './step-kind';

/**
 * One step of a run, as stored: payloads are already redacted, and `redactions` says where and
 * what was masked (with salted hashes, so diffs can tell a changed secret from an unchanged one).
 * Steps are append-only: there is no update.
 */
export interface Step {
  readonly tenantId: TenantId;
  readonly runId: string;
  readonly id: string;
  readonly parentId: string | null;
  readonly kind: StepKind;
  readonly name: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly model: string | null;
  readonly modelParams: Readonly<Record<string, unknown>> | null;
  readonly tool: string | null;
  readonly input: unknown;
  readonly output: unknown;
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  readonly costUsd: number | null;
  /** `client` when the agent sent the cost, `computed` from the price table, null when unknown. */
  readonly costSource: 'client' | 'computed' | null;
  readonly error: unknown;
  readonly metadata: Readonly<Record<string, unknown>> | null;
  /** The id of the decision token the step carried (governance binds approvals to executions). */
  readonly decisionTokenId: string | null;
  readonly redactions: readonly RedactionMark[];
  /**
   * What a diff compares of the step, hashed once when it is stored (see diff/step-digest), so a
   * diff need not load steps that are the same. Absent on steps stored before digests existed.
   */
  readonly diffDigest?: string | null;
}

/** A step counts as an error when it is of kind `error` or carries an error payload. */
export const isErrorStep = (step: Pick<Step, 'kind' | 'error'>): boolean =>
  step.kind === 'error' || (step.error !== null && step.error !== undefined);
