import { wellFormed } from '../../domain/governance/policy/cedar-text';
import { type PolicyContextNeeds, contextNeedsOf } from '../../domain/governance/policy/policy-context';
import { type PolicyMeta } from '../../domain/governance/policy/policy-outcome';
import { type PolicyDecision } from '../../domain/governance/ports/policy-engine.port';
import { type SourceSpan, policySpans, readPolicyHead } from './cedar-source';

/**
 * Reads what the engine needs to know of each policy of a set: its effect and annotations, in
 * source order, which is how Cedar numbers policies (`policy0`, `policy1`, ...). Cedar's answers
 * name policies by those numbers; this reading turns them into the ids and reasons authors wrote.
 *
 * Annotations the engine reads:
 *   @id("...")                          the policy's id in decisions and the audit trail
 *   @reason("...")                      the human-readable reason given when it decides
 *   @decision("require_approval")       on a permit: approval instead of allow
 *   @decision("allow")                  on a permit: the default, spelled out
 */

export const DECISION_ANNOTATIONS = ['require_approval', 'allow'] as const;

export interface ReadPolicy extends PolicyMeta {
  /** Position in the source: Cedar's id is `policy<index>`, and reasons follow this order. */
  readonly index: number;
  readonly span: SourceSpan;
}

export interface ReadPolicySet {
  /** Cedar's positional id (`policy<n>`) → the policy. */
  readonly byCedarId: ReadonlyMap<string, ReadPolicy>;
  readonly policies: readonly ReadPolicy[];
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
 * Reads a policy set (Cedar parses it separately). `problems` are annotation problems: `check`
 * reports them; evaluation still runs, failing closed on a `@decision` it does not know.
 */
export function readPolicySet(source: string): ReadResult {
  const text = wellFormed(source);
  const problems: SourceProblem[] = [];
  const policies: ReadPolicy[] = [];
  const ids = new Set<string>();
  const spans = policySpans(text);
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index]!;
    const head = readPolicyHead(text, span);
    if (head === null) return { ok: false, problems: [{ index: span.start, message: 'not a Cedar policy' }] };
    const problem = (name: string, message: string): void => {
      problems.push({ index: head.annotations.get(name)?.index ?? span.start, message });
    };

    const positional = `policy${index}`;
    let id = head.annotations.get('id')?.value ?? positional;
    if (!id) {
      problem('id', '@id must not be empty');
      id = positional;
    }
    if (ids.has(id)) {
      problem('id', `@id("${id}") is used by another policy too; ids must be unique`);
      id = `${id} (${positional})`;
    }
    ids.add(id);

    let decision: PolicyDecision = head.effect === 'forbid' ? 'block' : 'allow';
    const annotated = head.annotations.get('decision');
    if (annotated) {
      if (head.effect === 'forbid') {
        problem('decision', 'a forbid policy always blocks: @decision applies to permit policies only');
      } else if (annotated.value === 'require_approval' || annotated.value === 'allow') {
        decision = annotated.value;
      } else {
        problem(
          'decision',
          `@decision must be one of ${DECISION_ANNOTATIONS.map((d) => `"${d}"`).join(', ')}`,
        );
        // Whatever the author meant, it was not a plain allow: fail closed.
        decision = 'require_approval';
      }
    }
    const reason = head.annotations.get('reason')?.value;
    policies.push({ id, effect: head.effect, decision, label: reason ? reason : id, index, span });
  }
  const byCedarId = new Map(policies.map((policy) => [`policy${policy.index}`, policy]));
  return { ok: true, set: { byCedarId, policies, needs: contextNeedsOf(text) }, problems };
}

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
