import { Redactor, placeholder } from './redactor';
import { DEFAULT_REDACTION_RULES } from './rules';

const hash = (value: string) => `h(${value})`;
const redactor = new Redactor(hash);
const RANDOM = 'aB3xK9mQ2pL7vR4tZ8wY';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('Redactor: paths and marks', () => {
  it('marks paths below the base path in dot and bracket notation', () => {
    const { value, marks } = redactor.redact(
      { messages: [{ role: 'user', content: 'mail ann@example.com' }] },
      'input',
    );
    expect(value).toEqual({ messages: [{ role: 'user', content: 'mail [REDACTED:email]' }] });
    expect(marks).toEqual([{ path: 'input.messages[0].content', type: 'email', hash: 'h(ann@example.com)' }]);
  });

  it('starts paths at the first key when there is no base path', () => {
    expect(redactor.redact({ a: { b: ['x', '10.0.0.1'] } }).marks.map((m) => m.path)).toEqual(['a.b[1]']);
    expect(redactor.redact(['10.0.0.1']).marks.map((m) => m.path)).toEqual(['[0]']);
    expect(redactor.redact('10.0.0.1').marks.map((m) => m.path)).toEqual(['']);
    expect(redactor.redact('10.0.0.1', 'note').marks.map((m) => m.path)).toEqual(['note']);
  });

  it('quotes keys that are not identifiers as JSON strings in brackets', () => {
    const { marks } = redactor.redact(
      { headers: { 'x-api-key': 'k1', 'my "odd" key': 'ann@example.com', $ok_1: '10.0.0.1' } },
      'input',
    );
    expect(marks.map((m) => m.path)).toEqual([
      'input.headers["x-api-key"]',
      'input.headers["my \\"odd\\" key"]',
      'input.headers.$ok_1',
    ]);
  });

  it('gives several secrets in one string one mark each, in order of occurrence', () => {
    const { marks } = redactor.redact({ text: 'b@x.io then a@x.io' });
    expect(marks).toEqual([
      { path: 'text', type: 'email', hash: 'h(b@x.io)' },
      { path: 'text', type: 'email', hash: 'h(a@x.io)' },
    ]);
  });

  it('hashes the original secret, so equal secrets share a hash and the placeholder reveals nothing', () => {
    const seen: string[] = [];
    const spy = new Redactor((value) => {
      seen.push(value);
      return `#${value.length}`;
    });
    const { value, marks } = spy.redact({ a: 'AKIAIOSFODNN7EXAMPLE', b: ['x AKIAIOSFODNN7EXAMPLE'] });
    expect(seen).toEqual(['AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE']);
    expect(marks[0]!.hash).toBe(marks[1]!.hash);
    expect(JSON.stringify(value)).not.toContain('AKIA');
  });

  it('uses the hash it was given: two tenants see different hashes for the same secret', () => {
    const other = new Redactor((value) => `other(${value})`);
    const input = { note: 'ann@example.com' };
    expect(other.redact(input).value).toEqual(redactor.redact(input).value);
    expect(other.redact(input).marks[0]!.hash).not.toBe(redactor.redact(input).marks[0]!.hash);
  });

  it('redacts a repeated value every time, also past the size of its caches', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i % 2 ? `ok ${i}` : `${i}@x.io`));
    const { marks } = redactor.redact([...values, ...values]);
    expect(marks).toHaveLength(5000);
    expect(new Set(marks.map((m) => m.hash)).size).toBe(2500);
  });

  it('spells placeholders as [REDACTED:type]', () => {
    expect(placeholder('email')).toBe('[REDACTED:email]');
    expect(placeholder('credit_card')).toBe('[REDACTED:credit_card]');
  });
});

