import { type PolicyRequest } from '../ports/policy-engine.port';
import { type SummaryLimits, SUMMARY_LIMITS, summarizeArguments } from './argument-summary';
import { type CedarRecord, type CedarValue, wellFormed } from './cedar-text';

/**
 * The Cedar `context` of one tool call. Every attribute is always present (unknown values are
 * `"unknown"`, `""` or empty), so hand-written policies need no `has` guard except under the
 * free-form `arguments` and `run.metadata`:
 *
 *   arguments           the bounded summary of the call's arguments (see argument-summary.ts)
 *   argumentTypes       dotted path → "string" | "long" | "decimal" | "boolean" | "set" | "record"
 *   argumentsTruncated  true when the summary had to cut or leave out something
 *   risk                "low" | "medium" | "high" | "critical" | "unknown"
 *   environment         e.g. "production"; "" when unknown
 *   run                 { id, name, tags: Set<String>, metadata }; "" / empty outside a run
 */

/** Which of the costly parts a policy set can read; the rest is left out of its context. */
export interface PolicyContextNeeds {
  readonly arguments: boolean;
  readonly argumentTypes: boolean;
  readonly runMetadata: boolean;
}

export const ALL_CONTEXT: PolicyContextNeeds = { arguments: true, argumentTypes: true, runMetadata: true };

/**
 * Cedar reads attributes only by literal names (`.arguments`, `["arguments"]`), so a policy set
 * whose text never spells a name cannot read it, and the authorizer need not parse it (context
 * parsing is most of the cost of a call). Unicode escapes could spell a name in pieces: any text
 * with one keeps everything.
 */
export function contextNeedsOf(cedar: string): PolicyContextNeeds {
  if (/\\u/.test(cedar)) return ALL_CONTEXT;
  return {
    arguments: cedar.includes('arguments'),
    argumentTypes: cedar.includes('argumentTypes'),
    runMetadata: cedar.includes('metadata'),
  };
}

const MAX_TAGS = 64;
const MAX_SHORT_TEXT = 200;

const short = (text: string | null | undefined): string => wellFormed((text ?? '').slice(0, MAX_SHORT_TEXT));

export function buildPolicyContext(
  request: PolicyRequest,
  needs: PolicyContextNeeds = ALL_CONTEXT,
  limits: SummaryLimits = SUMMARY_LIMITS,
): CedarRecord {
  const context: Record<string, CedarValue> = {
    risk: request.risk ?? 'unknown',
    environment: short(request.environment),
  };
  if (needs.arguments || needs.argumentTypes) {
    const summary = summarizeArguments(request.arguments, limits);
    if (needs.arguments) {
      context.arguments = summary.values;
      context.argumentsTruncated = summary.truncated;
    }
    if (needs.argumentTypes) context.argumentTypes = summary.types;
  }
  const run = request.run;
  const tags = [...new Set((run?.tags ?? []).slice(0, MAX_TAGS).map(short))];
  context.run = {
    id: short(run?.id),
    name: short(run?.name),
    tags,
    ...(needs.runMetadata ? { metadata: summarizeArguments(run?.metadata ?? {}, limits).values } : {}),
  };
  return context;
}
