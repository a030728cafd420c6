import { DomainError } from '../../../domain/shared/domain-error';
import { err, ok } from '../../../domain/shared/result';
import { Invite } from '../../../domain/tenancy/invite.entity';
import { RefreshToken, Session } from '../../../domain/tenancy/session.entity';
import { aMembership, aProject, aTenant, aUser, anApiKey } from '../builders';
import { TenancyWorld } from '../tenancy-world';
import { FakeIdGenerator } from './id-generator.fake';
import { FakeSecretTokens } from './secret-tokens.fake';

/** The fakes stand in for the real adapters, so they must keep the contracts written on the ports. */
describe('tenancy fakes', () => {
  let w: TenancyWorld;

  beforeEach(() => {
    w = new TenancyWorld();
  });

  it('refuse a second user with the same email in another case, writing nothing', async () => {
    expect(await w.users.create(aUser({ email: 'alice@acme.test' }))).toBe(true);
    expect(await w.users.create(aUser({ email: 'ALICE@acme.test' }))).toBe(false);
    expect(w.users.all()).toHaveLength(1);
  });

  it('refuse a duplicate project name inside a tenant only, case-insensitively', async () => {
    const acme = aTenant();
    const globex = aTenant();
    expect(await w.projects.create(aProject(acme.id, { name: 'Checkout' }))).toBe(true);
    expect(await w.projects.create(aProject(acme.id, { name: 'CHECKOUT' }))).toBe(false);
    expect(await w.projects.create(aProject(globex.id, { name: 'checkout' }))).toBe(true);
    const other = aProject(acme.id, { name: 'other' });
    await w.projects.create(other);
    const renamed = other.update({ name: 'checkout' }, new Date());
    expect(renamed.ok && (await w.projects.update(renamed.value))).toBe(false);
  });

  it('refuse a duplicate membership and a duplicate API-key prefix', async () => {
    const tenant = aTenant();
    expect(await w.memberships.add(aMembership(tenant.id, 'u-1', 'viewer'))).toBe(true);
    expect(await w.memberships.add(aMembership(tenant.id, 'u-1', 'admin'))).toBe(false);
    expect((await w.memberships.find(tenant.id, 'u-1'))?.role).toBe('viewer');

    expect(await w.apiKeys.create(anApiKey(tenant.id, 'p-1', { prefix: 'AAAAAAAAAAAA' }))).toBe(true);
    expect(await w.apiKeys.create(anApiKey(aTenant().id, 'p-2', { prefix: 'AAAAAAAAAAAA' }))).toBe(false);
    expect(w.apiKeys.all()).toHaveLength(1);
  });

  it('scope tenant-owned reads to the tenant', async () => {
    const acme = aTenant();
    const project = aProject(acme.id);
    await w.projects.create(project);
    const key = anApiKey(acme.id, project.id);
    await w.apiKeys.create(key);
    const other = aTenant().id;

    expect(await w.projects.findById(other, project.id)).toBeNull();
    expect(await w.projects.list(other)).toEqual([]);
    expect(await w.apiKeys.findById(other, key.id)).toBeNull();
    expect(await w.apiKeys.listByProject(other, project.id)).toEqual([]);
  });

  it('rotate a refresh token once: a second rotation of it reports reuse', async () => {
    const now = w.clock.now();
    const session = Session.open({ id: 's-1', userId: 'u-1', tenantId: null, now });
    const issue = (id: string) =>
      RefreshToken.issue({ id, sessionId: 's-1', tokenHash: id, now, ttlSeconds: 60 });
    const first = issue('t-1');
    await w.sessions.open(session, first);

    expect(await w.sessions.rotate(first, issue('t-2'), session, now)).toBe(true);
    expect(await w.sessions.rotate(first, issue('t-3'), session, now)).toBe(false);
    expect(w.sessions.allTokens().map((token) => token.id)).toEqual(['t-1', 't-2']);
  });

  it('grant the bootstrap claim exactly once, and keep the first generated secret', async () => {
    expect(await w.settings.claimBootstrap()).toBe(true);
    expect(await w.settings.claimBootstrap()).toBe(false);
    expect(await w.settings.getOrCreateSecret('jwt', () => 'first')).toBe('first');
    expect(await w.settings.getOrCreateSecret('jwt', () => 'second')).toBe('first');
  });

  it('accept an invite once', async () => {
    const tenant = await w.givenTenant();
    const invite = Invite.create({
      id: 'i-1',
      tenantId: tenant.id,
      userId: 'u-1',
      tokenHash: 'h',
      createdBy: null,
      now: w.clock.now(),
    });
    await w.invites.create(invite);
    const accepted = invite.accept(w.clock.now());
    if (!accepted.ok) throw new Error('not acceptable');

    expect(await w.invites.markAccepted(accepted.value)).toBe(true);
    expect(await w.invites.markAccepted(accepted.value)).toBe(false);
  });

  describe('unit of work', () => {
    it('keeps the writes of a successful run', async () => {
      const tenant = aTenant();
      const result = await w.uow.inTenant(tenant.id, async () => {
        await w.tenants.create(tenant);
        return ok(tenant.id);
      });

      expect(result).toEqual(ok(tenant.id));
      expect(w.tenants.all()).toEqual([tenant]);
      expect(w.uow.commits).toBe(1);
    });

    it('undoes every write of a run that returns a failure', async () => {
      const tenant = aTenant();
      await w.settings.claimBootstrap();
      const kept = aUser();
      await w.users.create(kept);

      const result = await w.uow.inTenant(tenant.id, async () => {
        await w.tenants.create(tenant);
        await w.users.create(aUser());
        await w.memberships.add(aMembership(tenant.id, kept.id));
        return err(DomainError.conflict('no'));
      });

      expect(result.ok).toBe(false);
      expect(w.tenants.all()).toEqual([]);
      expect(w.users.all()).toEqual([kept]);
      expect(w.memberships.all()).toEqual([]);
      expect(w.settings.bootstrapClaimed).toBe(true);
      expect(w.uow.rollbacks).toBe(1);
    });

    it('undoes every write of a run that throws, and rethrows', async () => {
      const tenant = aTenant();
      const run = w.uow.inTenant(tenant.id, async () => {
        await w.tenants.create(tenant);
        throw new Error('bug');
      });

      await expect(run).rejects.toThrow('bug');
      expect(w.tenants.all()).toEqual([]);
    });
  });

  it('generate sequential, valid, time-ordered UUIDs', () => {
    const ids = new FakeIdGenerator();
    const [a, b] = [ids.next(), ids.next()];
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(a).toMatch(uuid);
    expect(b).toMatch(uuid);
    expect(a < b).toBe(true);
  });

  it('make deterministic base62 tokens of the asked length, and scripted ones on demand', () => {
    const one = new FakeSecretTokens();
    const two = new FakeSecretTokens();
    const drawn = [one.random(12), one.random(43), one.random(12)];
    expect(drawn.map((value) => value.length)).toEqual([12, 43, 12]);
    expect(drawn.every((value) => /^[A-Za-z0-9]+$/.test(value))).toBe(true);
    expect(new Set(drawn).size).toBe(3);
    expect([two.random(12), two.random(43), two.random(12)]).toEqual(drawn);

    two.willReturn('XXXXXXXXXXXX');
    expect(two.random(12)).toBe('XXXXXXXXXXXX');
    expect(two.matches('secret', two.digest('secret'))).toBe(true);
    expect(two.matches('secret', two.digest('other'))).toBe(false);
  });
});
