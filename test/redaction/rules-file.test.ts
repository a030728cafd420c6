import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyNames } from '../../domain/shared/redaction/key-names';
import { Redactor } from '../../domain/shared/redaction/redactor';
import { DEFAULT_REDACTION_RULES, type RedactionRules } from '../../domain/shared/redaction/rules';
import { redactionRulesDocument } from '../../domain/shared/redaction/rules-document';

/**
 * The contract with the SDKs: sdk/redaction-rules.json is the server's rules, every pattern means the
 * same in Python `re` as in JavaScript, and test/redaction/fixtures.json is what an engine built from
 * the file must produce (the SDK test suites run the same fixtures).
 */

const RULES_FILE = join(__dirname, '..', '..', 'sdk', 'redaction-rules.json');
const rulesText = readFileSync(RULES_FILE, 'utf8');

interface FixtureMark {
  path: string;
  type: string;
  secret: string;
  target?: 'key';
}
interface Fixture {
  name: string;
  base_path?: string;
  input: unknown;
  output: unknown;
  marks: FixtureMark[];
}
const fixtures = (JSON.parse(readFileSync(join(__dirname, 'fixtures.json'), 'utf8')) as { cases: Fixture[] })
  .cases;

/** Identity hash: a mark's hash is then the secret the SDK must hash. */
const expectedMarks = (marks: FixtureMark[]) =>
  marks.map(({ secret, ...mark }) => ({
    path: mark.path,
    type: mark.type,
    hash: secret,
    ...(mark.target ? { target: mark.target } : {}),
  }));

describe('sdk/redaction-rules.json', () => {
  it('is exactly what `npm run redaction:export` writes from the current rules (run it after changing them)', () => {
    expect(rulesText).toBe(redactionRulesDocument());
  });

  it('carries a version and the placeholder format', () => {
    const document = JSON.parse(rulesText) as RedactionRules;
    expect(document.version).toBe(DEFAULT_REDACTION_RULES.version);
    expect(document.placeholder.format).toBe('[REDACTED:{type}]');
  });

  it('rebuilds, on its own, an engine that redacts every shared fixture like the server', () => {
    const fromFile = new Redactor((value) => value, JSON.parse(rulesText) as RedactionRules);
    for (const fixture of fixtures) {
      const { value, marks } = fromFile.redact(fixture.input, fixture.base_path);
      expect({ name: fixture.name, value, marks }).toEqual({
        name: fixture.name,
        value: fixture.output,
        marks: expectedMarks(fixture.marks),
      });
    }
  });
});

describe('test/redaction/fixtures.json', () => {
  const redactor = new Redactor((value) => value);

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('redacts: %s', (_name, fixture) => {
    const { value, marks } = redactor.redact(fixture.input, fixture.base_path);
    expect(value).toEqual(fixture.output);
    expect(marks).toEqual(expectedMarks(fixture.marks));
  });

  it('holds outputs that redaction leaves as they are', () => {
    for (const fixture of fixtures)
      expect(redactor.redact(fixture.output, fixture.base_path)).toEqual({
        value: fixture.output,
        marks: [],
      });
  });
});

// Python side of the parity check: every pattern compiled with re.ASCII, warnings are errors (a
// FutureWarning means Python reads the pattern differently), spans in code points.
const PYTHON = `
import json, re, sys
data = json.load(sys.stdin)
flags = {"i": re.I, "m": re.M, "s": re.S}
matches = {}
for p in data["patterns"]:
    f = re.ASCII
    for c in p["flags"]:
        f |= flags[c]
    rx = re.compile(p["pattern"], f)
    matches[p["name"]] = [
        [[list(m.span(g)) for g in range(rx.groups + 1)] for m in rx.finditer(text)] for text in data["corpus"]
    ]
def normalize(key, n):
    for split in n["split_patterns"]:
        key = re.sub(split, r"\\1_\\2", key, flags=re.ASCII)
    return re.sub(n["separator_pattern"], "_", key.lower(), flags=re.ASCII).strip("_")
keys = [normalize(k, data["normalization"]) for k in data["keys"]]
print(json.dumps({"matches": matches, "keys": keys}))
`;

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, out));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsIn(item, out);
    }
  return out;
}

