import fc from 'fast-check';
import { Redactor } from './redactor';

/** Identity "hash": lets a test put every secret back where its placeholder is. */
const redactor = new Redactor((value) => value);

const luhnDigit = (payload: string): string =>
  [...'0123456789'].find((check) => {
    let sum = 0;
    [...(payload + check)].reverse().forEach((char, i) => {
      const doubled = i % 2 === 1 ? Number(char) * 2 : Number(char);
      sum += doubled > 9 ? doubled - 9 : doubled;
    });
    return sum % 10 === 0;
  })!;

const digitString = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Secrets of every kind the rules promise to find, each with the type it must get. */
const secret = fc.oneof(
  fc.stringMatching(/^AKIA[A-Z0-9]{16}$/).map((text) => ({ text, type: 'aws_access_key' })),
  fc.stringMatching(/^ghp_[A-Za-z0-9]{36}$/).map((text) => ({ text, type: 'github_token' })),
  fc.stringMatching(/^sk-proj-[A-Za-z0-9_-]{40}$/).map((text) => ({ text, type: 'openai_key' })),
  fc.stringMatching(/^sk-ant-api03-[A-Za-z0-9_-]{40}$/).map((text) => ({ text, type: 'anthropic_key' })),
  fc.stringMatching(/^xoxb-[0-9]{10}-[A-Za-z0-9]{20}$/).map((text) => ({ text, type: 'slack_token' })),
  fc.stringMatching(/^AIza[A-Za-z0-9_-]{35}$/).map((text) => ({ text, type: 'google_api_key' })),
  fc
    .stringMatching(/^ck_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$/)
    .map((text) => ({ text, type: 'cockpit_api_key' })),
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{10,30}$/), fc.stringMatching(/^[A-Za-z0-9_-]{10,30}$/))
    .map(([payload, signature]) => ({
      text: `eyJhbGciOiJIUzI1NiJ9.eyJ${payload}.${signature}`,
      type: 'jwt',
    })),
  fc.stringMatching(/^[a-z][a-z0-9]{0,8}@[a-z]{2,9}\.(com|org|io)$/).map((text) => ({ text, type: 'email' })),
  fc
    .tuple(fc.integer({ min: 2, max: 9 }), digitString(9))
    .map(([a, rest]) => ({ text: `+1${a}${rest}`, type: 'phone' })),
  digitString(15).map((payload) => ({
    text: `4${payload.slice(1)}${luhnDigit(`4${payload.slice(1)}`)}`,
    type: 'credit_card',
  })),
  fc
    .tuple(
      fc.integer({ min: 1, max: 665 }),
      fc.integer({ min: 1, max: 99 }),
      fc.integer({ min: 1, max: 9999 }),
    )
    .map(([a, g, s]) => ({ text: `${pad(a, 3)}-${pad(g, 2)}-${pad(s, 4)}`, type: 'ssn' })),
  fc
    .array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 })
    .map((octets) => ({ text: octets.join('.'), type: 'ip_address' })),
);

const word = fc.constantFrom(
  'the',
  'agent',
  'report',
  'ok',
  'x',
  'total:',
  '42',
  '(see',
  'below)',
  'v2.4.1',
  '—',
  'naïve',
);
/** Ordinary words with secrets between them, separated by spaces. */
const textWithSecrets = fc
  .array(fc.oneof({ weight: 3, arbitrary: word.map((text) => ({ text, type: null })) }, secret), {
    maxLength: 8,
  })
  .map((parts) => ({
    text: parts.map((p) => p.text).join(' '),
    secrets: parts.filter((p) => p.type !== null),
  }));

/** Parses the paths marks use, to check they point where the placeholders are. */
function resolve(root: unknown, path: string): unknown {
  let at = root;
  for (const [, key, index, quoted] of path.matchAll(
    /\.?([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g,
  ))
    at = (at as Record<string, unknown>)[key ?? (index !== undefined ? Number(index) : JSON.parse(quoted!))];
  return at;
}

function lastKey(path: string): string {
  const quoted = /\[("(?:[^"\\]|\\.)*")\]$/.exec(path);
  return quoted ? (JSON.parse(quoted[1]!) as string) : path.slice(path.lastIndexOf('.') + 1);
}

const payload = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    textWithSecrets.map((t) => t.text),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom('content', 'password', 'headers', 'key', 'x-api-key', 'a b', 'usage', 'input_tokens'),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

describe('Redactor properties', () => {
  it('finds every generated secret, with its type, and none survives in the output', () => {
    fc.assert(
      fc.property(textWithSecrets, ({ text, secrets }) => {
        const { value, marks } = redactor.redact(text);
        expect(marks.map((m) => [m.type, m.hash])).toEqual(secrets.map((s) => [s.type, s.text]));
        for (const s of secrets) expect(value).not.toContain(s.text);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps all the surrounding text: putting the secrets back restores the input exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          textWithSecrets.map((t) => t.text),
          { maxLength: 4 },
        ),
        (texts) => {
          const { value, marks } = redactor.redact(texts);
          const restored = (value as string[]).map((text, i) => {
            const mine = marks.filter((m) => m.path === `[${i}]`);
            let k = 0;
            return text.replace(/\[REDACTED:[a-z0-9_]+\]/g, (placeholder) => {
              const mark = mine[k++]!;
              expect(placeholder).toBe(`[REDACTED:${mark.type}]`);
              return mark.hash;
            });
          });
          expect(restored).toEqual(texts);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never mutates its input, and redacting twice changes nothing more', () => {
    fc.assert(
      fc.property(payload, (input) => {
        const before = JSON.stringify(input);
        const once = redactor.redact(input);
        expect(JSON.stringify(input)).toBe(before);
        expect(redactor.redact(once.value)).toEqual({ value: once.value, marks: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('points every mark at a string holding a placeholder of its type', () => {
    fc.assert(
      fc.property(payload, (input) => {
        const { value, marks } = redactor.redact(input, 'step');
        for (const mark of marks) {
          // A key mark's path ends in the redacted key; a value mark's path leads to the redacted string.
          const at = mark.target === 'key' ? lastKey(mark.path) : resolve({ step: value }, mark.path);
          expect(typeof at).toBe('string');
          expect(at as string).toContain(`[REDACTED:${mark.type}]`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves ordinary content alone: timestamps, UUIDs, versions, numbers, prices', () => {
    const ordinary = fc.oneof(
      fc
        .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.uuid(),
      fc.tuple(fc.nat(99), fc.nat(99), fc.nat(999)).map(([a, b, c]) => `v${a}.${b}.${c}`),
      fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map(([a, b, c]) => `${a}.${b}.${c}`),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
      fc.nat(100_000_00).map((cents) => `$${(cents / 100).toFixed(2)}`),
      fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }).map(String),
      word,
    );
    fc.assert(
      fc.property(fc.array(ordinary, { maxLength: 10 }), (parts) => {
        const text = parts.join(' ');
        expect(redactor.redact(text)).toEqual({ value: text, marks: [] });
      }),
      { numRuns: 500 },
    );
  });
});
