import fc from 'fast-check';
import { requireText } from './text';

describe('requireText', () => {
  it('trims the value it accepts', () => {
    expect(requireText('name', '  Acme  ', 120)).toEqual({ ok: true, value: 'Acme' });
  });

  it.each([
    ['empty', ''],
    ['blank', '   \t '],
    ['one over the maximum', 'x'.repeat(121)],
  ])('rejects an %s value with a validation error on the field path', (_label, value) => {
    const result = requireText('name', value, 120);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.fields).toEqual([
      { path: 'name', message: 'name must be between 1 and 120 characters' },
    ]);
  });

  it('accepts exactly the maximum length after trimming', () => {
    expect(requireText('name', ` ${'x'.repeat(120)} `, 120)).toEqual({ ok: true, value: 'x'.repeat(120) });
  });

  it('honours a custom minimum', () => {
    expect(requireText('code', 'ab', 10, 3).ok).toBe(false);
    expect(requireText('code', 'abc', 10, 3).ok).toBe(true);
  });

  it('accepts a value exactly when its trimmed length is within bounds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (value, max) => {
        const trimmed = value.trim();
        const result = requireText('field', value, max);
        expect(result.ok).toBe(trimmed.length >= 1 && trimmed.length <= max);
        if (result.ok) expect(result.value).toBe(trimmed);
      }),
    );
  });
});
