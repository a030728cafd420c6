import fc from 'fast-check';
import { cedarString } from '../../domain/governance/policy/cedar-text';
import { byteOffsetToIndex, lineColumnAt, policySpans, readPolicyHead } from './cedar-source';
import { cedar } from './cedar-wasm';

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

describe('readPolicyHead', () => {
  const head = (text: string) => {
    const [span] = policySpans(text);
    const read = readPolicyHead(text, span!);
    return (
      read && {
        effect: read.effect,
        annotations: Object.fromEntries([...read.annotations].map(([k, v]) => [k, v.value])),
      }
    );
  };

  it('reads annotations, bare ones included, and the effect, across comments and whitespace', () => {
    const text =
      '// @decision("x")\n@id("a") @reason ( // why\n "it\\u{27}s \\"b\\"" ) @audit\nforbid (principal, action, resource);';
    expect(head(text)).toEqual({
      effect: 'forbid',
      annotations: { id: 'a', reason: 'it\'s "b"', audit: null },
    });
    expect(readPolicyHead(text, policySpans(text)[0]!)!.annotations.get('reason')!.index).toBe(
      text.indexOf('@reason'),
    );
  });

  it('unescapes as Cedar does', () => {
    expect(
      head('@r("\\n\\r\\t\\\\\\0\\\'\\x41\\x7f\\u{1F600}") permit (principal, action, resource);')
        ?.annotations.r,
    ).toBe("\n\r\t\\\0'A\x7f😀");
  });

  it('rejects what Cedar rejects: bad escapes, repeated annotations, no effect', () => {
    for (const text of [
      '@r("\\x80") permit (principal, action, resource);',
      '@r("\\u{D800}") permit (principal, action, resource);',
      '@r("\\*") permit (principal, action, resource);',
      '@r("a") @r("b") permit (principal, action, resource);',
      '@r("a" permit (principal, action, resource);',
      'allow (principal, action, resource);',
    ]) {
      expect(head(text)).toBeNull();
    }
  });

  it("agrees with Cedar's own reading of any annotation", () => {
    const value = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((v) => ({ literal: cedarString(v), value: v })),
      fc
        .integer({ min: 0, max: 0x7f })
        .map((c) => ({ literal: `"\\x${c.toString(16).padStart(2, '0')}"`, value: String.fromCharCode(c) })),
      fc
        .integer({ min: 0, max: 0x10ffff })
        .filter((c) => c < 0xd800 || c > 0xdfff)
        .map((c) => ({ literal: `"\\u{${c.toString(16)}}"`, value: String.fromCodePoint(c) })),
    );
    const name = fc.constantFrom('id', 'reason', 'decision', 'if', '_x', 'A1');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, fc.option(value)), { selector: ([n]) => n, maxLength: 4 }),
        fc.constantFrom('permit', 'forbid'),
        (annotations, effect) => {
          const text = `${annotations.map(([n, v]) => `@${n}${v ? `(${v.literal})` : ''}`).join('\n')} ${effect} (principal, action, resource);`;
          const cedarReading = cedar.policyToJson(text);
          expect(cedarReading.type).toBe('success');
          if (cedarReading.type !== 'success') return;
          expect(head(text)).toEqual({
            effect: cedarReading.json.effect,
            annotations: cedarReading.json.annotations ?? {},
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
