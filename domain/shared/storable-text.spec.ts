import fc from 'fast-check';
import { storable, storableText } from './storable-text';

describe('storable text', () => {
  it('replaces NUL characters and lone surrogates, keeping paired ones', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('half \uD83D of an emoji')).toBe('half \uFFFD of an emoji');
    expect(storableText('low \uDE00 alone')).toBe('low \uFFFD alone');
    expect(storableText('whole 😀 emoji')).toBe('whole 😀 emoji');
  });

  it('cleans strings and keys at any depth and leaves clean values untouched (same object)', () => {
    const clean = { a: [{ b: 'text' }], n: 1, t: true, z: null };
    expect(storable(clean)).toBe(clean);
    expect(storable({ 'k\u0000': ['x\uD800'] })).toEqual({ 'k\uFFFD': ['x\uFFFD'] });
    const mixed = { keep: { deep: ['fine'] }, fix: { deep: ['bad\u0000'] } };
    const out = storable(mixed);
    expect(out).toEqual({ keep: { deep: ['fine'] }, fix: { deep: ['bad\uFFFD'] } });
    expect(out.keep).toBe(mixed.keep);
    expect(mixed.fix.deep[0]).toBe('bad\u0000');
  });

  it('keeps a parsed "__proto__" key as data while repairing', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "x\\u0000"}}') as Record<string, unknown>;
    const out = storable(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('always produces text PostgreSQL accepts (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = storableText(text);
        encodeURIComponent(out); // an independent oracle: throws on a lone surrogate
        return !out.includes('\u0000');
      }),
    );
  });
});
