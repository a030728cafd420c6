import { DomainError, type FieldError } from '../../shared/domain-error';
import { type Result, err, ok } from '../../shared/result';
import { type DiffProfile } from './diff-input';
import { type PatternSegment, formatDiffPath, parseDiffPath } from './diff-path';

/**
 * Noise every diff ignores: step identity and timing (which differ on every run) and the ids and
 * clocks that SDKs and providers stamp into payloads.
 */
export const DEFAULT_DIFF_PROFILE: DiffProfile = Object.freeze({
  name: 'default',
  ignore_paths: Object.freeze(['id', 'parent_id', 'started_at', 'ended_at', 'duration_ms', 'cost_usd']),
  ignore_keys: Object.freeze([
    'id',
    'timestamp',
    'created',
    'created_at',
    'request_id',
    'trace_id',
    'span_id',
  ]),
});

export const PROFILE_LIMITS = Object.freeze({ name: 100, paths: 100, keys: 100, key: 200 });

/** A validated profile, ready for the comparison walk. */
export interface CompiledDiffProfile {
  readonly profile: DiffProfile;
  readonly ignorePaths: readonly (readonly PatternSegment[])[];
  readonly ignoreKeys: ReadonlySet<string>;
}

/** Checks a profile (typically a tenant's, read from storage) and reports every fault at once. */
export function validateDiffProfile(profile: DiffProfile): Result<DiffProfile> {
  const compiled = compile(profile);
  return compiled.ok ? ok(profile) : compiled;
}

/**
 * The tenant profile laid over the default: the tenant's name, the default's ignores plus the
 * tenant's (first spelling wins among paths that mean the same). Merging the result again changes nothing.
 */
export function mergeDiffProfile(profile: DiffProfile): Result<DiffProfile> {
  const compiled = compileDiffProfile(profile);
  return compiled.ok ? ok(compiled.value.profile) : compiled;
}

/** Validates, merges over the default and compiles the paths once for a diff. */
export function compileDiffProfile(profile: DiffProfile): Result<CompiledDiffProfile> {
  const own = compile(profile);
  if (!own.ok) return own;
  const base = compile(DEFAULT_DIFF_PROFILE);
  if (!base.ok) throw new Error(`the default diff profile is invalid: ${base.error.message}`);
  const paths: string[] = [];
  const patterns: (readonly PatternSegment[])[] = [];
  const seenPaths = new Set<string>();
  for (const source of [base.value, own.value]) {
    source.profile.ignore_paths.forEach((path, i) => {
      const pattern = source.ignorePaths[i] as readonly PatternSegment[];
      const key = canonicalPattern(pattern);
      if (seenPaths.has(key)) return;
      seenPaths.add(key);
      paths.push(path);
      patterns.push(pattern);
    });
  }
  const keys = [...new Set([...DEFAULT_DIFF_PROFILE.ignore_keys, ...profile.ignore_keys])];
  return ok({
    profile: { name: profile.name.trim(), ignore_paths: paths, ignore_keys: keys },
    ignorePaths: patterns,
    ignoreKeys: new Set(keys),
  });
}

function compile(profile: DiffProfile): Result<CompiledDiffProfile> {
  const fields: FieldError[] = [];
  const fail = (path: string, message: string) => fields.push({ path, message });
  const name: unknown = profile?.name;
  if (typeof name !== 'string' || name.trim() === '' || name.trim().length > PROFILE_LIMITS.name)
    fail('name', `must be a string of 1 to ${PROFILE_LIMITS.name} characters`);
  const paths = listOfStrings(profile?.ignore_paths, 'ignore_paths', PROFILE_LIMITS.paths, fail);
  const keys = listOfStrings(profile?.ignore_keys, 'ignore_keys', PROFILE_LIMITS.keys, fail);
  const patterns: (readonly PatternSegment[])[] = [];
  for (const [i, path] of paths) {
    const parsed = parseDiffPath(path);
    if (parsed.ok) patterns.push(parsed.value);
    else fail(`ignore_paths[${i}]`, parsed.error.message);
  }
  for (const [i, key] of keys) {
    if (key.length === 0 || key.length > PROFILE_LIMITS.key)
      fail(`ignore_keys[${i}]`, `must be 1 to ${PROFILE_LIMITS.key} characters`);
  }
  if (fields.length > 0) {
    const detail = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
    return err(DomainError.validation(`invalid diff profile (${detail})`, fields, 'invalid_diff_profile'));
  }
  return ok({ profile, ignorePaths: patterns, ignoreKeys: new Set(keys.map(([, key]) => key)) });
}

/** Profiles arrive from storage and requests, so their shape is checked rather than trusted. */
function listOfStrings(
  value: unknown,
  field: string,
  max: number,
  fail: (path: string, message: string) => void,
): [number, string][] {
  if (!Array.isArray(value)) {
    fail(field, 'must be a list of strings');
    return [];
  }
  if (value.length > max) fail(field, `must hold at most ${max} entries`);
  const strings: [number, string][] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item === 'string') strings.push([i, item]);
    else fail(`${field}[${i}]`, 'must be a string');
  });
  return strings;
}

/** `a.*` and `a[*]` mean the same (a wildcard matches keys and indexes alike), so they dedupe to one spelling. */
function canonicalPattern(pattern: readonly PatternSegment[]): string {
  return pattern
    .map((s) => (s.kind === 'any' ? '[*]' : formatDiffPath([s.kind === 'key' ? s.key : s.index])))
    .join('\u0000');
}
