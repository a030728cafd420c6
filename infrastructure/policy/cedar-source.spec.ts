import fc from 'fast-check';
import { annotationIndex, byteOffsetToIndex, lineColumnAt, policySpans } from './cedar-source';

describe('byteOffsetToIndex', () => {
  it('maps UTF-8 byte offsets back to JavaScript string indexes', () => {
    const text = 'aé☕𝄞b';
    expect([0, 1, 3, 6, 10, 11].map((bytes) => byteOffsetToIndex(text, bytes))).toEqual([0, 1, 2, 3, 5, 6]);
    expect(byteOffsetToIndex(text, 1000)).toBe(text.length);
  });

  it('inverts UTF-8 encoding at every code point boundary', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        let index = 0;
        for (const char of text) {
          expect(byteOffsetToIndex(text, Buffer.byteLength(text.slice(0, index)))).toBe(index);
          index += char.length;
        }
      }),
    );
  });

  it('counts a lone surrogate as the 3 bytes of the U+FFFD it is sent as', () => {
    expect(byteOffsetToIndex('\uD800x', 3)).toBe(1);
  });
});

describe('lineColumnAt', () => {
  it('gives 1-based lines and columns', () => {
    const text = 'ab\ncd\n\nef';
    expect([0, 1, 3, 6, 7, 8].map((i) => lineColumnAt(text, i))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ]);
  });
});

describe('policySpans', () => {
  it('splits at the semicolons that end policies, not those in strings or comments', () => {
    const text = [
      '// a comment; with "a quote',
      '@reason("a; b \\" c;") permit (principal, action, resource)',
      '  when { context.environment == "x;y" }; // trailing; comment',
      '',
      'forbid (principal, action, resource);',
    ].join('\n');
    const spans = policySpans(text);
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual([
      '@reason("a; b \\" c;") permit (principal, action, resource)\n  when { context.environment == "x;y" };',
      'forbid (principal, action, resource);',
    ]);
  });

  it('finds no policy in whitespace and comments', () => {
    expect(policySpans('  \n// only; comments\n\t')).toEqual([]);
  });
});

describe('annotationIndex', () => {
  it('finds the annotation of the policy, not a mention in a comment or string', () => {
    const text =
      '// @decision("x")\n@reason("@decision") @decision("require_approval") permit (principal, action, resource);';
    const [span] = policySpans(text);
    expect(annotationIndex(text, span!, 'decision')).toBe(text.indexOf('@decision("require'));
    expect(annotationIndex(text, span!, 'id')).toBeNull();
    expect(annotationIndex(text, span!, 'reas')).toBeNull();
  });
});
