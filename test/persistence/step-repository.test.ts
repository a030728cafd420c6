import { randomUUID } from 'node:crypto';
import { toStepView } from '../../application/runs/step.view';
import { type DiffStep } from '../../domain/runs/diff/diff-input';
import { Run } from '../../domain/runs/run.entity';
import { type Step } from '../../domain/runs/step';
import { ok } from '../../domain/shared/result';
import { TypeormProjectRepository } from '../../infrastructure/persistence/repositories/typeorm-project.repository';
import { TypeormRunRepository } from '../../infrastructure/persistence/repositories/typeorm-run.repository';
import { TypeormStepRepository } from '../../infrastructure/persistence/repositories/typeorm-step.repository';
import { TypeormTenantRepository } from '../../infrastructure/persistence/repositories/typeorm-tenant.repository';
import { aProject, aTenant } from '../support/builders';
import { type TestDatabase, engines, openTestDatabase } from '../support/test-database';

/** What the diff read before `diffSteps`: the step view of each stored step, field by field. */
const fromView = (step: Step): DiffStep => {
  const view = toStepView(step);
  return {
    id: view.id,
    kind: view.kind,
    name: view.name,
    parent_id: view.parent_id,
    started_at: view.started_at,
    ended_at: view.ended_at,
    duration_ms: view.duration_ms,
    model: view.model,
    model_params: view.model_params,
    tool: view.tool,
    input: view.input,
    output: view.output,
    usage: view.usage,
    cost_usd: view.cost_usd,
    error: view.error,
    metadata: step.metadata as Record<string, unknown>,
    redactions: view.redactions,
    digest: step.diffDigest ?? null,
  };
};

