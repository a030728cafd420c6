import { type Migration } from '../../domain/migration/migration.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { ok } from '../../domain/shared/result';
import { type Workflow } from '../../domain/workflows/workflow';
import { FakeAuditLog, FakeClock, FakeIdGenerator, FakeProjectRepository } from '../../test/support/fakes';
import { aProject } from '../../test/support/builders';
import { registerMigrationHooks } from './migration-finished';
import { NodeHandlers } from '../workflows/node-handler';
import { FakeProviders } from './migration.fake';
import { ACTOR, PROVIDER, TENANT, migrationWorld } from './migration-world.fake';
import { RetryMigrationUseCase } from './retry-migration.use-case';
import { RollbackMigrationUseCase } from './rollback-migration.use-case';
import { StartMigrationUseCase } from './start-migration.use-case';
import { StartMigrationInput } from './migration-input';

async function setup() {
  const clock = new FakeClock();
  const ids = new FakeIdGenerator();
  const world = await migrationWorld(clock, ids);
  const projects = new FakeProjectRepository();
  await projects.create(aProject(TENANT, { name: 'default' }));
  const audit = new FakeAuditLog();
  const runs: unknown[] = [];
  const createRun = {
    execute: async (_actor: unknown, input: unknown) => {
      runs.push(input);
      return ok({ run: { id: '00000000-0000-7000-8000-0000000000e1' } } as never);
    },
  };
  const start = (providers = world.providers) =>
    new StartMigrationUseCase(
      world.planner,
      world.migrations,
      providers,
      projects,
      createRun,
      world.workflows,
      audit,
      ids,
      clock,
    );
  const hooks = registerMigrationHooks(new NodeHandlers(), world.migrations, clock);
  return { ...world, clock, ids, audit, runs, start, hooks };
}

