import { type Step } from '../step';
import { DEFAULT_DIFF_PROFILE } from './diff-profile';

/**
 * Which rules a stored digest was taken under. Change it whenever what the text below holds, or
 * the default profile's ignores, change: digests of another version are not trusted (the diff then
 * loads those steps whole).
 */
export const STEP_DIGEST_VERSION = 'd1';

/** What a step's digest covers: every field a diff compares, and the redaction marks. */
export type DigestedStep = Pick<
  Step,
  | 'kind'
  | 'name'
  | 'model'
  | 'modelParams'
  | 'tool'
  | 'input'
  | 'output'
  | 'inputTokens'
  | 'outputTokens'
  | 'error'
  | 'metadata'
  | 'redactions'
>;

const IGNORED_KEYS: ReadonlySet<string> = new Set(DEFAULT_DIFF_PROFILE.ignore_keys);
const dropIgnored = (key: string, value: unknown) => (IGNORED_KEYS.has(key) ? undefined : value);

/** Whether an ignored key occurs anywhere in the value (looking costs less than a replacer). */
function holdsIgnoredKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsIgnoredKey(item)) return true;
    return false;
  }
  for (const key in value) {
    if (IGNORED_KEYS.has(key) || holdsIgnoredKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * The text a step's diff digest is the hash of, taken once when the step is stored (steps never
 * change). It holds the fields a diff compares without what every profile ignores: the default
 * profile's top-level paths (id, times, cost) are left out and its keys dropped at any depth, and
 * every profile is laid over the default. So two steps with equal texts are the same under any
 * profile, and a diff need not load them: it compares digests and loads only the pairs that differ.
 *
 * Key order is kept (no sorting, which would cost more than the rest): steps that differ only in
 * key order get different texts and are simply compared in full. The marks are in the text
 * because equal placeholders with different hidden values are a change.
 */
export function stepDigestText(step: DigestedStep): string {
  const fields = [
    step.kind,
    step.name,
    step.model,
    step.modelParams,
    step.tool,
    step.input ?? null,
    step.output ?? null,
    step.inputTokens,
    step.outputTokens,
    step.error ?? null,
    step.metadata,
    step.redactions,
  ];
  // A replacer takes JSON.stringify off its fast path (half as fast again): use it only if needed.
  const json = holdsIgnoredKey(fields) ? JSON.stringify(fields, dropIgnored) : JSON.stringify(fields);
  return `${STEP_DIGEST_VERSION}\n${json}`;
}

/**
 * The stored digest: the version, then the first 128 bits of the text's SHA-256 in hex (`d1:` and
 * 32 characters). 128 bits keep collisions out of reach and the row 32 bytes shorter than the full hash.
 */
export function stepDigest(step: DigestedStep, sha256: (text: string) => string): string {
  return `${STEP_DIGEST_VERSION}:${sha256(stepDigestText(step)).slice(0, 32)}`;
}

/** True when two stored digests prove the steps the same: both present, current and equal. */
export function sameDigest(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && a === b && a.startsWith(`${STEP_DIGEST_VERSION}:`);
}
