import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** Builds a value nested `depth` levels deep without recursion. */
function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

describe('canonicalJson', () => {
  it('encodes equal values alike whatever their key order', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
    expect(canonicalJson({ a: 'x', b: [1, { c: 2, d: 1 }] })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
  });

  it('agrees with JSON.stringify on values that already have sorted keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const sorted = JSON.parse(canonicalJson(value)) as unknown;
        expect(canonicalJson(sorted)).toBe(canonicalJson(value));
        expect(JSON.parse(JSON.stringify(sorted))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('drops ignored keys and undefined members and has no depth limit', () => {
    expect(canonicalJson({ id: 1, v: undefined, w: [undefined] }, new Set(['id']))).toBe('{"w":[null]}');
    expect(canonicalJson(nested(50_000, 1)).length).toBeGreaterThan(50_000);
  });
});