describe('Redactor: sensitive keys', () => {
  it('replaces the whole value under header and secret key names, whatever their case', () => {
    const { value, marks } = redactor.redact({
      headers: { Authorization: 'Bearer abc', COOKIE: 'sid=1', 'Content-Type': 'application/json' },
      clientSecret: 's',
      db: { password: 'hunter2' },
    });
    expect(value).toEqual({
      headers: {
        Authorization: '[REDACTED:credential]',
        COOKIE: '[REDACTED:credential]',
        'Content-Type': 'application/json',
      },
      clientSecret: '[REDACTED:credential]',
      db: { password: '[REDACTED:credential]' },
    });
    expect(marks.map((m) => [m.path, m.hash])).toEqual([
      ['headers.Authorization', 'h(Bearer abc)'],
      ['headers.COOKIE', 'h(sid=1)'],
      ['clientSecret', 'h(s)'],
      ['db.password', 'h(hunter2)'],
    ]);
  });

  it('replaces every string and number leaf below a sensitive key, and keeps booleans and null', () => {
    const { value, marks } = redactor.redact({
      credentials: {
        user: 'ann',
        pin: 1234,
        rotate: true,
        expires: null,
        scopes: ['a', 'b'],
        nested: { x: 'y' },
      },
    });
    expect(value).toEqual({
      credentials: {
        user: '[REDACTED:credential]',
        pin: '[REDACTED:credential]',
        rotate: true,
        expires: null,
        scopes: ['[REDACTED:credential]', '[REDACTED:credential]'],
        nested: { x: '[REDACTED:credential]' },
      },
    });
    expect(marks.map((m) => m.path)).toEqual([
      'credentials.user',
      'credentials.pin',
      'credentials.scopes[0]',
      'credentials.scopes[1]',
      'credentials.nested.x',
    ]);
    expect(marks[1]!.hash).toBe('h(1234)');
  });

  it('keeps an empty value and an existing placeholder under a sensitive key, without a mark', () => {
    expect(redactor.redact({ password: '', token: '[REDACTED:credential]' })).toEqual({
      value: { password: '', token: '[REDACTED:credential]' },
      marks: [],
    });
  });

  it('keeps token counts as numbers', () => {
    const usage = {
      input_tokens: 812,
      output_tokens: 143,
      max_tokens: 1024,
      total_tokens: 955,
      token_count: 7,
    };
    const counts = { ...usage, prompt_tokens: 1, completion_tokens: 2, inputTokens: 3 };
    expect(redactor.redact({ usage: counts })).toEqual({ value: { usage: counts }, marks: [] });
  });

  it('judges the value of a name/value pair by its name', () => {
    const { value } = redactor.redact({
      headers: [
        { name: 'Authorization', value: 'Basic dXNlcjpwYXNz' },
        { name: 'Accept', value: 'text/html' },
        { key: 'X-Hub-Signature', value: RANDOM },
      ],
    });
    expect(value).toEqual({
      headers: [
        { name: 'Authorization', value: '[REDACTED:credential]' },
        { name: 'Accept', value: 'text/html' },
        { key: 'X-Hub-Signature', value: '[REDACTED:secret]' },
      ],
    });
  });

  it('does not take prose for the name of a pair', () => {
    const input = [
      ['see the password reset page', 'https://x.test/reset'],
      { name: 'rotate the api key monthly', value: 'policy-7' },
    ];
    expect(redactor.redact(input)).toEqual({ value: input, marks: [] });
  });

  it('judges the second element of a [name, value] tuple by the first', () => {
    expect(
      redactor.redact([
        ['x-api-key', 'k1'],
        ['accept', '*/*'],
        ['token', 'a', 'b'],
      ]).value,
    ).toEqual([
      ['x-api-key', '[REDACTED:credential]'],
      ['accept', '*/*'],
      ['token', 'a', 'b'],
    ]);
  });
});

describe('Redactor: random-looking values in key-like fields', () => {
  it('replaces a long random string under a key-like name as a secret', () => {
    expect(redactor.redact({ signature: RANDOM, keys: [RANDOM] })).toEqual({
      value: { signature: '[REDACTED:secret]', keys: ['[REDACTED:secret]'] },
      marks: [
        { path: 'signature', type: 'secret', hash: `h(${RANDOM})` },
        { path: 'keys[0]', type: 'secret', hash: `h(${RANDOM})` },
      ],
    });
  });

  it.each([
    ['too short', 'aB3xK9mQ2pL7vR4'],
    ['not random', 'aaaaaaaabbbbbbbbcccc'],
    ['a sentence', 'Press the enter key to continue'],
  ])('keeps a value that is %s', (_label, text) => {
    expect(redactor.redact({ key: text }).marks).toEqual([]);
  });

  it('keeps a random string under an ordinary name', () => {
    expect(redactor.redact({ id: RANDOM, request_id: RANDOM }).marks).toEqual([]);
  });

  it('prefers the typed pattern when a key-like value matches one', () => {
    expect(redactor.redact({ key: 'AKIAIOSFODNN7EXAMPLE' }).marks.map((m) => m.type)).toEqual([
      'aws_access_key',
    ]);
  });
});

