import fc from 'fast-check';
import { unwrap } from '../../../test/support/results';
import { canonicalPath, formatDiffPath, parseConcretePath, parseDiffPath, segmentMatches } from './diff-path';

describe('parseDiffPath', () => {
  it('reads dotted keys, indexes, quoted keys and both spellings of the wildcard', () => {
    expect(unwrap(parseDiffPath('input.messages[*].id'))).toEqual([
      { kind: 'key', key: 'input' },
      { kind: 'key', key: 'messages' },
      { kind: 'any' },
      { kind: 'key', key: 'id' },
    ]);
    expect(unwrap(parseDiffPath('output.choices[12]["x y"].*'))).toEqual([
      { kind: 'key', key: 'output' },
      { kind: 'key', key: 'choices' },
      { kind: 'index', index: 12 },
      { kind: 'key', key: 'x y' },
      { kind: 'any' },
    ]);
  });

  it('accepts a quoted key in first position and escapes inside quotes', () => {
    expect(unwrap(parseDiffPath('["a.b"]["q\\"uote"]'))).toEqual([
      { kind: 'key', key: 'a.b' },
      { kind: 'key', key: 'q"uote' },
    ]);
  });

  it.each(
    [
      ['', 'empty path'],
      ['a..b', 'empty segment at character 3'],
      ['.a', 'empty segment at character 1'],
      ['a.', 'empty segment at character 3'],
      ['a[', 'expected an index, "*" or a quoted key at character 3, found the end of the path'],
      ['a[x]', 'expected an index, "*" or a quoted key at character 3, found "x"'],
      ['a[01]', 'index with a leading zero at character 3'],
      ['a[1', 'expected "]" at character 4, found the end of the path'],
      ['a[*', 'expected "]" at character 4, found the end of the path'],
      ['a["x', 'unterminated string starting at character 3'],
      ['a["\\q"]', 'invalid string escape in the key starting at character 3'],
      ['a*', 'a wildcard must be a whole segment at character 1'],
      ['a.b*c', 'a wildcard must be a whole segment at character 3'],
      ['a b', 'unexpected " " at character 2'],
      ['a]', 'unexpected "]" at character 2'],
      ['a[99999999999999999]', 'index too large at character 3'],
      ['x'.repeat(501), 'path longer than 500 characters'],
    ].map(([path, reason]) => [
      path.length > 40 ? `a ${path.length}-character path` : JSON.stringify(path),
      path,
      reason,
    ]),
  )('rejects %s, saying what is wrong and where', (_label, path, reason) => {
    const result = parseDiffPath(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'validation', reason: 'malformed_diff_path' });
    expect(result.error.message).toContain(reason);
  });
});

describe('formatDiffPath', () => {
  it('prints identifier keys dotted, indexes in brackets and other keys quoted, as redaction marks do', () => {
    expect(formatDiffPath(['input', 'messages', 0, 'content'])).toBe('input.messages[0].content');
    expect(formatDiffPath(['headers', 'x-request-id', 'a b', '', '*', '0', '$ok', 7])).toBe(
      'headers["x-request-id"]["a b"][""]["*"]["0"].$ok[7]',
    );
    expect(formatDiffPath([])).toBe('');
  });

  it('prints every path so that parsing it gives back the same segments', () => {
    const segment = fc.oneof(fc.string(), fc.nat());
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const text = formatDiffPath(segments);
        fc.pre(text.length <= 500);
        expect(parseConcretePath(text)).toEqual(segments);
      }),
    );
  });
});

describe('canonicalPath', () => {
  it('spells one place one way, so marks written either way find the value', () => {
    expect(canonicalPath('input["messages"][0].content')).toBe('input.messages[0].content');
    expect(canonicalPath('input.messages[0].content')).toBe('input.messages[0].content');
    expect(canonicalPath('headers.x-api-key')).toBe('headers["x-api-key"]');
  });

  it('has no canonical form for wildcards or malformed paths', () => {
    expect(canonicalPath('input[*]')).toBeNull();
    expect(canonicalPath('input..x')).toBeNull();
  });
});

describe('segmentMatches', () => {
  it('lets the wildcard match any key or index and a key match only itself', () => {
    expect(segmentMatches({ kind: 'any' }, 'x')).toBe(true);
    expect(segmentMatches({ kind: 'any' }, 3)).toBe(true);
    expect(segmentMatches({ kind: 'key', key: 'x' }, 'x')).toBe(true);
    expect(segmentMatches({ kind: 'key', key: 'x' }, 'y')).toBe(false);
  });

  it('keeps object key "0" and array index 0 apart', () => {
    expect(segmentMatches({ kind: 'key', key: '0' }, 0)).toBe(false);
    expect(segmentMatches({ kind: 'index', index: 0 }, '0')).toBe(false);
    expect(segmentMatches({ kind: 'index', index: 0 }, 0)).toBe(true);
  });
});
