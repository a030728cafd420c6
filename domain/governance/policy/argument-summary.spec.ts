import { BARE_VALUE_KEY, SUMMARY_LIMITS, boundedJson, summarizeArguments } from './argument-summary';
import { LONG_MAX } from './cedar-text';

const decimal = (arg: string) => ({ __extn: { fn: 'decimal', arg } });
const summary = (value: unknown, limits = SUMMARY_LIMITS) => summarizeArguments(value, limits);
const valueOf = (raw: unknown) => summary({ x: raw }).values.x;

describe('summarizeArguments', () => {
  describe('numbers', () => {
    it('keeps integers as Longs', () => {
      expect([0, -0, 7, -42, 2 ** 53, -(2 ** 60)].map(valueOf)).toEqual([0, 0, 7, -42, 2 ** 53, -(2 ** 60)]);
      expect(Object.is(valueOf(-0), 0)).toBe(true);
      expect(summary({ n: 7 }).types).toEqual({ n: 'long' });
    });

    it("clamps integers past Cedar's i64 range, keeping their order so threshold rules still fire", () => {
      expect([2 ** 63, 1e300, Infinity].map(valueOf)).toEqual([LONG_MAX, LONG_MAX, LONG_MAX]);
      expect([-(2 ** 63), -1e300, -Infinity].map(valueOf)).toEqual([-LONG_MAX, -LONG_MAX, -LONG_MAX]);
      expect(summary({ n: 1e300 }).types).toEqual({ n: 'long' });
    });

    it("turns fractions into decimals rounded to Cedar's 4 digits", () => {
      expect([100.5, 0.1 + 0.2, 1.23456, -2.5, 1e-7, -0.00001, 123456789.0001].map(valueOf)).toEqual([
        decimal('100.5'),
        decimal('0.3'),
        decimal('1.2346'),
        decimal('-2.5'),
        decimal('0.0'),
        decimal('0.0'),
        decimal('123456789.0001'),
      ]);
      expect(summary({ n: 1.5 }).types).toEqual({ n: 'decimal' });
    });

    it("rounds fractions past decimal's range to Longs", () => {
      expect(valueOf(950_000_000_000_000.25)).toBe(950_000_000_000_000);
      expect(summary({ n: 950_000_000_000_000.25 }).types).toEqual({ n: 'long' });
    });

    it('drops NaN and converts bigints', () => {
      expect(summary({ a: NaN, b: 12n, c: 2n ** 70n })).toEqual({
        values: { b: 12, c: LONG_MAX },
        types: { b: 'long', c: 'long' },
        truncated: false,
      });
    });
  });

  describe('strings, booleans and null', () => {
    it('keeps booleans and short strings, and drops null and undefined without calling it truncation', () => {
      expect(summary({ a: true, b: 'text', c: null, d: undefined, e: () => 1 })).toEqual({
        values: { a: true, b: 'text' },
        types: { a: 'boolean', b: 'string' },
        truncated: false,
      });
    });

    it('cuts long strings, never inside a surrogate pair', () => {
      const long = summary({ s: 'x'.repeat(1500) });
      expect(long.values.s).toBe('x'.repeat(SUMMARY_LIMITS.maxStringLength));
      expect(long.truncated).toBe(true);
      const pair = summary({ s: `${'x'.repeat(999)}𝄞tail` }).values.s as string;
      expect(pair).toBe('x'.repeat(999));
    });

    it('replaces lone surrogates, which Cedar cannot take', () => {
      expect(summary({ s: 'a\uD800b\uDC00', '\uDFFFkey': 1 }).values).toEqual({
        s: 'a\uFFFDb\uFFFD',
        '\uFFFDkey': 1,
      });
    });

    it('spends a budget on all text together', () => {
      const limits = { ...SUMMARY_LIMITS, maxTextLength: 2500 };
      const result = summary(
        { a: 'a'.repeat(1000), b: 'b'.repeat(1000), c: 'c'.repeat(1000), d: 'd' },
        limits,
      );
      expect(Object.keys(result.values)).toEqual(['a', 'b', 'c']);
      expect((result.values.c as string).length).toBe(500);
      expect(result.truncated).toBe(true);
    });
  });

  describe('arrays', () => {
    it('become Sets when their elements share one scalar type, deduplicated and without nulls', () => {
      expect(
        summary({ a: ['x', 'y', 'x'], b: [3, 1, 3], c: [1.5, 2.25], d: [true, null, false], e: [] }),
      ).toEqual({
        values: { a: ['x', 'y'], b: [3, 1], c: [decimal('1.5'), decimal('2.25')], d: [true, false], e: [] },
        types: { a: 'set', b: 'set', c: 'set', d: 'set', e: 'set' },
        truncated: false,
      });
    });

    it('become their JSON text when mixed or nested, so that like can still match them', () => {
      expect(summary({ a: [1, 'x'], b: [1, 1.5], c: [{ role: 'user' }], d: [[1]] })).toEqual({
        values: { a: '[1,"x"]', b: '[1,1.5]', c: '[{"role":"user"}]', d: '[[1]]' },
        types: { a: 'string', b: 'string', c: 'string', d: 'string' },
        truncated: false,
      });
    });

    it(`keep at most ${SUMMARY_LIMITS.maxSetSize} elements`, () => {
      const result = summary({ ids: Array.from({ length: 100 }, (_, i) => i) });
      expect(result.values.ids).toHaveLength(SUMMARY_LIMITS.maxSetSize);
      expect(result.truncated).toBe(true);
    });
  });

  describe('records', () => {
    it(`nest ${SUMMARY_LIMITS.maxDepth} levels below the root; deeper ones become JSON text`, () => {
      const result = summary({ a: { b: { c: { d: { e: { f: 1 } } } } } });
      expect(result.values).toEqual({ a: { b: { c: { d: { e: '{"f":1}' } } } } });
      expect(result.types).toEqual({
        a: 'record',
        'a.b': 'record',
        'a.b.c': 'record',
        'a.b.c.d': 'record',
        'a.b.c.d.e': 'string',
      });
    });

    it(`keep the first ${SUMMARY_LIMITS.maxKeysPerRecord} keys`, () => {
      const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
      const result = summary(wide);
      expect(Object.keys(result.values)).toEqual(Object.keys(wide).slice(0, SUMMARY_LIMITS.maxKeysPerRecord));
      expect(result.truncated).toBe(true);
    });

    it(`keep at most ${SUMMARY_LIMITS.maxNodes} values overall`, () => {
      const many = Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [
          `r${i}`,
          Object.fromEntries(Array.from({ length: 40 }, (_, j) => [`k${j}`, j])),
        ]),
      );
      const result = summary(many);
      const count = (value: unknown): number =>
        typeof value === 'object' && value !== null
          ? Object.values(value).reduce<number>((sum, v) => sum + 1 + count(v), 0)
          : 0;
      expect(count(result.values)).toBeLessThanOrEqual(SUMMARY_LIMITS.maxNodes);
      expect(result.truncated).toBe(true);
    });

    it("drop Cedar's escape keys, so arguments cannot forge entities or extension values", () => {
      const result = summary({
        __entity: { type: 'User', id: 'admin' },
        nested: { __extn: { fn: 'ip', arg: '10.0.0.1' }, ok: 1 },
        __expr: 'x',
      });
      expect(result.values).toEqual({ nested: { ok: 1 } });
      expect(result.truncated).toBe(true);
    });

    it('drop over-long keys, and keep prototype-looking keys as plain keys', () => {
      const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}') as object;
      const result = summary({ ...hostile, ['k'.repeat(200)]: 1 });
      expect(Object.keys(result.values)).toEqual(['__proto__', 'constructor']);
      expect(result.types).toEqual(
        Object.fromEntries([
          ['__proto__', 'record'],
          ['__proto__.polluted', 'boolean'],
          ['constructor', 'long'],
        ]),
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(result.truncated).toBe(true);
    });

    it('keep dotted keys, but out of the types map, where they would read as nesting', () => {
      const result = summary({ 'a.b': 1, a: { b: 2 } });
      expect(result.values).toEqual({ 'a.b': 1, a: { b: 2 } });
      expect(result.types).toEqual({ a: 'record', 'a.b': 'long' });
    });
  });

  it('keeps a non-record top-level value under "value", and makes nothing of null', () => {
    expect(summary('text').values).toEqual({ [BARE_VALUE_KEY]: 'text' });
    expect(summary([1, 2]).values).toEqual({ [BARE_VALUE_KEY]: [1, 2] });
    expect(summary(null)).toEqual({ values: {}, types: {}, truncated: false });
    expect(summary(undefined)).toEqual({ values: {}, types: {}, truncated: false });
  });
});

describe('boundedJson', () => {
  it('writes JSON, stopping at the limit', () => {
    expect(boundedJson({ a: [1, 'x', null, true], b: undefined }, 100)).toBe('{"a":[1,"x",null,true]}');
    expect(boundedJson({ a: 'x'.repeat(50) }, 10)).toBe('{"a":"xxxx');
  });

  it('survives cycles and values JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = { n: NaN, big: 5n };
    cyclic.self = cyclic;
    expect(boundedJson(cyclic, 100)).toBe('{"n":null,"big":5,"self":null}');
  });

  it('stops early on huge input', () => {
    const huge = Array.from({ length: 100_000 }, (_, i) => ({ i }));
    expect(boundedJson(huge, 1000)).toHaveLength(1000);
  });
});
