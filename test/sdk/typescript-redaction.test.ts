import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redactor } from '../../domain/shared/redaction/redactor';
import { REDACTION_RULES, createSanitizer, redact, sanitize } from '../../sdk/typescript/src';

/**
 * The SDK's sanitize() is an interpreter of sdk/redaction-rules.json, written apart from the server
 * engine. These tests hold the two to the same output: on every shared fixture, and on generated
 * payloads built from the shapes the rules care about.
 */

const ROOT = join(__dirname, '..', '..');
const identity = (secret: string) => secret;
const server = new Redactor(identity);

interface Fixture {
  name: string;
  base_path?: string;
  input: unknown;
  output: unknown;
  marks: { path: string; type: string; secret: string; target?: 'key' }[];
}
const fixtures = (
  JSON.parse(readFileSync(join(ROOT, 'test', 'redaction', 'fixtures.json'), 'utf8')) as { cases: Fixture[] }
).cases;

const bothEngines = (value: unknown, basePath = '') => ({
  server: server.redact(value, basePath),
  sdk: redact(value, { basePath, hash: identity }),
});

describe('the SDK copy of the redaction rules', () => {
  it('is byte for byte sdk/redaction-rules.json (copy it again after `npm run redaction:export`)', () => {
    const shared = readFileSync(join(ROOT, 'sdk', 'redaction-rules.json'), 'utf8');
    const copy = readFileSync(join(ROOT, 'sdk', 'typescript', 'src', 'redaction-rules.json'), 'utf8');
    expect(copy).toBe(shared);
  });

  it('is the one the SDK engine is built from', () => {
    expect(REDACTION_RULES).toEqual(
      JSON.parse(readFileSync(join(ROOT, 'sdk', 'redaction-rules.json'), 'utf8')),
    );
  });

  it('refuses a rules document of a version it does not know', () => {
    expect(() => createSanitizer({ ...REDACTION_RULES, version: 2 })).toThrow(/version 2 is not supported/);
  });
});

describe('sanitize() on the shared fixtures', () => {
  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const { server: fromServer, sdk } = bothEngines(fixture.input, fixture.base_path);
    expect(sanitize(fixture.input)).toEqual(fromServer.value);
    expect(sanitize(fixture.input)).toEqual(fixture.output);
    expect(sdk.marks).toEqual(fromServer.marks);
  });

  it('leaves every fixture output as it is', () => {
    for (const fixture of fixtures) expect(sanitize(fixture.output)).toEqual(fixture.output);
  });

  it('does not mutate its input', () => {
    for (const fixture of fixtures) {
      const before = JSON.stringify(fixture.input);
      sanitize(fixture.input);
      expect(JSON.stringify(fixture.input)).toBe(before);
    }
  });

  it('hashes each secret with SHA-256 by default in redact()', () => {
    const { value, marks } = redact({ note: 'mail ann@example.com' }, { basePath: 'input' });
    expect(value).toEqual({ note: 'mail [REDACTED:email]' });
    expect(marks).toEqual([
      {
        path: 'input.note',
        type: 'email',
        hash: createHash('sha256').update('ann@example.com').digest('hex'),
      },
    ]);
  });
});

// Generated payloads: the pieces the rules react to, glued together in ways no fixture lists.

const luhnDigit = (payload: string): string =>
  [...'0123456789'].find((check) => {
    let sum = 0;
    [...(payload + check)].reverse().forEach((char, i) => {
      const doubled = i % 2 === 1 ? Number(char) * 2 : Number(char);
      sum += doubled > 9 ? doubled - 9 : doubled;
    });
    return sum % 10 === 0;
  })!;

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

