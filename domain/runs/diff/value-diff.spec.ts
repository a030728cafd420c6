import fc from 'fast-check';
import { unwrap } from '../../../test/support/results';
import { canonicalJson } from './canonical-json';
import { type DiffProfile } from './diff-input';
import { compileDiffProfile } from './diff-profile';
import { type IgnoreRules, MAX_DEPTH, TOO_DEEP, diffValues, normaliseValue } from './value-diff';

const NO_RULES: IgnoreRules = { ignorePaths: [], ignoreKeys: new Set() };
const rules = (profile: Partial<DiffProfile>): IgnoreRules =>
  unwrap(compileDiffProfile({ name: 't', ignore_paths: [], ignore_keys: [], ...profile }));

/** Builds a value nested `depth` levels deep without recursion. */
function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

describe('diffValues', () => {
  it('finds no difference between equal values whose keys come in another order', () => {
    const a = { x: 1, y: { p: [1, { q: 2, r: 3 }], s: null } };
    const b = { y: { s: null, p: [1, { r: 3, q: 2 }] }, x: 1 };
    expect(diffValues(a, b, NO_RULES)).toEqual([]);
  });

  it('reports each changed leaf with its path, keys walked in sorted order', () => {
    const a = { z: 1, a: { m: 'x', b: true }, list: [1, 2] };
    const b = { z: 2, a: { m: 'y', b: true }, list: [1, 3] };
    expect(diffValues(a, b, NO_RULES)).toEqual([
      { path: 'a.m', change: 'changed', a: 'x', b: 'y' },
      { path: 'list[1]', change: 'changed', a: 2, b: 3 },
      { path: 'z', change: 'changed', a: 1, b: 2 },
    ]);
  });

  it('reports keys and array elements present on one side only as added or removed, with no value for the missing side', () => {
    const changes = diffValues({ gone: 1, list: [1, 2, 3] }, { fresh: { b: 1, a: 2 }, list: [1] }, NO_RULES);
    expect(changes).toEqual([
      { path: 'fresh', change: 'added', b: { a: 2, b: 1 } },
      { path: 'gone', change: 'removed', a: 1 },
      { path: 'list[1]', change: 'removed', a: 2 },
      { path: 'list[2]', change: 'removed', a: 3 },
    ]);
    expect(Object.keys(changes[0] as object)).toEqual(['path', 'change', 'b']);
  });

  it('reports a change of type at the node, with both whole values normalised', () => {
    expect(diffValues({ v: { b: 1, a: 2 } }, { v: [1] }, NO_RULES)).toEqual([
      { path: 'v', change: 'changed', a: { a: 2, b: 1 }, b: [1] },
    ]);
    expect(diffValues({ v: null }, { v: {} }, NO_RULES)).toEqual([
      { path: 'v', change: 'changed', a: null, b: {} },
    ]);
    expect(diffValues({ v: 1 }, { v: '1' }, NO_RULES)).toEqual([
      { path: 'v', change: 'changed', a: 1, b: '1' },
    ]);
  });

  it('treats an undefined member as absent, like JSON does, but null as a value', () => {
    expect(diffValues({ a: 1, b: undefined }, { a: 1 }, NO_RULES)).toEqual([]);
    expect(diffValues({ a: 1, b: null }, { a: 1 }, NO_RULES)).toEqual([
      { path: 'b', change: 'removed', a: null },
    ]);
  });

  it('ignores keys named in the profile at any depth, and drops them from the values it shows', () => {
    const ignore = rules({ ignore_keys: ['nonce'] });
    const a = { nonce: 1, deep: [{ nonce: 2, v: 1 }], shown: { nonce: 3, k: 1 } };
    const b = { nonce: 9, deep: [{ nonce: 8, v: 1 }] };
    expect(diffValues(a, b, ignore)).toEqual([{ path: 'shown', change: 'removed', a: { k: 1 } }]);
  });

  it('ignores the default id and clock keys inside payloads', () => {
    const defaults = rules({});
    const a = { messages: [{ id: 'm1', created_at: 1, trace_id: 't', content: 'hi' }], request_id: 'r1' };
    const b = { messages: [{ id: 'm2', created_at: 2, trace_id: 'u', content: 'hi' }], request_id: 'r2' };
    expect(diffValues(a, b, defaults)).toEqual([]);
  });

  it('ignores paths with wildcards over array indexes and object keys, and nothing beside them', () => {
    const ignore = rules({ ignore_paths: ['input.messages[*].meta', 'output.*.seed'] });
    const a = {
      input: { messages: [{ meta: 1, text: 'a' }], meta: 1 },
      output: { x: { seed: 1 }, y: { seed: 2, v: 1 } },
    };
    const b = {
      input: { messages: [{ meta: 2, text: 'a' }], meta: 2 },
      output: { x: { seed: 3 }, y: { seed: 4, v: 2 } },
    };
    expect(diffValues(a, b, ignore)).toEqual([
      { path: 'input.meta', change: 'changed', a: 1, b: 2 },
      { path: 'output.y.v', change: 'changed', a: 1, b: 2 },
    ]);
  });

  it('ignores a whole subtree when the path names it', () => {
    expect(
      diffValues(
        { output: { usage: { t: 1 } } },
        { output: { usage: { t: 2, u: 1 } } },
        rules({ ignore_paths: ['output.usage'] }),
      ),
    ).toEqual([]);
  });

  it('shows an ignored array element as null inside a value it shows whole, so indexes keep their meaning', () => {
    const ignore = rules({ ignore_paths: ['list[0]'] });
    expect(diffValues({}, { list: ['noise', 'kept'] }, ignore)).toEqual([
      { path: 'list', change: 'added', b: [null, 'kept'] },
    ]);
  });

  it('keeps a key called __proto__ as data', () => {
    const a = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    const b = JSON.parse('{"__proto__": {"x": 2}}') as unknown;
    expect(diffValues(a, b, NO_RULES)).toEqual([{ path: '__proto__.x', change: 'changed', a: 1, b: 2 }]);
    const [change] = diffValues({}, a, NO_RULES);
    expect(JSON.stringify(change)).toBe('{"path":"__proto__","change":"added","b":{"x":1}}');
  });

  it('does not mistake inherited members for keys the other side lacks', () => {
    expect(diffValues({}, { toString: 'x', constructor: 1 }, NO_RULES)).toEqual([
      { path: 'constructor', change: 'added', b: 1 },
      { path: 'toString', change: 'added', b: 'x' },
    ]);
  });

  it('compares values nested deeper than the limit whole, without exhausting the stack', () => {
    expect(diffValues(nested(20_000, 'same'), nested(20_000, 'same'), NO_RULES)).toEqual([]);
    const changes = diffValues(nested(20_000, 'left'), nested(20_000, 'right'), NO_RULES);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ change: 'changed', a: TOO_DEEP, b: TOO_DEEP });
    expect(changes[0]?.path.split('[0]').length).toBeGreaterThan(MAX_DEPTH / 2);
  });

  it('finds nothing between any JSON value and itself', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(diffValues(value, value, NO_RULES)).toEqual([])));
  });

  it('finds a difference exactly when the canonical encodings differ', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(diffValues(a, b, NO_RULES).length === 0).toBe(canonicalJson(a) === canonicalJson(b));
      }),
    );
  });

  it('finds a difference exactly when the values differ after the ignored keys and paths are dropped', () => {
    // Few key names, so ignored keys and paths come up often.
    const { value } = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(0, 1, 's', null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'x'), tie('value'), { maxKeys: 3 }),
      ),
    }));
    const ignore = rules({ ignore_keys: ['x'], ignore_paths: ['a.b', 'c'] });
    fc.assert(
      fc.property(value, value, (a, b) => {
        const same = canonicalJson(normaliseValue(a, ignore)) === canonicalJson(normaliseValue(b, ignore));
        expect(diffValues(a, b, ignore).length === 0).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  it('mirrors its answer when the sides are swapped', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(value, value, (a, b) => {
        const swapped = diffValues(b, a, NO_RULES).map((c) =>
          c.change === 'added'
            ? { path: c.path, change: 'removed', a: c.b }
            : c.change === 'removed'
              ? { path: c.path, change: 'added', b: c.a }
              : c.change === 'changed'
                ? { path: c.path, change: 'changed', a: c.b, b: c.a }
                : c,
        );
        expect(swapped).toEqual(diffValues(a, b, NO_RULES));
      }),
    );
  });
});

