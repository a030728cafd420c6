import { failure, unwrap } from '../../../test/support/results';
import { type DiffProfile } from './diff-input';
import {
  DEFAULT_DIFF_PROFILE,
  compileDiffProfile,
  mergeDiffProfile,
  validateDiffProfile,
} from './diff-profile';

const tenant = (overrides: Partial<DiffProfile> = {}): DiffProfile => ({
  name: 'acme',
  ignore_paths: ['input.messages[*].id', 'output.usage'],
  ignore_keys: ['nonce'],
  ...overrides,
});

describe('DEFAULT_DIFF_PROFILE', () => {
  it('ignores step identity, timing and cost, and the id and clock keys SDKs stamp into payloads', () => {
    expect(DEFAULT_DIFF_PROFILE).toEqual({
      name: 'default',
      ignore_paths: ['id', 'parent_id', 'started_at', 'ended_at', 'duration_ms', 'cost_usd'],
      ignore_keys: ['id', 'timestamp', 'created', 'created_at', 'request_id', 'trace_id', 'span_id'],
    });
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(DEFAULT_DIFF_PROFILE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DIFF_PROFILE.ignore_paths)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DIFF_PROFILE.ignore_keys)).toBe(true);
  });

  it('is valid', () => {
    expect(validateDiffProfile(DEFAULT_DIFF_PROFILE)).toEqual({ ok: true, value: DEFAULT_DIFF_PROFILE });
  });
});

describe('mergeDiffProfile', () => {
  it("keeps every default ignore and adds the tenant's after them, under the tenant's name", () => {
    expect(unwrap(mergeDiffProfile(tenant()))).toEqual({
      name: 'acme',
      ignore_paths: [...DEFAULT_DIFF_PROFILE.ignore_paths, 'input.messages[*].id', 'output.usage'],
      ignore_keys: [...DEFAULT_DIFF_PROFILE.ignore_keys, 'nonce'],
    });
  });

  it('changes nothing when merged a second time', () => {
    const once = unwrap(mergeDiffProfile(tenant()));
    expect(unwrap(mergeDiffProfile(once))).toEqual(once);
  });

  it('keeps one spelling of paths and keys that mean the same, the first one given', () => {
    const merged = unwrap(
      mergeDiffProfile(
        tenant({
          ignore_paths: ['a.*.b', 'a[*].b', 'a["*"].b', 'started_at', '["id"]'],
          ignore_keys: ['nonce', 'nonce', 'id'],
        }),
      ),
    );
    expect(merged.ignore_paths.slice(DEFAULT_DIFF_PROFILE.ignore_paths.length)).toEqual([
      'a.*.b',
      'a["*"].b',
    ]);
    expect(merged.ignore_keys.slice(DEFAULT_DIFF_PROFILE.ignore_keys.length)).toEqual(['nonce']);
  });

  it('trims the name', () => {
    expect(unwrap(mergeDiffProfile(tenant({ name: '  acme  ' }))).name).toBe('acme');
  });

  it('refuses an invalid tenant profile instead of merging it', () => {
    expect(mergeDiffProfile(tenant({ ignore_paths: ['a..b'] }))).toEqual(
      failure('validation', 'invalid_diff_profile'),
    );
  });
});

describe('validateDiffProfile', () => {
  it('returns a valid profile as it is', () => {
    const profile = tenant();
    expect(unwrap(validateDiffProfile(profile))).toBe(profile);
  });

  it('reports every malformed path at once, each under its index', () => {
    const result = validateDiffProfile(tenant({ ignore_paths: ['ok.path', 'a..b', 'input[x]'] }));
    expect(result).toEqual(failure('validation', 'invalid_diff_profile'));
    if (result.ok) return;
    expect(result.error.fields.map((f) => f.path)).toEqual(['ignore_paths[1]', 'ignore_paths[2]']);
    expect(result.error.fields[0]?.message).toContain('empty segment at character 3');
    expect(result.error.message).toContain('ignore_paths[1]: empty segment');
  });

  it.each([
    ['a blank name', { name: '   ' }, 'name'],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, 'name'],
    ['an empty ignored key', { ignore_keys: ['ok', ''] }, 'ignore_keys[1]'],
    ['an ignored key over 200 characters', { ignore_keys: ['k'.repeat(201)] }, 'ignore_keys[0]'],
    ['more than 100 paths', { ignore_paths: Array.from({ length: 101 }, (_, i) => `p${i}`) }, 'ignore_paths'],
    ['more than 100 keys', { ignore_keys: Array.from({ length: 101 }, (_, i) => `k${i}`) }, 'ignore_keys'],
  ] as const)('rejects %s', (_label, overrides, field) => {
    const result = validateDiffProfile(tenant(overrides));
    expect(result).toEqual(failure('validation', 'invalid_diff_profile'));
    if (result.ok) return;
    expect(result.error.fields.map((f) => f.path)).toEqual([field]);
  });

  it('rejects a profile whose stored shape is wrong rather than trusting its type', () => {
    const bad = { name: 7, ignore_paths: 'input', ignore_keys: ['ok', 3] } as unknown as DiffProfile;
    const result = validateDiffProfile(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fields.map((f) => f.path)).toEqual(['name', 'ignore_paths', 'ignore_keys[1]']);
  });
});

describe('compileDiffProfile', () => {
  it('compiles the merged paths in the order they are listed', () => {
    const compiled = unwrap(compileDiffProfile(tenant({ ignore_paths: ['output.*'], ignore_keys: [] })));
    expect(compiled.ignorePaths).toHaveLength(DEFAULT_DIFF_PROFILE.ignore_paths.length + 1);
    expect(compiled.ignorePaths.at(-1)).toEqual([{ kind: 'key', key: 'output' }, { kind: 'any' }]);
    expect([...compiled.ignoreKeys]).toEqual([...DEFAULT_DIFF_PROFILE.ignore_keys]);
  });
});
