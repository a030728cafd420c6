import { parseApiKey } from '../../domain/tenancy/api-key.entity';
import { type Project } from '../../domain/tenancy/project.entity';
import { type Tenant } from '../../domain/tenancy/tenant.entity';
import { sha256 } from '../../test/support/fakes';
import { failure, unwrap } from '../../test/support/results';
import { TenancyWorld } from '../../test/support/tenancy-world';
import { type Actor, type UserActor } from '../shared/actor';
import { AuthenticateUseCase } from './authenticate.use-case';
import { type CreateApiKeyInput, CreateApiKeyUseCase } from './create-api-key.use-case';

describe('CreateApiKeyUseCase', () => {
  let w: TenancyWorld;
  let tenant: Tenant;
  let project: Project;
  let admin: UserActor;
  const create = (input: Partial<CreateApiKeyInput> = {}, actor: Actor = admin, projectId = project.id) =>
    new CreateApiKeyUseCase(
      w.projects,
      w.apiKeys,
      w.tokens,
      w.events,
      w.ids,
      w.clock,
      w.audit,
      w.uow,
    ).execute(actor, projectId, {
      name: 'ingest',
      role: 'developer',
      ...input,
    });

  beforeEach(async () => {
    w = new TenancyWorld();
    tenant = await w.givenTenant();
    project = await w.givenProject(tenant);
    admin = (await w.givenMember(tenant, 'admin')).actor;
  });

  it('returns the full key once and stores only its digest', async () => {
    const { apiKey, secret } = unwrap(await create({ name: ' ingest ' }));

    expect(parseApiKey(secret)).toEqual({ prefix: apiKey.prefix });
    const stored = w.apiKeys.get(apiKey.id);
    expect(stored).toMatchObject({
      tenantId: tenant.id,
      projectId: project.id,
      name: 'ingest',
      role: 'developer',
      createdBy: admin.userId,
      expiresAt: null,
      secretHash: sha256(secret),
    });
    const secretPart = secret.slice(`ck_${apiKey.prefix}_`.length);
    expect(JSON.stringify(w.apiKeys.all())).not.toContain(secretPart);
    expect(JSON.stringify(w.events.published)).not.toContain(secretPart);
  });

  it('issues a key that authenticates as the project', async () => {
    const { apiKey, secret } = unwrap(await create({ role: 'viewer' }));
    const authenticate = new AuthenticateUseCase(
      w.apiKeys,
      w.sessions,
      w.users,
      w.memberships,
      w.accessTokens,
      w.tokens,
      w.clock,
    );

    expect(unwrap(await authenticate.execute(secret))).toMatchObject({
      kind: 'api_key',
      apiKeyId: apiKey.id,
      projectId: project.id,
      role: 'viewer',
    });
  });

  it('expires the key after the given number of days', async () => {
    const { apiKey } = unwrap(await create({ expires_in_days: 30 }));
    expect(apiKey.expiresAt).toEqual(new Date(w.clock.now().getTime() + 30 * 86_400_000));
  });

  it('announces the key on the project topic', async () => {
    const { apiKey } = unwrap(await create());
    expect(w.events.published).toEqual([
      expect.objectContaining({
        tenantId: tenant.id,
        type: 'api_key.created',
        topics: [`project:${project.id}`],
        data: { api_key_id: apiKey.id, project_id: project.id, prefix: apiKey.prefix, name: 'ingest' },
      }),
    ]);
  });

  it('records the new key in the audit log without its secret', async () => {
    const { apiKey, secret } = unwrap(await create());
    expect(w.audit.entries).toEqual([
      expect.objectContaining({
        action: 'api_key.created',
        actor: { kind: 'user', id: admin.userId },
        target: { type: 'api_key', id: apiKey.id },
        data: { project_id: project.id, prefix: apiKey.prefix, name: 'ingest', role: apiKey.role },
      }),
    ]);
    expect(JSON.stringify(w.audit.entries)).not.toContain(secret);
  });

  it('draws a new prefix once when the first one is taken', async () => {
    const { key: existing } = await w.givenApiKey(project);
    w.tokens.willReturn(existing.prefix);

    const { apiKey } = unwrap(await create());

    expect(apiKey.prefix).not.toBe(existing.prefix);
    expect(w.apiKeys.all()).toHaveLength(2);
  });

  it('gives up with a conflict when the second prefix is taken too', async () => {
    const { key: existing } = await w.givenApiKey(project);
    w.tokens.willReturn(existing.prefix, 'S'.repeat(32), existing.prefix);

    expect(await create()).toEqual(failure('conflict'));
    expect(w.apiKeys.all()).toEqual([existing]);
    expect(w.events.published).toEqual([]);
  });

  it('answers not found for a project of another tenant', async () => {
    const globexProject = await w.givenProject(await w.givenTenant('Globex'));

    expect(await create({}, admin, globexProject.id)).toEqual(failure('not_found'));
    expect(w.apiKeys.all()).toEqual([]);
  });

  it('refuses non-admins and API keys', async () => {
    const { actor: approver } = await w.givenMember(tenant, 'approver');
    const { key } = await w.givenApiKey(project);

    expect(await create({}, approver)).toEqual(failure('forbidden', 'insufficient_role'));
    expect(await create({}, w.apiKeyActor(key))).toEqual(failure('forbidden', 'insufficient_role'));
    expect(w.apiKeys.all()).toEqual([key]);
  });

  it('refuses a blank name', async () => {
    const result = await create({ name: '  ' });
    expect(result).toEqual(failure('validation'));
    expect(!result.ok && result.error.fields[0]?.path).toBe('name');
  });
});
