import { API_KEY_ROLES, ROLES, type Role, isRole, roleAtLeast } from './role';

const ORDER: readonly Role[] = ['viewer', 'developer', 'approver', 'admin'];

describe('roles', () => {
  it('are ordered viewer < developer < approver < admin', () => {
    expect(ROLES).toEqual(ORDER);
  });

  const pairs = ORDER.flatMap((role, i) => ORDER.map((minimum, j) => [role, minimum, i >= j] as const));
  it.each(pairs)('%s satisfies a minimum of %s: %s', (role, minimum, expected) => {
    expect(roleAtLeast(role, minimum)).toBe(expected);
  });

  it('lets API keys hold only the viewer and developer roles', () => {
    expect([...API_KEY_ROLES]).toEqual(['viewer', 'developer']);
  });

  it.each([...ORDER])('recognises %s as a role', (role) => {
    expect(isRole(role)).toBe(true);
  });

  it.each(['Admin', 'owner', '', null, undefined, 3])('does not recognise %j as a role', (value) => {
    expect(isRole(value)).toBe(false);
  });
});
