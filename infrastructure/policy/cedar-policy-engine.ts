import { buildPolicyContext } from '../../domain/governance/policy/policy-context';
import { type PolicyMeta, decideOutcome } from '../../domain/governance/policy/policy-outcome';
import { wellFormed } from '../../domain/governance/policy/cedar-text';
import {
  PolicyEngine,
  type PolicyEvaluation,
  type PolicyProblem,
  type PolicyRequest,
  type PolicySource,
} from '../../domain/governance/ports/policy-engine.port';
import { cedar } from './cedar-wasm';
import { checkCedarPolicies } from './cedar-policy-check';
import { type ReadPolicySet, readPolicySet } from './cedar-policy-set';
import { CALL_ACTION } from './cedar-schema';

export interface CedarPolicyEngineOptions {
  /** Policy versions kept parsed; the least recently used one is dropped past this. */
  readonly capacity?: number;
}

type Prepared =
  | { readonly cedar: string; readonly ok: true; readonly slot: string; readonly set: ReadPolicySet }
  | { readonly cedar: string; readonly ok: false; readonly problem: string };

/** Tells the slots of engines in one process apart: Cedar's parsed-set store is per process. */
let engines = 0;

/**
 * The policy engine on Cedar (WebAssembly). Parsing a 50-policy set costs milliseconds, evaluating
 * it a fraction of one, so each version is parsed once into Cedar's store of parsed sets and looked
 * up by version id afterwards (LRU, `capacity` versions).
 *
 * Cedar's store has no delete: an evicted version's slot name is reused for the next version, which
 * replaces the set in place, so the store never holds more than `capacity` sets.
 *
 * `evaluate` never throws: a version that cannot be parsed, or any failure of the authorizer,
 * blocks the call and says why (fail closed).
 */
export class CedarPolicyEngine extends PolicyEngine {
  private readonly capacity: number;
  private readonly prefix: string;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly versions = new Map<string, Prepared>();
  private readonly freeSlots: string[] = [];
  private slots = 0;

  constructor(options: CedarPolicyEngineOptions = {}) {
    super();
    this.capacity = Math.max(1, options.capacity ?? 256);
    this.prefix = `cockpit-policy-engine-${++engines}`;
  }

  check(text: string): readonly PolicyProblem[] {
    return checkCedarPolicies(text);
  }

  evaluate(source: PolicySource, request: PolicyRequest): PolicyEvaluation {
    const prepared = this.prepared(source);
    if (!prepared.ok) {
      return blocked(`policy version ${source.versionId} cannot be evaluated: ${prepared.problem}`);
    }
    try {
      return this.authorize(prepared.slot, prepared.set, source, request);
    } catch (error) {
      return blocked(`the policy engine failed: ${(error as Error).message}`);
    }
  }

  private authorize(
    slot: string,
    set: ReadPolicySet,
    source: PolicySource,
    request: PolicyRequest,
  ): PolicyEvaluation {
    const principal = {
      type: request.principal.type === 'user' ? 'User' : 'Agent',
      id: wellFormed(request.principal.id),
    };
    const resource = { type: 'Tool', id: wellFormed(request.tool) };
    const answer = cedar.statefulIsAuthorized({
      principal,
      action: CALL_ACTION,
      resource,
      context: buildPolicyContext(request, set.needs) as cedar.Context,
      // Attributes repeat the ids so policies can match them with `like`.
      entities: [
        { uid: principal, attrs: { id: principal.id }, parents: [] },
        { uid: resource, attrs: { name: resource.id }, parents: [] },
      ],
      preparsedPolicySetId: slot,
    });
    if (answer.type === 'failure') {
      return blocked(`the policy engine failed: ${answer.errors.map((e) => e.message).join('; ')}`);
    }
    const { reason, errors } = answer.response.diagnostics;
    const satisfied = reason.map((id) => metaOf(set, id)).sort(bySource);
    const errored = errors
      .map((e) => ({ policy: metaOf(set, e.policyId), message: e.error.message }))
      .sort((a, b) => bySource(a.policy, b.policy));
    return decideOutcome({ satisfied, errored }, source.defaultDecision);
  }

  /** The parsed set of a version: from the cache, or parsed now (once) into a slot. */
  private prepared(source: PolicySource): Prepared {
    const cached = this.versions.get(source.versionId);
    if (cached) {
      this.versions.delete(source.versionId);
      this.versions.set(source.versionId, cached);
      // Versions are immutable; a different text under a known id is a bug elsewhere, not a reason to
      // decide with stale policies. Comparing is a pointer check when the caller reuses the string.
      if (cached.cedar === source.cedar) return cached;
      this.release(cached);
      this.versions.delete(source.versionId);
    }
    while (this.versions.size >= this.capacity) {
      const oldest = this.versions.keys().next().value as string;
      this.release(this.versions.get(oldest)!);
      this.versions.delete(oldest);
    }
    const prepared = this.parse(source.cedar);
    this.versions.set(source.versionId, prepared);
    return prepared;
  }

  private parse(source: string): Prepared {
    try {
      const read = readPolicySet(source);
      if (!read.ok)
        return { cedar: source, ok: false, problem: read.problems.map((p) => p.message).join('; ') };
      const slot = this.freeSlots.pop() ?? `${this.prefix}-${this.slots++}`;
      // The whole text at once (Cedar numbers its policies by position, as `read` does); the same
      // repaired text `read` saw, since lone surrogates break the bindings.
      const parsed = cedar.preparsePolicySet(slot, { staticPolicies: wellFormed(source) });
      if (parsed.type === 'failure') {
        this.freeSlots.push(slot);
        return { cedar: source, ok: false, problem: parsed.errors.map((e) => e.message).join('; ') };
      }
      return { cedar: source, ok: true, slot, set: read.set };
    } catch (error) {
      return { cedar: source, ok: false, problem: (error as Error).message };
    }
  }

  private release(prepared: Prepared): void {
    if (prepared.ok) this.freeSlots.push(prepared.slot);
  }
}

function blocked(reason: string): PolicyEvaluation {
  return { decision: 'block', reasons: [`${reason}; blocked (fail closed)`], policyIds: [] };
}

type Located = PolicyMeta & { readonly index: number };

/** Cedar names only policies of the set; an unknown name would be a bug, so it fails closed. */
function metaOf(set: ReadPolicySet, cedarId: string): Located {
  return (
    set.byCedarId.get(cedarId) ?? {
      id: cedarId,
      effect: 'forbid',
      decision: 'block',
      label: cedarId,
      index: Number.MAX_SAFE_INTEGER,
    }
  );
}

const bySource = (a: Located, b: Located): number => a.index - b.index;
