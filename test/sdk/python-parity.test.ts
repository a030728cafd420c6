import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalJson } from '../../domain/shared/canonical-json';
import { Redactor } from '../../domain/shared/redaction/redactor';
import { PYTHON_SDK } from './support/python-process';

/**
 * The Python SDK computes what the server computes: its payload-hash vectors are the server's, and
 * its sanitize()/redact() give the server's output and marks on thousands of generated payloads.
 */

function python(script: string, input: unknown): unknown {
  const result = spawnSync('python3', ['-W', 'error', '-c', script], {
    cwd: PYTHON_SDK,
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONPATH: PYTHON_SDK, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe('sdk/python/tests/payload_hash_vectors.json', () => {
  interface Vector {
    name: string;
    tool: string;
    arguments: unknown;
    canonical: string;
    hash: string;
  }
  const vectors = (
    JSON.parse(readFileSync(join(PYTHON_SDK, 'tests', 'payload_hash_vectors.json'), 'utf8')) as {
      cases: Vector[];
    }
  ).cases;

  it.each(vectors.map((v) => [v.name, v] as const))('is what the server computes: %s', (_name, vector) => {
    const canonical = canonicalJson({ arguments: vector.arguments, tool: vector.tool });
    expect(canonical).toBe(vector.canonical);
    expect(createHash('sha256').update(canonical, 'utf8').digest('hex')).toBe(vector.hash);
  });
});

// Fragments that trip every pattern, validator, key rule and placeholder, mixed with plain text.
const fragment = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(' ', ', ', '\n', '.', ':', '=', '&', '?', '/', '"', "'", '(', ')'),
  },
  { weight: 3, arbitrary: fc.constantFrom('refund', 'order', 'A-1001', 'v2.4.1', '42', '10:30:00', 'naïve') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('😀', '東京', '\u2028', '\u00a0', 'ＡＫＩＡ', '١٠.٠.٠.١', 'K\u212aIA'),
  },
  fc.constantFrom(
    'dana.lee@example.org',
    'ann@example.com',
    '+14155552671',
    '(415) 555-2671',
    '415-555-2671',
    '4111 1111 1111 1111',
    '4111111111111111',
    '4111-1111-1111-1112',
    '123-45-6789',
    '000-12-3456',
    '10.0.0.1',
    '10.0.0.256',
    '2001:db8::1',
    'fe80::1ff:fe23:4567:890a',
    '::ffff:192.0.2.1',
    'DE89 3704 0044 0532 0130 00',
    'GB82WEST12345698765432',
    'AKIAIOSFODNN7EXAMPLE',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'sk-ant-api03-abcdefghijklmnopqrstuvwxyz',
    'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789',
    'xoxb-1234567890-abcdefghijklmnopqrst',
    'AIzaSyA1234567890abcdefghijklmnopqrstuv',
    'ck_abcdefghijkl_abcdefghijklmnopqrstuvwxyz012345',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl',
    'Bearer abcdefghijklmnopqrstuv',
    'password=hunter2',
    'api_key=abc123',
    '"token": "abc\\"def"',
    "'secret': 'it\\'s'",
    'postgres://app:s3cr3t@db.internal:5432/app',
    'https://x.test/a?X-Amz-Signature=9f8e7d6c5b4a39281706f5e4d3c2b1a0&b=1',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----',
    '[REDACTED:email]',
    '[REDACTED:credential]',
    'aB3xK9mQ2pL7vR4tZ8wY',
  ),
  fc.stringMatching(/^[A-Za-z0-9_\-+/=.@:]{1,24}$/),
  fc.string({ maxLength: 6, unit: 'binary' }),
);
const text = fc.array(fragment, { maxLength: 10 }).map((parts) => parts.join(''));
const key = fc.oneof(
  fc.constantFrom(
    'content',
    'password',
    'apiKey',
    'X-Api-Key',
    'Authorization',
    'headers',
    'input_tokens',
    'signature',
    'client_secret',
    'name',
    'value',
    'key',
    'first name',
    'ann@example.com',
    '2',
    '10',
    '[REDACTED:email]',
  ),
  text,
);
const payload = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(true, false, null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.tuple(key, text),
    fc.record({ name: key, value: text }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('sanitize() and redact() of the Python SDK', () => {
  it('give the server engine’s value and marks on generated payloads', () => {
    const inputs = fc.sample(
      fc.record({ value: payload, base_path: fc.constantFrom('', 'input', 'output.data') }),
      { numRuns: 3000, seed: 20261123 },
    );
    // JSON in both directions: -0 and 0, undefined and absent, are the same value on the wire.
    const wire = JSON.parse(JSON.stringify(inputs)) as { value: unknown; base_path: string }[];
    const identity = new Redactor((secret) => secret);
    const server = wire.map(({ value, base_path }) => {
      const { value: redacted, marks } = identity.redact(value, base_path);
      return JSON.parse(JSON.stringify({ value: redacted, marks }));
    });
    const sdk = python(
      [
        'import json, sys',
        'from cockpit_sdk import Redactor',
        'redactor = Redactor(hash=lambda secret: secret)',
        'out = []',
        'for case in json.load(sys.stdin):',
        '    redacted = redactor.redact(case["value"], case["base_path"])',
        '    out.append({"value": redacted.value, "marks": [m.to_dict() for m in redacted.marks]})',
        'print(json.dumps(out))',
      ].join('\n'),
      wire,
    ) as unknown[];
    const differences = wire
      .map((input, i) => ({ input, server: server[i], sdk: sdk[i] }))
      .filter(({ server: expected, sdk: actual }) => JSON.stringify(expected) !== JSON.stringify(actual));
    // The sample must really exercise the engine: findings of most types, in values and in keys.
    const marks = server.flatMap((result) => result.marks as { type: string; target?: string }[]);
    expect(new Set(marks.map((mark) => mark.type)).size).toBeGreaterThanOrEqual(15);
    expect(marks.filter((mark) => mark.target === 'key').length).toBeGreaterThan(50);
    expect(differences.slice(0, 3)).toEqual([]);
    expect(sdk).toHaveLength(wire.length);
  });

  it('walks keys in the order JavaScript does (integer-like keys first), whatever order Python has', () => {
    const texts = [
      '{"b@example.com": 1, "2": "x@example.com", "[REDACTED:email]": 0}',
      '{"z": "ann@example.com", "10": "10.0.0.1", "a@example.com": 1, "1": "+14155552671", "a@example.com#2": 2}',
      '{"ann@example.com": {"4294967295": "x@example.com", "7": "y@example.com"}, "0": "z@example.com"}',
      '{"b": "x@example.com", "4294967295": "y@example.com", "4294967294": "z@example.com", "01": "w@example.com"}',
    ];
    const identity = new Redactor((secret) => secret);
    const server = texts.map((json) => {
      const { value, marks } = identity.redact(JSON.parse(json));
      return { value, marks };
    });
    const sdk = python(
      [
        'import json, sys',
        'from cockpit_sdk import Redactor',
        'redactor = Redactor(hash=lambda secret: secret)',
        'results = [redactor.redact(json.loads(text)) for text in json.load(sys.stdin)]',
        'print(json.dumps([{"value": r.value, "marks": [m.to_dict() for m in r.marks]} for r in results]))',
      ].join('\n'),
      texts,
    );
    expect(sdk).toEqual(server);
  });
});