const wave = (n: number) => StartMigrationInput.parse({ wave: n });
const value = <T>(r: { ok: true; value: T } | { ok: false; error: DomainError }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('StartMigrationUseCase', () => {
  it('starts the 6-stage pipeline of agent tasks for wave 1 on the simulated provider', async () => {
    const w = await setup();
    const view = value(await w.start().execute(ACTOR, wave(1)));
    expect(view).toMatchObject({
      wave: 1,
      stage: 'assess',
      status: 'running',
      provider_id: PROVIDER.id,
      region: 'test-1',
    });
    expect(view.workloads.map((x) => x.name)).toEqual(['db']);
    const spec = w.workflows.started[0]!;
    expect(spec.kind).toBe('migration');
    const nodes = new Map(spec.nodes.map((n) => [n.key, n]));
    expect([...nodes.keys()]).toEqual([
      'assess',
      'plan',
      'tco',
      'execute:db',
      'validate',
      'cutover_gate',
      'cutover',
      'complete',
    ]);
    expect(nodes.get('assess')?.input).toMatchObject({ agent: 'RSA', action: 'migration.assess' });
    expect(nodes.get('tco')).toMatchObject({
      needs: ['assess'],
      input: { agent: 'FIA', action: 'migration.tco' },
    });
    expect(nodes.get('execute:db')).toMatchObject({
      type: 'agent.task',
      needs: ['plan'],
      input: { agent: 'DOA', action: 'migration.execute_workload', worker: true },
    });
    expect(nodes.get('validate')?.needs).toEqual(['execute:db', 'tco']);
    expect(nodes.get('cutover_gate')?.input).toMatchObject({ agent: 'GA', action: 'migration.cutover_gate' });
    expect(nodes.get('complete')?.input).toMatchObject({ agent: 'MVA', action: 'migration.complete' });
    const stored = await w.migrations.findById(TENANT, view.id);
    expect(stored?.workflowId).toBe(view.workflow_id);
    expect(stored?.runId).toBe('00000000-0000-7000-8000-0000000000e1');
    expect(w.audit.entries.map((e) => e.action)).toEqual(['migration.started']);
  });

  it('refuses a wave whose dependencies in earlier waves are not cut over yet', async () => {
    const w = await setup();
    const first = value(await w.start().execute(ACTOR, wave(1)));
    const refused = await w.start().execute(ACTOR, wave(2));
    expect(refused.ok || refused.error.reason).toBe('dependencies_not_migrated');
    const m = (await w.migrations.findById(TENANT, first.id)) as Migration;
    await w.migrations.saveWorkload(TENANT, m.id, { ...m.workloads[0]!, state: 'cut_over' });
    expect(
      value(await w.start().execute(ACTOR, wave(2)))
        .workloads.map((x) => x.name)
        .sort(),
    ).toEqual(['api', 'wiki']);
  });

  it('refuses a wave another migration still holds, and a wave that does not exist', async () => {
    const w = await setup();
    value(await w.start().execute(ACTOR, wave(1)));
    const again = await w.start().execute(ACTOR, wave(1));
    expect(again.ok || again.error.reason).toBe('workloads_in_migration');
    const missing = await w.start().execute(ACTOR, wave(9));
    expect(missing.ok || missing.error.reason).toBe('no_such_wave');
  });

  it('needs a provider when the tenant has no simulated one', async () => {
    const w = await setup();
    const none = await w.start(new FakeProviders([])).execute(ACTOR, wave(1));
    expect(none.ok || none.error.reason).toBe('no_simulated_provider');
  });

  it('records a pipeline that failed to start as cancelled, with the reason', async () => {
    const w = await setup();
    w.workflows.failStart = DomainError.validation('node type agent.task is not registered');
    const result = await w.start().execute(ACTOR, wave(1));
    expect(result.ok).toBe(false);
    const [stored] = await w.migrations.list(TENANT, { limit: 1 });
    expect(stored).toMatchObject({
      stage: 'cancelled',
      error: expect.stringContaining('agent.task is not registered'),
    });
  });
});

describe('finishing, retrying and rolling back', () => {
  const finished = (
    m: Migration,
    kind: string,
    status: Workflow['status'],
    error: string | null = null,
  ): Workflow => ({
    tenantId: TENANT,
    id: 'wf',
    projectId: null,
    name: 'x',
    kind,
    status,
    input: { migration_id: m.id },
    maxConcurrency: 4,
    runId: null,
    startedBy: {},
    error,
    createdAt: new Date(),
    finishedAt: new Date(),
  });

  async function failedAtValidate() {
    const w = await setup();
    const view = value(await w.start().execute(ACTOR, wave(1)));
    const m = (await w.migrations.findById(TENANT, view.id)) as Migration;
    await w.migrations.update(TENANT, m.id, {
      stage: 'validate',
      error: 'db (target sim-vm-c1 was terminated)',
    });
    await w.migrations.saveWorkload(TENANT, m.id, {
      ...m.workloads[0]!,
      state: 'failed',
      targetResourceId: '00000000-0000-7000-9000-000000000001',
      error: 'terminated',
    });
    for (const hook of w.hooks.finishedHooks('migration'))
      await hook(finished(m, 'migration', 'failed', 'node validate failed'));
    return { w, id: m.id };
  }

  it('marks a failed pipeline failed at the stage it stopped in, keeping the action’s reason', async () => {
    const { w, id } = await failedAtValidate();
    expect(await w.migrations.findById(TENANT, id)).toMatchObject({
      stage: 'failed',
      failedStage: 'validate',
      error: 'db (target sim-vm-c1 was terminated)',
    });
  });

  it('retries from the failed stage with failed workloads pending again', async () => {
    const { w, id } = await failedAtValidate();
    const retry = new RetryMigrationUseCase(w.migrations, w.workflows, w.audit, w.clock);
    const view = value(await retry.execute(ACTOR, id));
    expect(view).toMatchObject({ stage: 'validate', status: 'running', retries: 1, error: null });
    expect((await w.migrations.findById(TENANT, id))?.workloads[0]?.state).toBe('pending');
    expect(w.workflows.retried).toHaveLength(1);
    const twice = await retry.execute(ACTOR, id);
    expect(twice.ok || twice.error.reason).toBe('not_retryable');
  });

  it('rolls back through a workflow of DOA tasks when targets exist, then the hook closes it', async () => {
    const { w, id } = await failedAtValidate();
    const rollback = new RollbackMigrationUseCase(w.migrations, w.workflows, w.audit, w.clock);
    const view = value(await rollback.execute(ACTOR, id, { reason: 'bad wave' }));
    expect(view.stage).toBe('rolling_back');
    const spec = w.workflows.started.at(-1)!;
    expect(spec.kind).toBe('migration_rollback');
    expect(spec.nodes.map((n) => [n.key, n.input.action, n.input.worker])).toEqual([
      ['rollback:db', 'migration.rollback_workload', true],
    ]);
    const m = (await w.migrations.findById(TENANT, id)) as Migration;
    for (const hook of w.hooks.finishedHooks('migration_rollback'))
      await hook(finished(m, 'migration_rollback', 'succeeded'));
    expect((await w.migrations.findById(TENANT, id))?.stage).toBe('rolled_back');
  });

  it('rolls back at once when nothing was created, and never a running wave', async () => {
    const w = await setup();
    const view = value(await w.start().execute(ACTOR, wave(1)));
    const rollback = new RollbackMigrationUseCase(w.migrations, w.workflows, w.audit, w.clock);
    const running = await rollback.execute(ACTOR, view.id);
    expect(running.ok || running.error.reason).toBe('not_rollbackable');
    await w.migrations.update(TENANT, view.id, { stage: 'cancelled', failedStage: 'plan' });
    const done = value(await rollback.execute(ACTOR, view.id));
    expect(done.stage).toBe('rolled_back');
    expect(done.workloads.map((x) => x.state)).toEqual(['rolled_back']);
    expect(w.workflows.started.map((s) => s.kind)).toEqual(['migration']);
  });
});