describe('diffValues on redacted values', () => {
  const mark = (path: string, hash: string, type = 'email') => ({ path, type, hash });
  const doc = { input: { messages: [{ content: 'mail [REDACTED:email] now' }] } };
  const at = 'input.messages[0].content';

  it('reports a placeholder whose hidden value changed, with its type and no values', () => {
    const changes = diffValues(doc, structuredClone(doc), NO_RULES, {
      a: [mark(at, 'h1')],
      b: [mark(at, 'h2')],
    });
    expect(changes).toEqual([{ path: at, change: 'changed (redacted)', type: 'email' }]);
    expect(Object.keys(changes[0] as object)).toEqual(['path', 'change', 'type']);
  });

  it('reports nothing when the hidden values hash the same', () => {
    expect(
      diffValues(doc, structuredClone(doc), NO_RULES, { a: [mark(at, 'h1')], b: [mark(at, 'h1')] }),
    ).toEqual([]);
  });

  it('checks every mark on a shared path in order of occurrence', () => {
    const a = [mark(at, 'h1'), mark(at, 'p1', 'phone'), mark(at, 'k1', 'key')];
    const b = [mark(at, 'h1'), mark(at, 'p2', 'phone'), mark(at, 'k2', 'key')];
    expect(diffValues(doc, structuredClone(doc), NO_RULES, { a, b })).toEqual([
      { path: at, change: 'changed (redacted)', type: 'phone' },
      { path: at, change: 'changed (redacted)', type: 'key' },
    ]);
  });

  it('counts a mark only one side has as a change, since equality cannot be shown', () => {
    expect(diffValues(doc, structuredClone(doc), NO_RULES, { a: [], b: [mark(at, 'h1')] })).toEqual([
      { path: at, change: 'changed (redacted)', type: 'email' },
    ]);
  });

  it('finds marks whose path is spelled another way', () => {
    const spelled = 'input["messages"][0]["content"]';
    expect(
      diffValues(doc, structuredClone(doc), NO_RULES, { a: [mark(spelled, 'h1')], b: [mark(at, 'h2')] }),
    ).toHaveLength(1);
  });

  it('leaves placeholder-like text without marks on either side alone', () => {
    expect(diffValues(doc, structuredClone(doc), NO_RULES)).toEqual([]);
  });

  it('shows differing placeholder text as an ordinary change', () => {
    const other = { input: { messages: [{ content: 'mail [REDACTED:phone] now' }] } };
    expect(diffValues(doc, other, NO_RULES, { a: [mark(at, 'h1')], b: [mark(at, 'h1', 'phone')] })).toEqual([
      { path: at, change: 'changed', a: 'mail [REDACTED:email] now', b: 'mail [REDACTED:phone] now' },
    ]);
  });

  it('still looks inside one payload object shared by both sides when their marks differ', () => {
    expect(diffValues(doc, doc, NO_RULES, { a: [mark(at, 'h1')], b: [mark(at, 'h2')] })).toHaveLength(1);
  });

  it('checks a placeholder inside an object key against the marks that target keys', () => {
    const keyed = { metadata: { 'owner [REDACTED:email]': 'x' } };
    const path = 'metadata["owner [REDACTED:email]"]';
    const keyMark = (hash: string) => ({ path, type: 'email', hash, target: 'key' as const });
    expect(
      diffValues(keyed, structuredClone(keyed), NO_RULES, { a: [keyMark('h1')], b: [keyMark('h2')] }),
    ).toEqual([{ path, change: 'changed (redacted)', type: 'email' }]);
    expect(
      diffValues(keyed, structuredClone(keyed), NO_RULES, { a: [keyMark('h1')], b: [keyMark('h1')] }),
    ).toEqual([]);
  });

  it('keeps marks on a key apart from marks on the value at the same path', () => {
    const both = { m: { 'k [REDACTED:email]': 'v [REDACTED:phone]' } };
    const path = 'm["k [REDACTED:email]"]';
    const marks = (keyHash: string, valueHash: string) => [
      { path, type: 'email', hash: keyHash, target: 'key' as const },
      { path, type: 'phone', hash: valueHash },
    ];
    expect(
      diffValues(both, structuredClone(both), NO_RULES, { a: marks('k1', 'v1'), b: marks('k1', 'v2') }),
    ).toEqual([{ path, change: 'changed (redacted)', type: 'phone' }]);
    expect(
      diffValues(both, structuredClone(both), NO_RULES, { a: marks('k1', 'v1'), b: marks('k2', 'v1') }),
    ).toEqual([{ path, change: 'changed (redacted)', type: 'email' }]);
  });

  it('does not look at a redacted value whose path the profile ignores', () => {
    const ignore = rules({ ignore_paths: ['input.messages'] });
    expect(
      diffValues(doc, structuredClone(doc), ignore, { a: [mark(at, 'h1')], b: [mark(at, 'h2')] }),
    ).toEqual([]);
  });
});

describe('normaliseValue', () => {
  it('sorts keys and drops what the rules ignore', () => {
    const value = { b: 1, a: { id: 'x', z: [{ id: 1, y: 2 }] }, output: { usage: 1, text: 't' } };
    const normalised = normaliseValue(value, rules({ ignore_paths: ['output.usage'] }));
    expect(JSON.stringify(normalised)).toBe('{"a":{"z":[{"y":2}]},"b":1,"output":{"text":"t"}}');
  });
});
