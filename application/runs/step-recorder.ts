import { type ZodError } from 'zod';
import { type DecisionClaims } from '../../domain/governance/decision-token';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Digest } from '../../domain/shared/ports/digest.port';
import {
  type DecisionTokenGate,
  type TokenRejectionRecord,
  tokenRejectedError,
} from '../governance/decision-token-gate';
import { stepDigest } from '../../domain/runs/diff/step-digest';
import { costOf, priceFor } from '../../domain/runs/model-price';
import { type Step } from '../../domain/runs/step';
import { type RedactionMark } from '../../domain/shared/redaction/redaction-mark';
import { storable, storableText } from '../../domain/shared/storable-text';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type PriceBook } from './price-book';
import { parseStepInput } from './run-input';
import { type StepError } from './step-result';
import { type TenantRedaction } from './tenant-redaction';

export type StepOutcome =
  | {
      readonly kind: 'accepted';
      readonly id: string;
      readonly step: Step;
      /** The verified (not yet spent) decision token the step carries. */
      readonly token?: DecisionClaims;
    }
  | {
      readonly kind: 'rejected';
      readonly id: string | null;
      readonly status: number;
      readonly error: StepError;
      /** Set when the step was refused for its decision token: the attempt is recorded. */
      readonly tokenRejection?: TokenRejectionRecord;
    };

const PENDING_TOKEN = 'pending-verification';

/**
 * Turns what an agent sent into steps ready to store: each step is validated on its own (one bad
 * step does not sink the batch), its payloads are redacted with the tenant's key, and its cost is
 * taken from the client or computed from the price table in force when the step started.
 */
export class StepRecorder {
  constructor(
    private readonly redaction: TenantRedaction,
    private readonly prices: PriceBook,
    private readonly tokens: DecisionTokenGate,
    private readonly clock: Clock,
    private readonly digest: Digest,
  ) {}

  private readonly sha256 = (text: string) => this.digest.sha256(text);

  async prepare(tenantId: TenantId, runId: string, raws: readonly unknown[]): Promise<StepOutcome[]> {
    const outcomes = await this.validate(tenantId, runId, raws);
    if (!outcomes.some((o) => o.kind === 'accepted' && o.step.decisionTokenId !== null)) return outcomes;
    const now = this.clock.now();
    const tokens = (raws as { decision_token?: string; input?: unknown }[]).map((raw) => raw?.decision_token);
    return Promise.all(
      outcomes.map(async (outcome, index): Promise<StepOutcome> => {
        if (outcome.kind !== 'accepted' || outcome.step.decisionTokenId === null) return outcome;
        const raw = raws[index] as { input?: unknown };
        const check = await this.tokens.check(
          tenantId,
          runId,
          { tool: outcome.step.tool as string, input: raw.input ?? null, token: tokens[index] as string },
          now,
        );
        if (check.ok) {
          return {
            ...outcome,
            step: { ...outcome.step, decisionTokenId: check.claims.id },
            token: check.claims,
          };
        }
        return {
          kind: 'rejected',
          id: outcome.id,
          status: 403,
          error: tokenRejectedError(check.reason),
          tokenRejection: {
            stepId: outcome.id,
            tool: outcome.step.tool,
            reason: check.reason,
            tokenId: check.claims?.id ?? null,
          },
        };
      }),
    );
  }

  private async validate(
    tenantId: TenantId,
    runId: string,
    raws: readonly unknown[],
  ): Promise<StepOutcome[]> {
    const [redactor, prices] = await Promise.all([
      this.redaction.forTenant(tenantId),
      this.prices.pricesFor(tenantId),
    ]);
    const seen = new Set<string>();
    return raws.map((raw): StepOutcome => {
      const claimedId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null;
      const parsed = parseStepInput(raw);
      if (!parsed.success) return rejected(claimedId, 400, invalid(parsed.error));
      const input = parsed.data;
      if (seen.has(input.id)) {
        return rejected(input.id, 409, {
          code: 'duplicate_in_batch',
          message: 'this id appears earlier in the batch',
        });
      }
      seen.add(input.id);
      const startedAt = new Date(input.started_at);
      const endedAt = input.ended_at ? new Date(input.ended_at) : null;
      if (endedAt && endedAt < startedAt) {
        return rejected(input.id, 400, field('ended_at', 'ended_at is before started_at'));
      }
      if (input.parent_id === input.id)
        return rejected(input.id, 400, field('parent_id', 'a step cannot be its own parent'));
      if (input.decision_token && (input.kind !== 'tool' || !input.tool)) {
        return rejected(
          input.id,
          400,
          field('decision_token', 'only a tool step (kind "tool" with a tool name) carries a decision token'),
        );
      }

      // each field by its own name: a loop over names made every read and write a keyed one
      const marks: RedactionMark[] = [];
      const clean = (value: unknown, path: string): unknown => {
        if (value === undefined || value === null) return null;
        const redacted = redactor.redact(storable(value), path);
        for (const mark of redacted.marks) marks.push(mark);
        return redacted.value;
      };
      const cleanInput = clean(input.input, 'input');
      const cleanOutput = clean(input.output, 'output');
      const modelParams = clean(input.model_params, 'model_params') as Step['modelParams'];
      const metadata = clean(input.metadata, 'metadata') as Step['metadata'];
      const error = clean(input.error, 'error');

      let costUsd: number | null = input.cost_usd ?? null;
      let costSource: Step['costSource'] = costUsd === null ? null : 'client';
      if (costUsd === null && input.model && input.usage) {
        const price = priceFor(input.model, startedAt, prices);
        if (price) {
          costUsd = costOf(
            { inputTokens: input.usage.input_tokens, outputTokens: input.usage.output_tokens },
            price,
          );
          costSource = 'computed';
        }
      }

      const step = {
        tenantId,
        runId,
        id: input.id,
        parentId: input.parent_id ?? null,
        kind: input.kind,
        name: input.name === undefined ? null : storableText(input.name),
        startedAt,
        endedAt,
        model: input.model ? storableText(input.model) : null,
        modelParams,
        tool: input.tool ? storableText(input.tool) : null,
        input: cleanInput,
        output: cleanOutput,
        inputTokens: input.usage?.input_tokens ?? null,
        outputTokens: input.usage?.output_tokens ?? null,
        costUsd,
        costSource,
        error,
        metadata,
        // a placeholder until the token is verified (then: the token id)
        decisionTokenId: input.decision_token ? PENDING_TOKEN : null,
        redactions: marks,
        diffDigest: null as string | null,
      } satisfies Step;
      // taken of the finished step: the digest covers the fields above that a diff compares
      step.diffDigest = stepDigest(step, this.sha256);
      return { kind: 'accepted', id: input.id, step };
    });
  }
}

const rejected = (id: string | null, status: number, error: StepError): StepOutcome => ({
  kind: 'rejected',
  id,
  status,
  error,
});

const field = (path: string, message: string): StepError => ({
  code: 'validation',
  message,
  fields: [{ path, message }],
});

function invalid(error: ZodError): StepError {
  const fields = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(step)',
    message: issue.message,
  }));
  return { code: 'validation', message: fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields };
}
