import { call } from '../support/http';
import { createTenant } from '../support/tenant-fixture';
import { startTestApp } from '../support/test-app';
import { connect } from '../support/ws';

/** Two replicas on one PostgreSQL database, sharing Redis: what a scaled deployment looks like. */
const withRedisAndPostgres =
  process.env.REDIS_URL && process.env.TEST_DATABASE_URL ? describe : describe.skip;
withRedisAndPostgres('two replicas (one PostgreSQL, Redis)', () => {
  it('delivers a write made on one replica to a socket on another', async () => {
    const redis = { REDIS_URL: process.env.REDIS_URL as string };
    const a = await startTestApp({ engine: 'postgres', env: redis });
    const b = await startTestApp({ env: { ...redis, DATABASE_URL: a.databaseUrl as string } });
    try {
      const tenant = await createTenant(a, 'Shared');
      const s = connect(
        `${(await b.listen()).replace('http', 'ws')}/v1/ws?token=${tenant.members.viewer.token}`,
      );
      await s.next('ready');
      const created = await call(a, 'POST', '/v1/projects', {
        auth: tenant.admin.token,
        body: { name: 'from-replica-a' },
      });
      expect(await s.next('project.created')).toMatchObject({ data: { project_id: created.body.id } });

      // ingest's step events only cross Redis to replicas that watch the tenant; b does
      const run = await call(a, 'POST', '/v1/runs', {
        auth: tenant.admin.token,
        body: { project_id: tenant.projectId, name: 'cross-replica' },
      });
      await call(a, 'POST', `/v1/runs/${run.body.id}/steps`, {
        auth: tenant.admin.token,
        body: { steps: [{ id: 's1', kind: 'tool', tool: 'search', started_at: new Date().toISOString() }] },
      });
      expect(await s.next('run.steps_appended')).toMatchObject({
        data: { run_id: run.body.id, steps: [{ id: 's1', tool: 'search' }] },
      });
      s.ws.terminate();
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('refuses a revoked API key on every replica at once', async () => {
    const redis = { REDIS_URL: process.env.REDIS_URL as string };
    const a = await startTestApp({ engine: 'postgres', env: redis });
    const b = await startTestApp({ env: { ...redis, DATABASE_URL: a.databaseUrl as string } });
    try {
      const tenant = await createTenant(a, 'Revoking');
      const key = await call(a, 'POST', `/v1/projects/${tenant.projectId}/api-keys`, {
        auth: tenant.admin.token,
        body: { name: 'k' },
      });
      expect((await call(b, 'GET', '/v1/me', { auth: key.body.key })).status).toBe(200); // b has it cached now
      await call(a, 'DELETE', `/v1/projects/${tenant.projectId}/api-keys/${key.body.id}`, {
        auth: tenant.admin.token,
      });
      let status = 200;
      for (let i = 0; i < 20 && status === 200; i++) {
        status = (await call(b, 'GET', '/v1/me', { auth: key.body.key })).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(status).toBe(401); // within half a second, not the cache's 10 seconds
    } finally {
      await b.close();
      await a.close();
    }
  });
});
