import fc from 'fast-check';
import {
  HclExpr,
  HclRef,
  attr,
  block,
  escapeTemplate,
  hclString,
  nested,
  renderHcl,
  renderTerraformJson,
} from './hcl';

const SIMPLE: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Decodes a native HCL quoted string the way HCL's scanner does, or returns null where
 * Terraform would reject it or read something other than a literal: a raw newline or quote
 * (unterminated string), an unknown escape, or an unescaped `${` / `%{`.
 */
function decodeHclLiteral(literal: string): string | null {
  if (literal.length < 2 || !literal.startsWith('"') || !literal.endsWith('"')) return null;
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length;) {
    const ch = body[i];
    if (ch === '\n' || ch === '\r' || ch === '"') return null;
    if (ch === '\\') {
      const next = body[i + 1];
      if (next !== undefined && SIMPLE[next] !== undefined) {
        out += SIMPLE[next];
        i += 2;
      } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        return null;
      }
      continue;
    }
    if ((ch === '$' || ch === '%') && body[i + 1] === ch && body[i + 2] === '{') {
      out += `${ch}{`;
      i += 3;
      continue;
    }
    if ((ch === '$' || ch === '%') && body[i + 1] === '{') return null;
    out += ch;
    i++;
  }
  return out;
}

/** Terraform's template reading of a JSON string value: only the doubled sigils are escapes. */
function decodeTemplate(text: string): string | null {
  let out = '';
  for (let i = 0; i < text.length;) {
    const ch = text[i];
    if ((ch === '$' || ch === '%') && text[i + 1] === ch && text[i + 2] === '{') {
      out += `${ch}{`;
      i += 3;
    } else if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      return null;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Strings made of the characters that break naive escaping, mixed with ordinary text. */
const hostile = fc.string({
  unit: fc.constantFrom(
    '$',
    '%',
    '{',
    '}',
    '\\',
    '"',
    '\n',
    '\r',
    '\t',
    'u',
    'a',
    '\u0000',
    '\u007f',
    '\u2028',
    '😀',
  ),
  maxLength: 40,
});
const anyText = fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 40 }));

describe('HCL string literals', () => {
  it('round-trip any string through the HCL literal rules', () => {
    fc.assert(
      fc.property(anyText, (text) => decodeHclLiteral(hclString(text)) === text),
      { numRuns: 2000 },
    );
  });

  it('never contain a raw line break, so a literal cannot run past its line', () => {
    fc.assert(fc.property(anyText, (text) => !/[\n\r\u2028\u2029]/.test(hclString(text))));
  });

  it('escape interpolation and directive openers by doubling the sigil', () => {
    expect(hclString('${var.secret} and %{ if x }')).toBe('"$${var.secret} and %%{ if x }"');
    expect(hclString('$$${')).toBe('"$$$${"');
    expect(decodeHclLiteral(hclString('$${'))).toBe('$${');
  });

  it('leaves a lone dollar or percent alone', () => {
    expect(hclString('costs $5 or 10%')).toBe('"costs $5 or 10%"');
  });

  it('escapes quotes, backslashes and control characters', () => {
    expect(hclString('say "hi"\\n\n\t\u0001')).toBe('"say \\"hi\\"\\\\n\\n\\t\\u0001"');
  });

  it('replaces a lone surrogate, which cannot be written as UTF-8, with U+FFFD', () => {
    expect(hclString('a\uD800b')).toBe('"a\uFFFDb"');
  });
});

describe('template escaping for JSON syntax', () => {
  it('round-trips any string through Terraform template reading', () => {
    fc.assert(
      fc.property(anyText, (text) => decodeTemplate(escapeTemplate(text)) === text),
      { numRuns: 2000 },
    );
  });
});

describe('renderHcl', () => {
  const resource = block(
    'resource',
    ['aws_instance', 'web'],
    [
      attr('provider', new HclRef('aws.west')),
      attr('ami', new HclExpr('var.web__ami')),
      attr('instance_type', 't3.micro'),
      attr('tags', { Name: 'web', 'cost-center': 'cc-1' }),
      attr('count', 2),
      nested('root_block_device', [attr('encrypted', true)]),
      nested('metadata_options', []),
    ],
  );

  it('aligns runs of single-line attributes and leaves multi-line values unaligned, as terraform fmt does', () => {
    expect(renderHcl([resource])).toBe(
      [
        'resource "aws_instance" "web" {',
        '  provider      = aws.west',
        '  ami           = var.web__ami',
        '  instance_type = "t3.micro"',
        '  tags = {',
        '    "Name"        = "web"',
        '    "cost-center" = "cc-1"',
        '  }',
        '  count = 2',
        '',
        '  root_block_device {',
        '    encrypted = true',
        '  }',
        '',
        '  metadata_options {}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('puts a comment header above the blocks', () => {
    expect(renderHcl([block('terraform', [], [])], ['Generated.'])).toBe('# Generated.\n\nterraform {}\n');
  });

  it('renders lists of scalars inline and lists of objects one element per line', () => {
    const text = renderHcl([block('x', [], [attr('a', ['p', 1, null]), attr('b', [{ k: 'v' }])])]);
    expect(text).toContain('a = ["p", 1, null]');
    expect(text).toContain('b = [\n    {\n      "k" = "v"\n    },\n  ]');
  });
});

describe('renderTerraformJson', () => {
  it('writes expressions as ${} templates and references as bare strings', () => {
    const json = JSON.parse(
      renderTerraformJson([
        block(
          'resource',
          ['aws_instance', 'web'],
          [
            attr('provider', new HclRef('aws.west')),
            attr('ami', new HclExpr('var.web__ami')),
            attr('note', '${not an interpolation}'),
          ],
        ),
      ]),
    );
    expect(json.resource.aws_instance.web).toEqual({
      provider: 'aws.west',
      ami: '${var.web__ami}',
      note: '$${not an interpolation}',
    });
  });

  it('turns repeated blocks into arrays and keeps single ones as objects', () => {
    const json = JSON.parse(
      renderTerraformJson([
        block('provider', ['aws'], [attr('region', 'a')]),
        block('provider', ['aws'], [attr('alias', 'b'), attr('region', 'b')]),
        block('provider', ['google'], []),
        block('import', [], [attr('to', new HclRef('x.y')), attr('id', '1')]),
      ]),
    );
    expect(json.provider.aws).toEqual([{ region: 'a' }, { alias: 'b', region: 'b' }]);
    expect(json.provider.google).toEqual({});
    expect(json.import).toEqual({ to: 'x.y', id: '1' });
  });

  it('escapes template sequences in object keys and keeps a __proto__ key as data', () => {
    const text = renderTerraformJson([
      block('resource', ['terraform_data', 'x'], [attr('input', JSON.parse('{"__proto__":"p","${k}":"v"}'))]),
    ]);
    expect(JSON.parse(text).resource.terraform_data.x.input).toEqual(
      JSON.parse('{"__proto__":"p","$${k}":"v"}'),
    );
  });
});