const fragment = fc.oneof(
  fc.constantFrom(
    'the',
    'agent',
    ' ',
    '\n',
    '\t',
    ':',
    '=',
    '&',
    '?',
    '"',
    "'",
    '-',
    '.',
    '@',
    '/',
    '+',
    'naïve',
    '😀',
    'v2.4.1',
    '10:30:00',
    '[REDACTED:email]',
    '[REDACTED:',
    'password=',
    'token=',
    'api_key=',
    '"secret": "',
    "'token': '",
    '?sig=',
    '&X-Amz-Signature=',
    'Bearer ',
    'postgres://user:',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEow',
    '-----END RSA PRIVATE KEY-----',
    'DE89 3704 0044 0532 0130 00',
    'GB82WEST12345698765432',
    '4111 1111 1111 1111',
    '4111-1111-1111-1112',
    '078-05-1120',
    '666-12-3456',
    '(415) 555-2671',
    '+14155552671',
    '192.168.0.1',
    '010.1.1.1',
    'fe80::1ff:fe23:4567:890a',
    '::1',
    '2001:db8::8a2e:370:7334',
    'AKIAIOSFODNN7EXAMPLE',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'sk-ant-api03-abcdefghijklmnopqrstuvwx',
    'sk-proj-abcdefghijklmnopqrstuvwxyz0123',
    'sk_live_abcdefghij1234',
    'xoxb-1234567890-abcdef',
    'AIzaSyA1234567890abcdefghijklmnopqrstuv',
    'ck_abcdefghijkl_abcdefghijklmnopqrstuvwxyz012345',
    'crt_abcdefghijklmnopqrstuvwx',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2ln',
  ),
  fc.stringMatching(/^[a-z][a-z0-9.]{0,8}@[a-z]{2,9}\.(com|org|io)$/),
  fc.stringMatching(/^[A-Za-z0-9+/]{12,40}$/),
  digits(15).map((payload) => `5${payload}${luhnDigit(`5${payload}`)}`),
  fc
    .array(fc.integer({ min: 0, max: 300 }), { minLength: 4, maxLength: 4 })
    .map((octets) => octets.join('.')),
  fc.string({ maxLength: 6 }),
);
const text = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(''));

const keyName = fc.oneof(
  fc.constantFrom(
    'content',
    'role',
    'url',
    'note',
    'Authorization',
    'X-Api-Key',
    'apiKey',
    'APIKey',
    'client_secret',
    'password',
    'refreshToken',
    'input_tokens',
    'max_tokens',
    'tokenizer',
    'signature',
    'auth',
    'session_key',
    'name',
    'key',
    'value',
    '__proto__',
    'user@example.com',
    'has space',
    '',
  ),
  fragment,
);

const leaf = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

const { payload } = fc.letrec((tie) => ({
  payload: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    leaf,
    tie('array'),
    tie('object'),
    tie('pair'),
    tie('tuple'),
  ),
  array: fc.array(tie('payload'), { maxLength: 4 }),
  object: fc.array(fc.tuple(keyName, tie('payload')), { maxLength: 5 }).map((entries) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of entries)
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    return out;
  }),
  pair: fc.tuple(keyName, leaf, fc.constantFrom('name', 'key')).map(([name, value, field]) => ({
    [field]: name,
    value,
  })),
  tuple: fc.tuple(keyName, leaf),
}));

describe('sanitize() on generated payloads', () => {
  it('gives what the server gives, value and marks', () => {
    fc.assert(
      fc.property(payload, fc.constantFrom('', 'input', 'output'), (value, basePath) => {
        const { server: fromServer, sdk } = bothEngines(value, basePath);
        expect(sdk.value).toEqual(fromServer.value);
        expect(sdk.marks).toEqual(fromServer.marks);
        expect(sanitize(value)).toEqual(fromServer.value);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives what the server gives on long free text', () => {
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 20, maxLength: 80 }), (parts) => {
        const value = parts.join(' ');
        expect(sanitize(value)).toBe(server.redact(value).value);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(payload, (value) => {
        const once = sanitize(value);
        expect(sanitize(once)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts nesting deeper than max_depth like the server', () => {
    let deep: unknown = 'jane@example.com';
    for (let i = 0; i < REDACTION_RULES.max_depth + 5; i++) deep = i % 2 ? [deep] : { level: deep };
    const { server: fromServer, sdk } = bothEngines(deep);
    expect(sdk.value).toEqual(fromServer.value);
    expect(sdk.marks).toEqual(fromServer.marks);
    expect(JSON.stringify(sdk.value)).toContain('[REDACTED:depth_limit]');
  });

  it('treats toJSON, bigint and undefined like the server', () => {
    const value = {
      when: new Date('2026-01-02T03:04:05.000Z'),
      password: 12345678901234567890n,
      count: 3n,
      missing: undefined,
      list: [undefined, 'ann@example.com'],
    };
    const { server: fromServer, sdk } = bothEngines(value);
    expect(sdk.value).toEqual(fromServer.value);
    expect(sdk.marks).toEqual(fromServer.marks);
  });
});