describe.each(engines())('step repository on %s', (engine) => {
  let testDb: TestDatabase;
  let steps: TypeormStepRepository;
  const tenant = aTenant({ name: 'Acme' });
  const project = aProject(tenant.id);
  const runId = randomUUID();

  const step = (id: string, overrides: Partial<Step>): Step => ({
    tenantId: tenant.id,
    runId,
    id,
    parentId: null,
    kind: 'model',
    name: null,
    startedAt: new Date('2026-11-23T10:00:00.000Z'),
    endedAt: null,
    model: null,
    modelParams: null,
    tool: null,
    input: null,
    output: null,
    inputTokens: null,
    outputTokens: null,
    costUsd: null,
    costSource: null,
    error: null,
    metadata: null,
    decisionTokenId: null,
    redactions: [],
    diffDigest: `d1:digest-of-${id}`,
    ...overrides,
  });

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    const db = testDb.db;
    steps = new TypeormStepRepository(db);
    await db.inTenant(tenant.id, async () => {
      await new TypeormTenantRepository(db).create(tenant);
      await new TypeormProjectRepository(db).create(project);
      await new TypeormRunRepository(db).create(
        Run.start({ tenantId: tenant.id, id: runId, projectId: project.id, now: new Date() }),
      );
      await steps.append(tenant.id, runId, [
        step('late', { startedAt: new Date('2026-11-23T10:00:05.000Z'), kind: 'tool', tool: 'search' }),
        step('full', {
          parentId: 'root',
          name: 'answer',
          startedAt: new Date('2026-11-23T10:00:01.250Z'),
          endedAt: new Date('2026-11-23T10:00:02.999Z'),
          model: 'gpt-4o',
          modelParams: { temperature: 0.2, max_tokens: 1024, stop: ['\n'] },
          input: { messages: [{ role: 'user', content: 'héllo "quoted" \\ back\nslash 😀' }], n: 1.5 },
          output: ['a', { nested: [null, true, 0, -2.5e-7, 12345678901234] }],
          inputTokens: 12,
          outputTokens: null,
          costUsd: 0.00012345,
          costSource: 'computed',
          error: { message: 'partial', code: 7 },
          metadata: { attempt: 2, span: 'x' },
          redactions: [
            { path: 'input.messages[0].content', type: 'email', hash: 'h1' },
            { path: 'input', type: 'email', hash: 'h2', target: 'key' },
          ],
        }),
        step('root', { kind: 'prompt', input: 'a plain string payload', output: 42, diffDigest: null }),
        step('tie', { kind: 'custom', startedAt: new Date('2026-11-23T10:00:05.000Z'), error: 'boom' }),
      ]);
      return ok(undefined);
    });
  });

  afterAll(async () => {
    await testDb?.close();
  });

  it('builds diff steps exactly like the step view, in timeline order', async () => {
    const stored = await steps.all(tenant.id, runId, 100);
    const built = await steps.diffSteps(tenant.id, runId, 100);
    expect(built.map((s) => s.id)).toEqual(['root', 'full', 'late', 'tie']);
    expect(built).toEqual(stored.map(fromView));
    expect(built[1]).toMatchObject({ duration_ms: 1749, usage: { input_tokens: 12, output_tokens: 0 } });
  });

  it('outlines a run for the diff: the same order, starts and signatures as its diff steps, with digests', async () => {
    const built = await steps.diffSteps(tenant.id, runId, 100);
    const outline = await steps.diffOutline(tenant.id, runId, 100);
    expect(outline).toEqual(
      built.map((s) => ({
        outline: true,
        id: s.id,
        kind: s.kind,
        name: s.name,
        parent_id: s.parent_id,
        started_at: s.started_at,
        model: s.model,
        tool: s.tool,
        digest: s.digest,
      })),
    );
    expect(outline.map((s) => s.digest)).toEqual([
      null,
      'd1:digest-of-full',
      'd1:digest-of-late',
      'd1:digest-of-tie',
    ]);
    expect((await steps.diffOutline(tenant.id, runId, 2)).map((s) => s.id)).toEqual(['root', 'full']);
    expect(await steps.diffOutline(aTenant().id, runId, 100)).toEqual([]);
  });

  it('loads the diff steps it is asked for by id, skipping unknown ids and other tenants', async () => {
    const built = await steps.diffSteps(tenant.id, runId, 100);
    const some = await steps.diffStepsById(tenant.id, runId, ['tie', 'full', 'nope']);
    expect([...some].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      built.filter((s) => s.id === 'full' || s.id === 'tie'),
    );
    expect(await steps.diffStepsById(tenant.id, runId, [])).toEqual([]);
    expect(await steps.diffStepsById(aTenant().id, runId, ['full'])).toEqual([]);
  });

  it('appends with a statement prepared once per connection on PostgreSQL, idempotently', async () => {
    const later = new Date('2026-11-23T11:00:00.000Z');
    const more = [
      step('p1', { kind: 'custom', startedAt: later }),
      step('p2', { kind: 'custom', startedAt: later }),
    ];
    const seen = await testDb.db.inTenant(tenant.id, async () => {
      const first = await steps.append(tenant.id, runId, more);
      const again = await steps.append(tenant.id, runId, more);
      const statements: { name: string }[] = await testDb.db.run({ tenantId: tenant.id }, (m) =>
        m.query(`SELECT name FROM pg_prepared_statements WHERE name = 'cockpit_append_steps'`),
      );
      return ok({
        first: [...(first ?? [])].sort(),
        again: [...(again ?? [])],
        statements: statements.length,
      });
    });
    expect(seen).toEqual(ok({ first: ['p1', 'p2'], again: [], statements: engine === 'postgres' ? 1 : 0 }));
  });

  it('writes nothing to a run that is gone, and deleting runs deletes their steps', async () => {
    const db = testDb.db;
    const runs = new TypeormRunRepository(db);
    const doomed = randomUUID();
    const ofDoomed = (id: string) => ({ ...step(id, { kind: 'custom' }), runId: doomed });
    const count = (id: string) =>
      db.run({ tenantId: tenant.id }, async (m) => {
        const rows: { n: number }[] = await m.query(
          'SELECT count(*)::int AS n FROM steps WHERE run_id = $1',
          [id],
        );
        return rows[0].n;
      });

    const gone = await db.inTenant(tenant.id, async () =>
      ok(await steps.append(tenant.id, doomed, [ofDoomed('orphan')])),
    );
    expect(gone).toEqual(ok(null));
    expect(await count(doomed)).toBe(0);

    await db.inTenant(tenant.id, async () => {
      await runs.create(
        Run.start({ tenantId: tenant.id, id: doomed, projectId: project.id, now: new Date() }),
      );
      return ok(await steps.append(tenant.id, doomed, [ofDoomed('a'), ofDoomed('b')]));
    });
    expect(await count(doomed)).toBe(2);
    // as retention deletes: the application role, in the tenant's scope
    await db.run({ tenantId: tenant.id }, (m) =>
      m.query('DELETE FROM runs WHERE tenant_id = $1 AND id = $2', [tenant.id, doomed]),
    );
    expect(await count(doomed)).toBe(0);
    expect(await count(runId)).toBeGreaterThan(0); // the other run's steps stay
  });

  it('stops at the limit and sees nothing of another tenant', async () => {
    expect((await steps.diffSteps(tenant.id, runId, 2)).map((s) => s.id)).toEqual(['root', 'full']);
    expect(await steps.diffSteps(aTenant().id, runId, 100)).toEqual([]);
  });
});
