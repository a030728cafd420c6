import { type Project } from '../../domain/tenancy/project.entity';
import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor, type UserActor } from '../shared/actor';
import { AuthenticateUseCase } from './authenticate.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';

describe('RevokeApiKeyUseCase', () => {
  let w: TenancyWorld;
  let tenant: Tenant;
  let project: Project;
  let admin: UserActor;
  const revoke = (keyId: string, actor: Actor = admin, projectId = project.id) =>
    new RevokeApiKeyUseCase(w.apiKeys, w.events, w.clock, w.audit, w.uow).execute(actor, projectId, keyId);

  beforeEach(async () => {
    w = new TenancyWorld();
    tenant = await w.givenTenant();
    project = await w.givenProject(tenant);
    admin = (await w.givenMember(tenant, 'admin')).actor;
  });

  it('revokes the key at once: it stops authenticating', async () => {
    const { key, secret } = await w.givenApiKey(project);
    const authenticate = new AuthenticateUseCase(
      w.apiKeys,
      w.sessions,
      w.users,
      w.memberships,
      w.accessTokens,
      w.tokens,
      w.clock,
    );

    const revoked = unwrap(await revoke(key.id));

    expect(revoked.revokedAt).toEqual(w.clock.now());
    expect(w.apiKeys.get(key.id)?.revokedAt).toEqual(w.clock.now());
    expect(await authenticate.execute(secret)).toEqual(failure('unauthorized', 'api_key_revoked'));
    expect(w.events.ofType('api_key.revoked')).toEqual([
      expect.objectContaining({
        tenantId: tenant.id,
        topics: [`project:${project.id}`],
        data: { api_key_id: key.id, project_id: project.id, prefix: key.prefix },
      }),
    ]);
  });

  it('records the revocation in the audit log once, however often it is repeated', async () => {
    const { key } = await w.givenApiKey(project);
    unwrap(await revoke(key.id));
    unwrap(await revoke(key.id));

    expect(w.audit.actions()).toEqual(['api_key.revoked']);
    expect(w.audit.entries[0]).toMatchObject({ target: { type: 'api_key', id: key.id } });
  });

  it('is idempotent: revoking again keeps the first time and announces nothing more', async () => {
    const { key } = await w.givenApiKey(project);
    const first = unwrap(await revoke(key.id));
    w.clock.advance({ minutes: 5 });

    const again = unwrap(await revoke(key.id));

    expect(again.revokedAt).toEqual(first.revokedAt);
    expect(w.apiKeys.get(key.id)?.revokedAt).toEqual(first.revokedAt);
    expect(w.events.ofType('api_key.revoked')).toHaveLength(1);
  });

  it('answers not found when the key belongs to another project', async () => {
    const { key } = await w.givenApiKey(await w.givenProject(tenant, 'other'));

    expect(await revoke(key.id)).toEqual(failure('not_found'));
    expect(w.apiKeys.get(key.id)?.revokedAt).toBeNull();
  });

  it('answers not found for a key of another tenant', async () => {
    const globexProject = await w.givenProject(await w.givenTenant('Globex'));
    const { key } = await w.givenApiKey(globexProject);

    expect(await revoke(key.id, admin, globexProject.id)).toEqual(failure('not_found'));
    expect(w.apiKeys.get(key.id)?.revokedAt).toBeNull();
  });

  it('refuses non-admins, including the key itself', async () => {
    const { key } = await w.givenApiKey(project);
    const { actor: approver } = await w.givenMember(tenant, 'approver');

    expect(await revoke(key.id, approver)).toEqual(failure('forbidden', 'insufficient_role'));
    expect(await revoke(key.id, w.apiKeyActor(key))).toEqual(failure('forbidden', 'insufficient_role'));
    expect(w.apiKeys.get(key.id)?.revokedAt).toBeNull();
  });
});
