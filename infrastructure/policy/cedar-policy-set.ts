import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { type PolicyContextNeeds, contextNeedsOf } from '../../domain/governance/policy/policy-context';
import { type PolicyMeta } from '../../domain/governance/policy/policy-outcome';
import { wellFormed } from '../../domain/governance/policy/cedar-text';
import { type PolicyDecision } from '../../domain/governance/ports/policy-engine.port';
import { type SourceSpan, annotationIndex, policySpans } from './cedar-source';

/**
 * Reads a policy set once: splits it into its policies, reads each one's annotations, and names
 * each by its `@id` (else Cedar's positional `policy<n>`), so that Cedar's answers name policies
 * the way their authors do. The result feeds both `check` (annotation problems) and evaluation
 * (the parsed-once set and what each policy decides).
 *
 * Annotations the engine reads:
 *   @id("...")                          the policy's id in decisions and the audit trail
 *   @reason("...")                      the human-readable reason given when it decides
 *   @decision("require_approval")       on a permit: approval instead of allow
 *   @decision("allow")                  on a permit: the default, spelled out
 */

/** Templates need linking, which nothing here does: a policy set is static policies only. */
export function templateProblem(text: string): SourceProblem {
  const template = policySpans(text).find((span) =>
    /\?(principal|resource)\b/.test(text.slice(span.start, span.end)),
  );
  return {
    index: template?.start ?? 0,
    message: 'templates (?principal, ?resource) are not supported: write static policies',
  };
}

export const DECISION_ANNOTATIONS = ['require_approval', 'allow'] as const;

export interface ReadPolicy extends PolicyMeta {
  /** Position in the source, which orders reasons. */
  readonly index: number;
  readonly span: SourceSpan;
  readonly text: string;
}

export interface ReadPolicySet {
  readonly policies: readonly ReadPolicy[];
  readonly byId: ReadonlyMap<string, ReadPolicy>;
  readonly needs: PolicyContextNeeds;
}

/** A problem at a UTF-16 index of the source. */
export interface SourceProblem {
  readonly index: number;
  readonly message: string;
}

export type ReadResult =
  | { readonly ok: true; readonly set: ReadPolicySet; readonly problems: readonly SourceProblem[] }
  | { readonly ok: false; readonly problems: readonly SourceProblem[] };

/**
 * Reads a policy set that Cedar has already parsed as a whole. `problems` are annotation problems:
 * `check` reports them; evaluation still runs, failing closed on a `@decision` it does not know.
 */
export function readPolicySet(source: string): ReadResult {
  const text = wellFormed(source);
  const spans = policySpans(text);
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === 'failure') {
    return { ok: false, problems: [{ index: 0, message: parts.errors.map((e) => e.message).join('; ') }] };
  }
  if (parts.policy_templates.length > 0) return { ok: false, problems: [templateProblem(text)] };
  if (parts.policies.length !== spans.length) {
    return {
      ok: false,
      problems: [{ index: 0, message: 'the policy set could not be split into its policies' }],
    };
  }

  const problems: SourceProblem[] = [];
  const policies: ReadPolicy[] = [];
  const byId = new Map<string, ReadPolicy>();
  // An indexed loop, not `for (const [i, x] of a.entries())`: on Node 20, TurboFan crashed the
  // process (a V8 deoptimizer bug) when this function deoptimized lazily inside that iteration.
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index]!;
    const slice = text.slice(span.start, span.end);
    const parsed = cedar.policyToJson(slice);
    if (parsed.type === 'failure') {
      return {
        ok: false,
        problems: [{ index: span.start, message: parsed.errors.map((e) => e.message).join('; ') }],
      };
    }
    const { effect, annotations = {} } = parsed.json;
    const problem = (name: string, message: string): void => {
      problems.push({ index: annotationIndex(text, span, name) ?? span.start, message });
    };

    let id = annotations.id ?? `policy${index}`;
    if (!id) {
      problem('id', '@id must not be empty');
      id = `policy${index}`;
    }
    if (byId.has(id)) {
      problem('id', `@id("${id}") is used by another policy too; ids must be unique`);
      id = `${id} (policy${index})`;
    }

    let decision: PolicyDecision = effect === 'forbid' ? 'block' : 'allow';
    if ('decision' in annotations) {
      const value = annotations.decision;
      if (effect === 'forbid') {
        problem('decision', 'a forbid policy always blocks: @decision applies to permit policies only');
      } else if (value === 'require_approval' || value === 'allow') {
        decision = value;
      } else {
        problem(
          'decision',
          `@decision must be one of ${DECISION_ANNOTATIONS.map((d) => `"${d}"`).join(', ')}`,
        );
        // Whatever the author meant, it was not a plain allow: fail closed.
        decision = 'require_approval';
      }
    }
    const reason = annotations.reason;
    const read: ReadPolicy = { id, effect, decision, label: reason ? reason : id, index, span, text: slice };
    policies.push(read);
    byId.set(id, read);
  }
  return { ok: true, set: { policies, byId, needs: contextNeedsOf(text) }, problems };
}
