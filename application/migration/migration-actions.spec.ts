import { type Migration } from '../../domain/migration/migration.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, ok } from '../../domain/shared/result';
import { type JsonObject } from '../../domain/workflows/workflow';
import { aProject } from '../../test/support/builders';
import { FakeAuditLog, FakeClock, FakeIdGenerator, FakeProjectRepository } from '../../test/support/fakes';
import { ACTION_NAMES } from '../agents/agent-actions';
import { type NodeOutcome } from '../workflows/node-handler';
import { StartMigrationInput } from './migration-input';
import { ACTOR, TENANT, actionContext, migrationWorld, performer } from './migration-world.fake';
import { StartMigrationUseCase } from './start-migration.use-case';

const RUN = '00000000-0000-7000-8000-0000000000e1';

async function startedWave(n = 1) {
  const clock = new FakeClock();
  const ids = new FakeIdGenerator();
  const world = await migrationWorld(clock, ids);
  const projects = new FakeProjectRepository();
  await projects.create(aProject(TENANT, { name: 'default' }));
  const createRun = { execute: async () => ok({ run: { id: RUN } } as never) };
  const start = new StartMigrationUseCase(
    world.planner,
    world.migrations,
    world.providers,
    projects,
    createRun,
    world.workflows,
    new FakeAuditLog(),
    ids,
    clock,
  );
  const started = await start.execute(ACTOR, StartMigrationInput.parse({ wave: n }));
  if (!started.ok) throw new Error(started.error.message);
  const perform = performer({ ...world.deps, settings: { validateDeadlineMs: 60_000 } });
  const load = async () => (await world.migrations.findById(TENANT, started.value.id)) as Migration;
  const params = (extra: JsonObject = {}) => ({ migration_id: started.value.id, ...extra });
  return { ...world, clock, perform, load, params, start, id: started.value.id };
}

const outcome = (r: Result<NodeOutcome>): NodeOutcome => {
  if (!r.ok) throw new Error(`${r.error.code}/${r.error.reason}: ${r.error.message}`);
  return r.value;
};
const failure = (r: Result<NodeOutcome>): DomainError => {
  if (r.ok) throw new Error(`expected a failure, got ${r.value.kind}`);
  return r.error;
};

