import { cedarAttribute, cedarLikePattern, cedarString, decimalText, wellFormed } from './cedar-text';

describe('cedarString', () => {
  it('quotes and escapes what Cedar string literals need escaped', () => {
    expect(cedarString('plain')).toBe('"plain"');
    expect(cedarString('say "hi" \\ now')).toBe('"say \\"hi\\" \\\\ now"');
    expect(cedarString('a\nb\tc\rd\u0000e\u007f')).toBe('"a\\nb\\tc\\rd\\u{0}e\\u{7f}"');
    expect(cedarString('star * stays')).toBe('"star * stays"');
    expect(cedarString('é ☕ 𝄞')).toBe('"é ☕ 𝄞"');
  });

  it('replaces lone surrogates', () => {
    expect(cedarString('a\uD800')).toBe('"a\uFFFD"');
  });
});

describe('cedarLikePattern', () => {
  it('writes wildcards bare and literal stars escaped', () => {
    expect(cedarLikePattern(['wildcard', { literal: 'a*b"c' }, 'wildcard'])).toBe('"*a\\*b\\"c*"');
    expect(cedarLikePattern([{ literal: 'back\\slash' }])).toBe('"back\\\\slash"');
  });
});

describe('cedarAttribute', () => {
  it('uses dot access for identifiers and brackets for anything else, reserved words included', () => {
    expect(['amount', '_x1', 'if', 'has', 'a-b', '1st', 'é', '', 'say "x"'].map(cedarAttribute)).toEqual([
      '.amount',
      '._x1',
      '["if"]',
      '["has"]',
      '["a-b"]',
      '["1st"]',
      '["é"]',
      '[""]',
      '["say \\"x\\""]',
    ]);
  });
});

describe('decimalText', () => {
  it('writes at most 4 fractional digits and at least one', () => {
    expect([100, 100.5, 1.23456, -0.00001, -2.25, 0.1 + 0.2].map(decimalText)).toEqual([
      '100.0',
      '100.5',
      '1.2346',
      '0.0',
      '-2.25',
      '0.3',
    ]);
  });
});

describe('wellFormed', () => {
  it('keeps pairs and replaces only lone surrogates', () => {
    expect(wellFormed('𝄞')).toBe('𝄞');
    expect(wellFormed('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
    expect(wellFormed('x\uD834')).toBe('x\uFFFD');
  });
});
