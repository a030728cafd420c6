import { asTenantId } from '../../domain/shared/tenant-id';
import { API_KEY_ROLES, ROLES, roleAtLeast } from '../../domain/tenancy/role';
import { type Actor, type ApiKeyActor, type TenantActor, type UserActor } from './actor';
import { type Access, authorizeOperator, authorizeTenant, canSeeProject, checkAccess } from './authorize';

const tenantId = asTenantId('00000000-0000-7000-8000-0000000000a1');

const member = (role: UserActor['role'], overrides: Partial<UserActor> = {}): UserActor => ({
  kind: 'user',
  userId: 'u-1',
  email: 'alice@example.test',
  sessionId: 's-1',
  tenantId,
  role,
  isOperator: false,
  ...overrides,
});
const operator = member(null, { tenantId: null, isOperator: true });
const apiKey = (role: ApiKeyActor['role'], projectId = 'p-1'): ApiKeyActor => ({
  kind: 'api_key',
  apiKeyId: 'k-1',
  tenantId,
  projectId,
  role,
});

const expectError = (result: { ok: boolean }, code: string, reason?: string): void => {
  expect(result).toEqual({ ok: false, error: expect.objectContaining({ code, reason }) });
};

describe('authorizeTenant', () => {
  const userCases = ROLES.flatMap((role) => ROLES.map((minimum) => [role, minimum] as const));
  it.each(userCases)(
    'lets a %s member act where %s is required exactly when the role suffices',
    (role, minimum) => {
      const actor = member(role);
      const result = authorizeTenant(actor, minimum);
      if (roleAtLeast(role, minimum)) expect(result).toEqual({ ok: true, value: actor });
      else expectError(result, 'forbidden', 'insufficient_role');
    },
  );

  const keyCases = API_KEY_ROLES.flatMap((role) => ROLES.map((minimum) => [role, minimum] as const));
  it.each(keyCases)(
    'lets a %s API key act where %s is required exactly when the role suffices',
    (role, minimum) => {
      const actor = apiKey(role);
      const result = authorizeTenant(actor, minimum);
      if (roleAtLeast(role, minimum)) expect(result).toEqual({ ok: true, value: actor });
      else expectError(result, 'forbidden', 'insufficient_role');
    },
  );

  it.each(ROLES)('never lets an API key act where %s is required above developer', (minimum) => {
    const allowed = API_KEY_ROLES.some((role) => authorizeTenant(apiKey(role), minimum).ok);
    expect(allowed).toBe(minimum === 'viewer' || minimum === 'developer');
  });

  it.each(ROLES)('requires authentication when there is no actor (minimum %s)', (minimum) => {
    expectError(authorizeTenant(null, minimum), 'unauthorized');
  });

  it('refuses a user whose session acts in no tenant, operator or not', () => {
    expectError(authorizeTenant(member(null, { tenantId: null }), 'viewer'), 'forbidden', 'no_tenant');
    expectError(authorizeTenant(operator, 'viewer'), 'forbidden', 'no_tenant');
  });

  it('refuses a user that names a tenant but holds no role in it', () => {
    expectError(authorizeTenant(member(null), 'viewer'), 'forbidden', 'no_tenant');
  });

  it('gives the operator no tenant role of its own: an operator member is judged by its membership', () => {
    const operatorViewer = member('viewer', { isOperator: true });
    expectError(authorizeTenant(operatorViewer, 'admin'), 'forbidden', 'insufficient_role');
  });
});

describe('authorizeOperator', () => {
  it('accepts the operator', () => {
    expect(authorizeOperator(operator)).toEqual({ ok: true, value: operator });
  });

  it('requires authentication when there is no actor', () => {
    expectError(authorizeOperator(null), 'unauthorized');
  });

  it.each([
    ['a tenant admin', member('admin')],
    ['an API key', apiKey('developer')],
  ])('refuses %s', (_label, actor) => {
    expectError(authorizeOperator(actor), 'forbidden', 'operator_only');
  });
});

describe('canSeeProject', () => {
  it('lets API keys see only their own project', () => {
    expect(canSeeProject(apiKey('viewer', 'p-1'), 'p-1')).toBe(true);
    expect(canSeeProject(apiKey('viewer', 'p-1'), 'p-2')).toBe(false);
  });

  it('lets members see every project of their tenant', () => {
    expect(canSeeProject(member('viewer') as TenantActor, 'p-2')).toBe(true);
  });
});

describe('checkAccess', () => {
  const actors: readonly [string, Actor | null][] = [
    ['no actor', null],
    ['an operator without a tenant', operator],
    ['a viewer', member('viewer')],
    ['an admin', member('admin')],
    ['a developer API key', apiKey('developer')],
  ];

  it.each(actors)('lets %s through public and optional operations', (_label, actor) => {
    expect(checkAccess('public', actor)).toEqual({ ok: true, value: actor });
    expect(checkAccess('optional', actor)).toEqual({ ok: true, value: actor });
  });

  it.each(actors)('requires some credential for authenticated operations (%s)', (_label, actor) => {
    const result = checkAccess('authenticated', actor);
    if (actor) expect(result).toEqual({ ok: true, value: actor });
    else expectError(result, 'unauthorized');
  });

  it.each(actors)('agrees with authorizeOperator on operator operations (%s)', (_label, actor) => {
    expect(checkAccess('operator', actor)).toEqual(authorizeOperator(actor));
  });

  const roleCases = actors.flatMap(([label, actor]) => ROLES.map((role) => [label, role, actor] as const));
  it.each(roleCases)('agrees with authorizeTenant for %s on %s operations', (_label, role, actor) => {
    expect(checkAccess(role as Access, actor)).toEqual(authorizeTenant(actor, role));
  });
});
