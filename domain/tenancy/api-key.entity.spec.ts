import fc from 'fast-check';
import { asTenantId } from '../shared/tenant-id';
import { ApiKey, formatApiKey, parseApiKey } from './api-key.entity';

const T0 = new Date('2026-11-23T10:00:00.000Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);
const PREFIX = 'AbCdEfGhIjK1';
const SECRET = '0123456789abcdefghijABCDEFGHIJKL';

function issue(overrides: { name?: string; expiresAt?: Date | null } = {}) {
  return ApiKey.issue({
    id: 'k-1',
    tenantId: asTenantId('00000000-0000-7000-8000-000000000001'),
    projectId: 'p-1',
    name: overrides.name ?? 'ingest',
    prefix: PREFIX,
    secretHash: 'digest',
    role: 'developer',
    createdBy: null,
    expiresAt: overrides.expiresAt ?? null,
    now: T0,
  });
}

function aKey(expiresAt: Date | null = null): ApiKey {
  const issued = issue({ expiresAt });
  if (!issued.ok) throw new Error(issued.error.message);
  return issued.value;
}

const base62 = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
    minLength: length,
    maxLength: length,
  });

/** Mostly base62 of the expected length; now and then one character too many or too few, or not base62. */
const nearlyBase62 = (length: number) =>
  fc.constantFrom(length - 1, length, length, length, length + 1).chain((size) =>
    fc.string({
      unit: fc.oneof(
        { weight: 60, arbitrary: fc.constantFrom(...'abcXYZ019') },
        { weight: 1, arbitrary: fc.constantFrom('_', '-', ' ', 'é', '\n', '+') },
      ),
      minLength: size,
      maxLength: size,
    }),
  );

describe('ApiKey', () => {
  it('is issued unused and unrevoked, with a trimmed name', () => {
    const issued = issue({ name: '  ingest ' });
    expect(issued.ok && issued.value).toMatchObject({
      name: 'ingest',
      createdAt: T0,
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('rejects a blank name with an error on "name"', () => {
    const issued = issue({ name: ' ' });
    expect(!issued.ok && issued.error.fields.map((field) => field.path)).toEqual(['name']);
  });

  it('is usable while neither revoked nor expired', () => {
    expect(aKey().isUsable(later(10 ** 12))).toBe(true);
    expect(aKey(later(1000)).isUsable(later(999))).toBe(true);
  });

  it('is not usable from its expiry on', () => {
    expect(aKey(later(1000)).isUsable(later(1000))).toBe(false);
    expect(aKey(later(1000)).isUsable(later(5000))).toBe(false);
  });

  it('is not usable once revoked, and revoking returns a new instance', () => {
    const key = aKey();
    const revoked = key.revoke(later(1));
    expect(revoked).not.toBe(key);
    expect(revoked.revokedAt).toEqual(later(1));
    expect(revoked.isUsable(later(2))).toBe(false);
    expect(key.isUsable(later(2))).toBe(true);
  });

  it('keeps the first revocation time when revoked twice', () => {
    const revoked = aKey().revoke(later(1));
    const again = revoked.revoke(later(2));
    expect(again).toBe(revoked);
    expect(again.revokedAt).toEqual(later(1));
  });
});

describe('parseApiKey', () => {
  it('returns the prefix of a well-formed key', () => {
    expect(parseApiKey(`ck_${PREFIX}_${SECRET}`)).toEqual({ prefix: PREFIX });
  });

  it.each([
    ['a prefix one character short', `ck_${PREFIX.slice(1)}_${SECRET}`],
    ['a prefix one character long', `ck_${PREFIX}x_${SECRET}`],
    ['a secret one character short', `ck_${PREFIX}_${SECRET.slice(1)}`],
    ['a secret one character long', `ck_${PREFIX}_${SECRET}x`],
    ['another scheme', `cx_${PREFIX}_${SECRET}`],
    ['an upper-case scheme', `CK_${PREFIX}_${SECRET}`],
    ['a non-base62 character', `ck_${PREFIX}_${SECRET.slice(1)}-`],
    ['an underscore in the secret', `ck_${PREFIX}_${SECRET.slice(1)}_`],
    ['a non-ASCII letter', `ck_${PREFIX}_${SECRET.slice(1)}é`],
    ['a trailing newline', `ck_${PREFIX}_${SECRET}\n`],
    ['a leading space', ` ck_${PREFIX}_${SECRET}`],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'],
    ['nothing', ''],
  ])('rejects %s', (_label, raw) => {
    expect(parseApiKey(raw)).toBeNull();
  });

  it('round-trips every valid prefix and secret through formatApiKey', () => {
    fc.assert(
      fc.property(base62(12), base62(32), (prefix, secret) => {
        expect(parseApiKey(formatApiKey(prefix, secret))).toEqual({ prefix });
      }),
    );
  });

  it('accepts exactly the strings of the form ck_<12 base62>_<32 base62>', () => {
    const shape = /^ck_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$/;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.tuple(nearlyBase62(12), nearlyBase62(32)).map(([prefix, secret]) => `ck_${prefix}_${secret}`),
        ),
        (raw) => {
          expect(parseApiKey(raw) !== null).toBe(shape.test(raw));
        },
      ),
    );
  });
});
