import fc from 'fast-check';
import { IdentifierPool, sanitizeIdentifier } from './identifiers';

describe('sanitizeIdentifier', () => {
  it.each([
    ['Web Server', 'web_server'],
    ['api-1.prod', 'api_1_prod'],
    ['__weird--name__', 'weird_name'],
    ['Ünïcode ✓ box', 'n_code_box'],
    ['', 'resource'],
    ['---', 'resource'],
    ['42-workers', 'resource_42_workers'],
  ])('turns %j into %j', (raw, expected) => {
    expect(sanitizeIdentifier(raw)).toBe(expected);
  });

  it('uses the given prefix for names that would start with a digit', () => {
    expect(sanitizeIdentifier('1a', 'host')).toBe('host_1a');
  });

  it('always yields a valid identifier without double underscores', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (raw) => {
        const name = sanitizeIdentifier(raw);
        return /^[a-z_][a-z0-9_]*$/.test(name) && !name.includes('__') && name.length <= 64;
      }),
    );
  });
});

describe('IdentifierPool', () => {
  it('suffixes repeated names in order', () => {
    const pool = new IdentifierPool();
    expect(['web', 'web', 'web', 'db'].map((n) => pool.take(n))).toEqual(['web', 'web_2', 'web_3', 'db']);
  });

  it('skips a suffix that an earlier name already holds', () => {
    const pool = new IdentifierPool();
    expect(['web_2', 'web', 'web'].map((n) => pool.take(n))).toEqual(['web_2', 'web', 'web_3']);
  });

  it('never hands out the same name twice', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'a_2', 'a_3', 'b', 'b_2'), { maxLength: 50 }), (names) => {
        const pool = new IdentifierPool();
        const taken = names.map((n) => pool.take(n));
        return new Set(taken).size === taken.length;
      }),
    );
  });
});
