import { ApplyRetentionUseCase } from '../../application/runs/apply-retention.use-case';
import { AuditLog } from '../../domain/audit/ports/audit-log.port';
import { verifyChain } from '../../domain/audit/audit-entry';
import { asTenantId } from '../../domain/shared/tenant-id';
import { sha256 } from '../../infrastructure/crypto/sha256';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-app';
import { call, login } from '../support/http';
import { aStep, postSteps, startRun } from '../support/runs';
import { createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe.each(engines())('run retention (%s)', (engine) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ engine, env: { COCKPIT_BACKGROUND_JOBS: 'false' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("hard-deletes runs past the plan's retention, with their steps, and leaves tombstones", async () => {
    const operator = (await login(app, ADMIN_EMAIL, ADMIN_PASSWORD)).access_token;
    const free = await createTenant(app, 'Free Co');
    const big = await createTenant(app, 'Big Co');
    await call(app, 'PATCH', `/v1/tenants/${free.tenantId}`, { auth: operator, body: { plan: 'free' } });
    await call(app, 'PATCH', `/v1/tenants/${big.tenantId}`, { auth: operator, body: { plan: 'enterprise' } });

    const expired = await startRun(app, free.apiKey, { name: 'old', started_at: daysAgo(8) });
    await postSteps(app, free.apiKey, expired.id, [aStep({ started_at: daysAgo(8), ended_at: daysAgo(8) })]);
    const kept = await startRun(app, free.apiKey, { name: 'recent', started_at: daysAgo(6) });
    const keptByPlan = await startRun(app, big.apiKey, {
      name: 'old but enterprise',
      started_at: daysAgo(8),
    });

    const outcome = await app.cockpit.app.get(ApplyRetentionUseCase).execute();
    expect(outcome).toEqual({ tenants: 1, runsDeleted: 1 });

    expect((await call(app, 'GET', `/v1/runs/${expired.id}`, { auth: free.apiKey })).status).toBe(404);
    expect((await call(app, 'GET', `/v1/runs/${kept.id}`, { auth: free.apiKey })).status).toBe(200);
    expect((await call(app, 'GET', `/v1/runs/${keptByPlan.id}`, { auth: big.apiKey })).status).toBe(200);
    const leftovers = await app.cockpit.runtime.db.run({ tenantId: free.tenantId }, (m) =>
      m.query('SELECT count(*)::int AS n FROM steps WHERE run_id = $1', [expired.id]),
    );
    expect(leftovers[0].n).toBe(0);

    const audit = app.cockpit.app.get(AuditLog);
    const entries = await audit.list(asTenantId(free.tenantId), { afterSeq: 0, limit: 100 });
    // the tenant's setup (members, API key) is in the same chain, before the deletion
    expect(entries.filter((e) => e.action === 'run.deleted')).toEqual([
      expect.objectContaining({
        action: 'run.deleted',
        actor: { kind: 'system', id: 'retention' },
        target: { type: 'run', id: expired.id },
        data: expect.objectContaining({ reason: 'retention', retention_days: 7 }),
      }),
    ]);
    expect(verifyChain(entries, sha256)).toEqual({ ok: true, entries: entries.length });

    // running again finds nothing more to do
    expect(await app.cockpit.app.get(ApplyRetentionUseCase).execute()).toEqual({
      tenants: 0,
      runsDeleted: 0,
    });
  });

  it('keeps the audit log append-only, even for the database owner', async () => {
    const tenant = await createTenant(app, 'Audited');
    await app.cockpit.app.get(AuditLog).append(asTenantId(tenant.tenantId), {
      action: 'test.recorded',
      actor: { kind: 'system', id: null },
      target: { type: 'test', id: null },
      data: {},
      at: new Date(),
    });
    await expect(
      app.cockpit.runtime.db.run({ tenantId: tenant.tenantId }, (m) =>
        m.query(`UPDATE audit_log SET action = 'forged'`),
      ),
    ).rejects.toThrow(/permission denied|append-only/);
    await expect(app.cockpit.runtime.db.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(
      /append-only/,
    );
  });
});
