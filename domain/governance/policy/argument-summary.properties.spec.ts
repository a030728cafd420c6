import fc from 'fast-check';
import {
  type ArgumentKind,
  SUMMARY_LIMITS,
  type SummaryLimits,
  summarizeArguments,
} from './argument-summary';
import { CEDAR_JSON_ESCAPES, type CedarValue, DECIMAL_MAX, LONG_MAX } from './cedar-text';

/** Properties of the summary over arbitrary input: it never throws and always stays in Cedar's bounds. */

const isDecimal = (value: unknown): value is { __extn: { fn: 'decimal'; arg: string } } =>
  typeof value === 'object' && value !== null && '__extn' in value;
const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

/** Walks a summarised value, checking every bound; returns how many values it holds. */
function checkValue(value: CedarValue, depth: number, limits: SummaryLimits): number {
  if (typeof value === 'string') {
    expect(value.length).toBeLessThanOrEqual(limits.maxStringLength);
    expect(value).toMatch(WELL_FORMED);
    return 0;
  }
  if (typeof value === 'number') {
    expect(Number.isInteger(value) && Math.abs(value) <= LONG_MAX).toBe(true);
    return 0;
  }
  if (typeof value === 'boolean') return 0;
  if (isDecimal(value)) {
    expect(value.__extn.arg).toMatch(/^-?\d+\.\d{1,4}$/);
    expect(Math.abs(Number(value.__extn.arg))).toBeLessThan(DECIMAL_MAX + 1);
    return 0;
  }
  if (Array.isArray(value)) {
    expect(value.length).toBeLessThanOrEqual(limits.maxSetSize);
    const kinds = new Set(value.map((v: CedarValue) => (isDecimal(v) ? 'decimal' : typeof v)));
    expect(kinds.size).toBeLessThanOrEqual(1);
    expect([...kinds].every((kind) => ['string', 'number', 'boolean', 'decimal'].includes(kind))).toBe(true);
    value.forEach((v: CedarValue) => checkValue(v, depth, limits));
    return value.length;
  }
  expect(depth).toBeLessThanOrEqual(limits.maxDepth);
  const keys = Object.keys(value);
  expect(keys.length).toBeLessThanOrEqual(limits.maxKeysPerRecord);
  let nodes = 0;
  for (const key of keys) {
    expect(CEDAR_JSON_ESCAPES.has(key)).toBe(false);
    expect(key.length).toBeLessThanOrEqual(limits.maxKeyLength);
    expect(key).toMatch(WELL_FORMED);
    nodes += 1 + checkValue((value as Record<string, CedarValue>)[key]!, depth + 1, limits);
  }
  return nodes;
}

function kindOf(value: CedarValue): ArgumentKind {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'long';
  if (typeof value === 'boolean') return 'boolean';
  if (isDecimal(value)) return 'decimal';
  return Array.isArray(value) ? 'set' : 'record';
}

const hostileKey = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom(
    '__entity',
    '__extn',
    '__expr',
    '__proto__',
    'constructor',
    'a.b',
    '\uD800',
    'k'.repeat(200),
  ),
);
const anything = fc.anything({
  key: hostileKey,
  maxDepth: 7,
  withBigInt: true,
  withNullPrototype: true,
  withSparseArray: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
});
const tightLimits = fc.record({
  maxDepth: fc.integer({ min: 0, max: 5 }),
  maxKeysPerRecord: fc.integer({ min: 1, max: 10 }),
  maxNodes: fc.integer({ min: 1, max: 40 }),
  maxStringLength: fc.integer({ min: 1, max: 20 }),
  maxSetSize: fc.integer({ min: 0, max: 5 }),
  maxKeyLength: fc.integer({ min: 1, max: 10 }),
  maxTextLength: fc.integer({ min: 0, max: 60 }),
});

describe('summarizeArguments (properties)', () => {
  it('never throws and stays within every limit, on any input', () => {
    fc.assert(
      fc.property(anything, fc.oneof(fc.constant(SUMMARY_LIMITS), tightLimits), (input, limits) => {
        const { values } = summarizeArguments(input, limits);
        expect(checkValue(values, 0, limits)).toBeLessThanOrEqual(limits.maxNodes);
      }),
      { numRuns: 500 },
    );
  });

  it('types every value it keeps by its dotted path, with the kind the value has', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (input) => {
        const { values, types } = summarizeArguments(input);
        for (const [path, kind] of Object.entries(types)) {
          const value = path
            .split('.')
            .reduce<CedarValue | undefined>(
              (at, key) => (at as Record<string, CedarValue> | undefined)?.[key],
              values,
            );
          expect(value).toBeDefined();
          expect(kindOf(value!)).toBe(kind);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports truncation whenever a string was cut', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1001, maxLength: 1200 }), (text) => {
        expect(summarizeArguments({ text }).truncated).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});