/** All matches of a pattern as Python reports them: group spans in code points, unset groups as -1. */
function jsMatches(pattern: string, flags: string, text: string): number[][][] {
  const codePointAt = (index: number) => [...text.slice(0, index)].length;
  const regex = new RegExp(pattern, `dg${flags}`);
  const out: number[][][] = [];
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    out.push(
      [...(match.indices as RegExpIndicesArray)].map((span) => (span ? span.map(codePointAt) : [-1, -1])),
    );
    if (match[0] === '') regex.lastIndex++;
  }
  return out;
}

describe('the rules in Python re', () => {
  const rules = DEFAULT_REDACTION_RULES;
  const patterns = [
    ...rules.patterns.map(({ name, pattern, flags }) => ({ name, pattern, flags })),
    { name: 'placeholder', pattern: rules.placeholder.pattern, flags: '' },
    { name: 'pair_name_pattern', pattern: rules.keys.pair_name_pattern, flags: '' },
    { name: 'entropy_skip_pattern', pattern: rules.entropy.skip_pattern, flags: '' },
  ];
  const corpus = [
    ...new Set([
      ...fixtures.flatMap((fixture) => [...stringsIn(fixture.input), ...stringsIn(fixture.output)]),
      'mail ann@example.com\u2028and 10.0.0.1\r\nthen\u00a0415-555-2671 and 😀 4111-1111-1111-1111',
      'naïve café DE89 3704 0044 0532 0130 00 ＡＫＩＡ and 东京 +14155552671\tok',
      '-----BEGIN EC PRIVATE KEY-----\r\nMHcCAQEE\u2028IOS\r\n-----END EC PRIVATE KEY-----',
      '{\'secret\': \'it\\\'s\'} "token" : "a\\"b" password=x&y ?sig=Zm9vYmFyYmF6cXV4cXV1eA%3D%3D',
      'fe80::1ff:fe23:4567:890a%eth0 [::1]:8080 ::ffff:192.0.2.1 1:2:3:4:5:6:7:8 10:30:00',
      'ſecret=x Secret=y K\u212aIA TOKEN=z', // long s and Kelvin sign: ASCII-only case rules in both
      'call ٤١٥-٥٥٥-٢٦٧١ or １２３-４５-６７８９ at ١٠.٠.٠.١', // non-ASCII digits
      'Bearer\u00a0abcdefghijklmnopqrstuv and Bearer\u2003abcdefghijklmnopqrstuv', // \\s is Unicode in JS only
    ]),
  ];
  const keys = [
    'X-Api-Key',
    'apiKey',
    'APIKey',
    'OAuthToken',
    'getHTTPResponse',
    'inputTokens',
    'Ünïcode-Kéy',
    'İd_Token',
    '__proto__',
  ];

  const python = spawnSync('python3', ['-W', 'error', '-c', PYTHON], {
    input: JSON.stringify({ patterns, corpus, keys, normalization: rules.keys.normalization }),
    encoding: 'utf8',
  });

  it('compiles every pattern without error or warning', () => {
    expect(python.stderr).toBe('');
    expect(python.status).toBe(0);
  });

  it.each(patterns.map((p) => [p.name, p] as const))(
    'finds the same matches as JavaScript: %s',
    (name, p) => {
      const fromPython = (JSON.parse(python.stdout) as { matches: Record<string, number[][][][]> }).matches[
        name
      ];
      expect(fromPython).toEqual(corpus.map((text) => jsMatches(p.pattern, p.flags, text)));
    },
  );

  it('normalises key names the same way', () => {
    const fromPython = (JSON.parse(python.stdout) as { keys: string[] }).keys;
    const names = new KeyNames(rules.keys);
    expect(fromPython).toEqual(keys.map((key) => names.normalize(key)));
  });

  it('has a corpus in which every pattern finds something', () => {
    for (const p of rules.patterns)
      expect({
        name: p.name,
        found: corpus.some((text) => jsMatches(p.pattern, p.flags, text).length > 0),
      }).toEqual({
        name: p.name,
        found: true,
      });
  });
});