describe('Redactor: object keys', () => {
  it('redacts a secret inside a key and marks it as a key', () => {
    expect(redactor.redact({ scores: { 'ann@example.com': 3 } }, 'output')).toEqual({
      value: { scores: { '[REDACTED:email]': 3 } },
      marks: [
        {
          path: 'output.scores["[REDACTED:email]"]',
          type: 'email',
          hash: 'h(ann@example.com)',
          target: 'key',
        },
      ],
    });
  });

  it('numbers redacted keys that would collide instead of dropping a value', () => {
    const { value } = redactor.redact({ 'a@x.io': 1, 'b@x.io': 2, '[REDACTED:email]#2': 3 });
    expect(value).toEqual({ '[REDACTED:email]': 1, '[REDACTED:email]#3': 2, '[REDACTED:email]#2': 3 });
  });

  it('keeps a __proto__ key as an own property without touching the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const value = redactor.redact(input).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('Redactor: copying', () => {
  it('copies every path that changed, shares the rest, and never mutates its input', () => {
    const input = deepFreeze({ a: { b: ['ann@example.com', 1] }, clean: { c: [1, 'x'] }, password: 'x' });
    const value = redactor.redact(input).value as typeof input;
    expect(input).toEqual({ a: { b: ['ann@example.com', 1] }, clean: { c: [1, 'x'] }, password: 'x' });
    expect(value).toEqual({
      a: { b: ['[REDACTED:email]', 1] },
      clean: { c: [1, 'x'] },
      password: '[REDACTED:credential]',
    });
    expect(value).not.toBe(input);
    expect(value.a).not.toBe(input.a);
    expect(value.a.b).not.toBe(input.a.b);
    expect(value.clean).toBe(input.clean);
  });

  it('returns a value without secrets as it is', () => {
    const input = { messages: [{ role: 'user', content: 'Where is my order?' }], n: 1 };
    expect(redactor.redact(input)).toEqual({ value: input, marks: [] });
    expect(redactor.redact(input).value).toBe(input);
  });

  it('copies an object that is not plain data into a plain one', () => {
    class Point {
      constructor(readonly x = 1) {}
    }
    const value = redactor.redact({ at: new Point(), list: [new Point()] }).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value.at)).toBe(Object.prototype);
    expect(value).toEqual({ at: { x: 1 }, list: [{ x: 1 }] });
  });

  it('is idempotent: redacting a redacted value adds no marks and changes nothing', () => {
    const input = {
      headers: { authorization: 'Bearer abc', 'x-trace': '10.0.0.1' },
      body: '{"password":"p"} postgres://u:pw@h/db ann@example.com 4111 1111 1111 1111',
      signature: RANDOM,
      'ann@example.com': { sig: `Bearer ${RANDOM}` },
    };
    const once = redactor.redact(input);
    expect(redactor.redact(once.value)).toEqual({ value: once.value, marks: [] });
  });

  it('keeps numbers, booleans, null and undefined as they are', () => {
    const input = { n: 4111111111111111, f: 1.5, t: true, z: null, u: undefined };
    expect(redactor.redact(input)).toEqual({ value: input, marks: [] });
  });

  it('serialises objects with toJSON (dates) the way JSON would', () => {
    expect(redactor.redact({ at: new Date('2024-05-14T09:21:33Z') }).value).toEqual({
      at: '2024-05-14T09:21:33.000Z',
    });
  });

  it('replaces values nested beyond the depth limit instead of exhausting the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const { value, marks } = redactor.redact(deep);
    let at = value;
    for (let i = 0; i < DEFAULT_REDACTION_RULES.max_depth; i++) at = (at as unknown[])[0];
    expect(at).toBe('[REDACTED:depth_limit]');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.path).toBe('[0]'.repeat(DEFAULT_REDACTION_RULES.max_depth));
  });

  it('survives a cyclic object', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const { marks } = redactor.redact(cyclic);
    expect(marks.map((m) => m.type)).toEqual(['depth_limit']);
  });
});