describe('the migration pipeline actions', () => {
  it('take wave 1 through all six stages, waiting while the target VM provisions', async () => {
    const w = await startedWave();
    const db = (await w.load()).workloads[0]!;
    expect(outcome(await w.perform(ACTION_NAMES.migrationAssess, actionContext(w.params()))).kind).toBe(
      'done',
    );
    expect((await w.workloads.findById(TENANT, db.workloadId))?.assessment?.readiness.total).toBeGreaterThan(
      0,
    );
    const plan = outcome(await w.perform(ACTION_NAMES.migrationPlanWave, actionContext(w.params())));
    expect(plan).toMatchObject({
      kind: 'done',
      output: { targets: [{ name: 'db', size: expect.any(String) }] },
    });
    outcome(await w.perform(ACTION_NAMES.migrationTco, actionContext(w.params())));
    expect((await w.load()).tco?.currentMonthlyUsd).toBeGreaterThan(0);

    const executed = outcome(
      await w.perform(
        ACTION_NAMES.migrationExecuteWorkload,
        actionContext(w.params({ workload_id: db.workloadId })),
      ),
    );
    expect(executed).toMatchObject({ kind: 'done', output: { state: 'migrated', reused: false } });
    const created = w.cloud.created[0]!;
    expect(created).toMatchObject({
      name: 'mig-w1-db',
      region: 'test-1',
      tags: { 'cockpit-migration': `${w.id}/db`, env: 'production' },
    });

    const first = outcome(await w.perform(ACTION_NAMES.migrationValidate, actionContext(w.params())));
    expect(first).toMatchObject({ kind: 'wait', reason: expect.stringContaining('db') });
    const target = (await w.load()).workloads[0]!.targetResourceId as string;
    w.cloud.setState(target, 'running');
    const state = first.kind === 'wait' ? first.state : null;
    expect(
      outcome(await w.perform(ACTION_NAMES.migrationValidate, actionContext(w.params(), { state }))).kind,
    ).toBe('done');
    expect(w.cloud.refreshes).toBe(2);

    const gate = outcome(await w.perform(ACTION_NAMES.migrationCutoverGate, actionContext(w.params())));
    expect(gate).toMatchObject({ kind: 'done', output: { decision: 'allow' } });
    const upstream = { cutover_gate: gate.kind === 'done' ? gate.output : {} };
    outcome(await w.perform(ACTION_NAMES.migrationCutover, actionContext(w.params(), { upstream })));
    outcome(await w.perform(ACTION_NAMES.migrationComplete, actionContext(w.params())));
    const m = await w.load();
    expect(m).toMatchObject({ stage: 'complete', finishedAt: expect.any(Date) });
    expect(m.workloads[0]).toMatchObject({ state: 'cut_over', targetExternalId: 'sim-vm-c1' });
  });

  it('creates one VM however often the execute node is delivered', async () => {
    const w = await startedWave();
    const db = (await w.load()).workloads[0]!;
    outcome(await w.perform(ACTION_NAMES.migrationPlanWave, actionContext(w.params())));
    const ctx = () => actionContext(w.params({ workload_id: db.workloadId }));
    outcome(await w.perform(ACTION_NAMES.migrationExecuteWorkload, ctx()));
    // A delivery that lost the first one's bookkeeping finds the tagged VM instead of creating another.
    await w.migrations.saveWorkload(TENANT, w.id, { ...db, state: 'migrating' });
    const again = outcome(await w.perform(ACTION_NAMES.migrationExecuteWorkload, ctx()));
    expect(again).toMatchObject({ kind: 'done', output: { reused: true } });
    expect(w.cloud.created).toHaveLength(1);
  });

  it('fails the workload and the node when the target cannot be created, but lets transient errors retry', async () => {
    const w = await startedWave();
    const db = (await w.load()).workloads[0]!;
    const ctx = () => actionContext(w.params({ workload_id: db.workloadId }));
    w.cloud.failCreate = DomainError.upstream('simulated cloud is down');
    expect(failure(await w.perform(ACTION_NAMES.migrationExecuteWorkload, ctx())).code).toBe('upstream');
    expect((await w.load()).workloads[0]?.state).toBe('migrating');
    w.cloud.failCreate = DomainError.validation('invalid VM spec');
    const error = failure(await w.perform(ACTION_NAMES.migrationExecuteWorkload, ctx()));
    expect(error).toMatchObject({ code: 'unprocessable', reason: 'target_not_created' });
    expect((await w.load()).workloads[0]).toMatchObject({ state: 'failed', error: 'invalid VM spec' });
  });

  it('fails Validate with the reason when a target was terminated or never came up in time', async () => {
    const w = await startedWave();
    const db = (await w.load()).workloads[0]!;
    outcome(
      await w.perform(
        ACTION_NAMES.migrationExecuteWorkload,
        actionContext(w.params({ workload_id: db.workloadId })),
      ),
    );
    const target = (await w.load()).workloads[0]!.targetResourceId as string;

    const waiting = outcome(await w.perform(ACTION_NAMES.migrationValidate, actionContext(w.params())));
    w.clock.advance({ seconds: 61 });
    const late = failure(
      await w.perform(
        ACTION_NAMES.migrationValidate,
        actionContext(w.params(), { state: waiting.kind === 'wait' ? waiting.state : null }),
      ),
    );
    expect(late).toMatchObject({ code: 'unprocessable', reason: 'validation_failed' });
    expect(late.message).toMatch(/db \(not running 60 s after validation began/);

    w.cloud.setState(target, 'terminated');
    await w.migrations.saveWorkload(TENANT, w.id, {
      ...(await w.load()).workloads[0]!,
      state: 'migrated',
      error: null,
    });
    const gone = failure(await w.perform(ACTION_NAMES.migrationValidate, actionContext(w.params())));
    expect(gone.message).toMatch(/db \(target sim-vm-c1 was terminated\)/);
    expect(await w.load()).toMatchObject({
      error: gone.message,
      workloads: [expect.objectContaining({ state: 'failed' })],
    });
  });
});

describe('the cutover gate', () => {
  async function validatedWave() {
    const w = await startedWave();
    const db = (await w.load()).workloads[0]!;
    await w.migrations.update(TENANT, w.id, { stage: 'validate' });
    await w.migrations.saveWorkload(TENANT, w.id, { ...db, state: 'validated' });
    return w;
  }

  it('opens an approval inside the run when the policy requires one and waits for the decision', async () => {
    const w = await validatedWave();
    w.policy.decision = 'require_approval';
    const asked = outcome(await w.perform(ACTION_NAMES.migrationCutoverGate, actionContext(w.params())));
    expect(asked).toMatchObject({ kind: 'wait', state: { approval_id: 'approval-1' } });
    expect(w.calls.evaluate[0]).toMatchObject({
      run_id: RUN,
      tool: 'migration.cutover',
      risk: 'high',
      environment: 'production',
    });
    expect(w.calls.approvalsCreated[0]).toMatchObject({
      run_id: RUN,
      tool: 'migration.cutover',
      arguments: { workloads: ['db'] },
    });
    const state = { approval_id: 'approval-1' };
    expect(
      outcome(await w.perform(ACTION_NAMES.migrationCutoverGate, actionContext(w.params(), { state }))).kind,
    ).toBe('wait');
    w.approvals.set('approval-1', { status: 'approved' });
    const approved = outcome(
      await w.perform(ACTION_NAMES.migrationCutoverGate, actionContext(w.params(), { state })),
    );
    expect(approved).toMatchObject({ kind: 'done', output: { decision: 'approved' } });
    expect(w.calls.approvalsCreated).toHaveLength(1);
  });

  it('fails the cutover when the approval is denied or the policy blocks it', async () => {
    const w = await validatedWave();
    w.approvals.set('approval-9', { status: 'denied' });
    const denied = failure(
      await w.perform(
        ACTION_NAMES.migrationCutoverGate,
        actionContext(w.params(), { state: { approval_id: 'approval-9' } }),
      ),
    );
    expect(denied).toMatchObject({ code: 'forbidden', reason: 'cutover_not_approved' });
    w.policy.decision = 'block';
    const blocked = failure(await w.perform(ACTION_NAMES.migrationCutoverGate, actionContext(w.params())));
    expect(blocked.reason).toBe('policy_blocked');
    const cut = failure(
      await w.perform(ACTION_NAMES.migrationCutover, actionContext(w.params(), { upstream: {} })),
    );
    expect(cut.reason).toBe('cutover_not_allowed');
  });
});

describe('rollback and run_wave', () => {
  it('terminates a target, waiting for the resource approval when the policy asks for one', async () => {
    const w = await startedWave();
    const db = (await w.load()).workloads[0]!;
    outcome(
      await w.perform(
        ACTION_NAMES.migrationExecuteWorkload,
        actionContext(w.params({ workload_id: db.workloadId })),
      ),
    );
    const target = (await w.load()).workloads[0]!.targetResourceId as string;
    w.cloud.terminateNeedsApproval = {
      status: 'approval_required',
      approval_id: 'approval-1',
      run_id: 'run-x',
      step_id: 's',
      tool: 'cloud.terminate',
      payload_hash: 'h',
      expires_at: '2026-11-24T00:00:00.000Z',
      reasons: [],
    };
    w.approvals.set('approval-1', { status: 'pending' });
    const ctx = (state: JsonObject | null = null) =>
      actionContext(w.params({ workload_id: db.workloadId }), { state });
    const asked = outcome(await w.perform(ACTION_NAMES.migrationRollbackWorkload, ctx()));
    expect(asked).toMatchObject({ kind: 'wait', state: { approval_id: 'approval-1' } });
    w.approvals.set('approval-1', { status: 'approved', decision_token: 'token-for-this-termination' });
    const done = outcome(
      await w.perform(ACTION_NAMES.migrationRollbackWorkload, ctx({ approval_id: 'approval-1' })),
    );
    expect(done).toMatchObject({
      kind: 'done',
      output: { state: 'rolled_back', terminated_resource_id: target },
    });
    expect(w.cloud.terminated[0]?.input).toMatchObject({
      decision_token: 'token-for-this-termination',
      run_id: 'run-1',
    });
    expect((await w.load()).workloads[0]?.state).toBe('rolled_back');
  });

  it('run_wave starts the wave in the goal’s run, waits for it, and reports the summary', async () => {
    const w = await startedWave();
    const started: unknown[] = [];
    const perform = performer({
      ...w.deps,
      startMigration: {
        execute: async (_actor, input) => {
          started.push(input);
          return ok({ id: w.id, workflow_id: 'wf' } as never);
        },
      },
    });
    const goalRun = '00000000-0000-7000-8000-0000000000f1';
    const first = outcome(
      await perform(ACTION_NAMES.migrationRunWave, actionContext({ wave: 1 }, { runId: goalRun })),
    );
    expect(first).toMatchObject({ kind: 'wait', state: { migration_id: w.id } });
    expect(started[0]).toMatchObject({ wave: 1, run_id: goalRun, concurrency: 4 });
    const state = { migration_id: w.id };
    expect(
      outcome(await perform(ACTION_NAMES.migrationRunWave, actionContext({ wave: 1 }, { state }))).kind,
    ).toBe('wait');
    await w.migrations.update(TENANT, w.id, { stage: 'complete' });
    const done = outcome(await perform(ACTION_NAMES.migrationRunWave, actionContext({ wave: 1 }, { state })));
    expect(done).toMatchObject({
      kind: 'done',
      output: { migration_id: w.id, status: 'succeeded', wave: 1 },
    });
    await w.migrations.update(TENANT, w.id, { stage: 'failed', failedStage: 'validate', error: 'db down' });
    const failed = failure(
      await perform(ACTION_NAMES.migrationRunWave, actionContext({ wave: 1 }, { state })),
    );
    expect(failed.message).toMatch(/wave 1 failed at validate: db down/);
  });
});
