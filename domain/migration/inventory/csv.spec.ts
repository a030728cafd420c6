import { parseCsv } from './csv';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, keeping start lines', () => {
    const records = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\nlast,1,2\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 4, fields: ['last', '1', '2'] },
    ]);
  });

  it('skips blank lines but counts them, and strips a byte-order mark', () => {
    const records = parseCsv('\uFEFFh1,h2\n\n1,2\n');
    expect(records).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('reports text after a closing quote on its record and reads on', () => {
    const records = parseCsv('h\n"ab"cd,1\nok,2');
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringContaining('after a closing quote') });
    expect(records[2]).toEqual({ line: 3, fields: ['ok', '2'] });
  });

  it('reports an unclosed quote', () => {
    expect(parseCsv('h\n"never closed\n')[1]?.error).toMatch(/not closed/);
  });

  it('keeps empty fields', () => {
    expect(parseCsv('a,,c')[0]?.fields).toEqual(['a', '', 'c']);
  });
});
