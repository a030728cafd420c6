import fc from 'fast-check';
import { DEFAULT_REDACTION_RULES, type RedactionRules, type ValuePattern } from './rules';
import { TextScanner } from './text-scanner';

const withPatterns = (patterns: ValuePattern[]): RedactionRules => ({ ...DEFAULT_REDACTION_RULES, patterns });
const found = (scanner: TextScanner, text: string) =>
  scanner.scan(text).map(({ type, start, end, secret }) => ({ type, start, end, secret }));

describe('TextScanner', () => {
  it('prefers the earlier rule when two match at the same position', () => {
    const scanner = new TextScanner(
      withPatterns([
        { name: 'long', type: 'secret', pattern: 'abc[0-9]+', flags: '' },
        { name: 'short', type: 'email', pattern: 'abc', flags: '' },
      ]),
    );
    expect(found(scanner, 'x abc123 abc')).toEqual([
      { type: 'secret', start: 2, end: 8, secret: 'abc123' },
      { type: 'email', start: 9, end: 12, secret: 'abc' },
    ]);
  });

  it('prefers the leftmost match over an earlier rule that matches later', () => {
    const scanner = new TextScanner(
      withPatterns([
        { name: 'late', type: 'secret', pattern: 'def', flags: '' },
        { name: 'early', type: 'email', pattern: 'cd[a-z]', flags: '' },
      ]),
    );
    expect(found(scanner, 'abcdefg')).toEqual([{ type: 'email', start: 2, end: 5, secret: 'cde' }]);
  });

  it.each([
    ['in the same pre-filter group', undefined],
    ['in another pre-filter group', '0123456789'],
  ])(
    'lets a later rule match where an earlier one was rejected by its validator (%s)',
    (_label, requires) => {
      const scanner = new TextScanner(
        withPatterns([
          { name: 'card', type: 'credit_card', pattern: '[0-9]{16}', flags: '', validator: 'luhn', requires },
          { name: 'digits', type: 'secret', pattern: '[0-9]{16}', flags: '' },
        ]),
      );
      expect(found(scanner, '4111111111111112 4111111111111111').map((f) => f.type)).toEqual([
        'secret',
        'credit_card',
      ]);
    },
  );

  it('moves on one character after a rejected candidate', () => {
    const scanner = new TextScanner(
      withPatterns([
        { name: 'card', type: 'credit_card', pattern: '[0-9]{16}', flags: '', validator: 'luhn' },
      ]),
    );
    // The first 16 digits fail Luhn; the 16 starting one later pass.
    expect(found(scanner, '94111111111111111')).toEqual([
      { type: 'credit_card', start: 1, end: 17, secret: '4111111111111111' },
    ]);
  });

  it('replaces only the secret group and never overlaps findings', () => {
    const scanner = new TextScanner(
      withPatterns([
        { name: 'kv', type: 'credential', pattern: 'pw=([a-z0-9]+)', flags: '', secret_group: 1 },
        { name: 'digits', type: 'secret', pattern: '[0-9]+', flags: '' },
      ]),
    );
    expect(found(scanner, 'pw=ab12 7')).toEqual([
      { type: 'credential', start: 3, end: 7, secret: 'ab12' },
      { type: 'secret', start: 8, end: 9, secret: '7' },
    ]);
  });

  it('honours flags per rule while keeping rule order across them', () => {
    const scanner = new TextScanner(
      withPatterns([
        { name: 'ci', type: 'credential', pattern: 'secret', flags: 'i' },
        { name: 'cs', type: 'secret', pattern: 'SECRET[0-9]', flags: '' },
      ]),
    );
    expect(found(scanner, 'Secret SECRET1').map((f) => [f.type, f.secret])).toEqual([
      ['credential', 'Secret'],
      ['credential', 'SECRET'],
    ]);
  });

  it('skips existing placeholders, so their text is never redacted again', () => {
    const scanner = new TextScanner(
      withPatterns([{ name: 'word', type: 'secret', pattern: 'REDACTED|email', flags: '' }]),
    );
    expect(found(scanner, '[REDACTED:email] email')).toEqual([
      { type: 'secret', start: 17, end: 22, secret: 'email' },
    ]);
  });

  it('scans the text between findings again, so a secret hidden by its neighbour is found', () => {
    const scanner = new TextScanner(DEFAULT_REDACTION_RULES);
    // The email's look-ahead refuses a following "-" until the key block is gone.
    const text = 'a@x.io-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
    expect(found(scanner, text).map((f) => f.type)).toEqual(['email', 'private_key']);
  });

  it('never finds anything across or inside a placeholder', () => {
    const scanner = new TextScanner(
      withPatterns([{ name: 'kv', type: 'credential', pattern: 'pw=([^ ]+)', flags: '', secret_group: 1 }]),
    );
    expect(found(scanner, 'pw=[REDACTED:x]tail pw=abc[REDACTED:x]')).toEqual([
      { type: 'credential', start: 23, end: 26, secret: 'abc' },
    ]);
  });

  it('does not report a secret group that is already a placeholder', () => {
    const scanner = new TextScanner(
      withPatterns([{ name: 'kv', type: 'credential', pattern: 'pw=([^ ]+)', flags: '', secret_group: 1 }]),
    );
    expect(found(scanner, 'pw=[REDACTED:credential]')).toEqual([]);
  });

  it('finds the same secrets with or without its character pre-filter', () => {
    const unfiltered = new TextScanner({
      ...DEFAULT_REDACTION_RULES,
      patterns: DEFAULT_REDACTION_RULES.patterns.map(({ requires: _requires, ...rule }) => rule),
    });
    const filtered = new TextScanner(DEFAULT_REDACTION_RULES);
    const pieces = [
      'AKIAIOSFODNN7EXAMPLE',
      'ann@example.com',
      '4111 1111 1111 1111',
      '+14155552671',
      '(415) 555-2671',
      '10.0.0.1',
      '::1',
      'fe80::1:2',
      'password=x',
      '"token": "t"',
      'Bearer abcdefghijklmnopqrstuvwxyz',
      'DE89370400440532013000',
      '123-45-6789',
      'postgres://u:p@h',
      ' ',
      ':',
      '-',
      '.',
      'x',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 12 }),
        (parts) => {
          const text = parts.join('');
          expect(found(filtered, text)).toEqual(found(unfiltered, text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each<[string, string, (repetitions: number) => number]>([
    ['signed URL parameters', '?sig=', () => 0],
    ['IBAN-shaped groups', 'AB12 ', () => 0],
    ['card-shaped digit groups', '4111 1111 ', () => 0],
    ['IPv6-shaped colons', '::@', () => 0],
    ['key blocks without an END line', '-----BEGIN PRIVATE KEY-----.', (n) => n],
    ['quoted keys whose values escape the closing quote', '"password": "a\\', (n) => Math.floor(n / 2)],
  ])('stays linear on 200 KB of repeated %s', (_label, unit, expected) => {
    // Candidates that are rejected or run on must not make the scan quadratic: this would take minutes.
    const scanner = new TextScanner(DEFAULT_REDACTION_RULES);
    const repetitions = Math.ceil(200_000 / unit.length);
    expect(scanner.scan(unit.repeat(repetitions))).toHaveLength(expected(repetitions));
  });

  it('scans long text as it scans short text', () => {
    const scanner = new TextScanner(DEFAULT_REDACTION_RULES);
    const short = 'mail ann@example.com';
    const long = `${'lorem ipsum '.repeat(20)}${short}`;
    expect(found(scanner, long).map((f) => f.secret)).toEqual(found(scanner, short).map((f) => f.secret));
  });

  it.each<[string, Partial<ValuePattern>, RegExp]>([
    ['flags other than i, m and s', { flags: 'g' }, /flags/],
    ['a back-reference', { pattern: '(a)\\1' }, /back-references/],
    ['a named group', { pattern: '(?<word>a)' }, /named groups/],
    ['a pattern that can match the empty string', { pattern: 'a*' }, /empty string/],
    ['a secret group it does not have', { pattern: '(a)', secret_group: 2 }, /secret_group 2/],
    ['a pre-filter with non-ASCII characters', { requires: 'é' }, /requires/],
  ])('refuses a rule with %s', (_label, change, message) => {
    const rule: ValuePattern = { name: 'bad', type: 'secret', pattern: 'a', flags: '', ...change };
    expect(() => new TextScanner(withPatterns([rule]))).toThrow(message);
  });
});
