import { asTenantId } from '../shared/tenant-id';
import {
  type Migration,
  type MigrationWorkload,
  beginRollback,
  endRollback,
  enterStage,
  moveWorkload,
  resume,
  stop,
  targetName,
} from './migration.entity';
import { EQUAL_GOALS } from './workload.entity';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const LATER = new Date('2026-11-23T11:00:00.000Z');

const workload = (state: MigrationWorkload['state']): MigrationWorkload => ({
  workloadId: 'w1',
  name: 'web-01',
  strategy: 'rehost',
  targetService: 'EC2',
  targetSize: 'gp.large',
  state,
  targetResourceId: null,
  targetExternalId: null,
  error: null,
  updatedAt: NOW,
});

const migration = (overrides: Partial<Migration> = {}): Migration => ({
  tenantId: asTenantId('00000000-0000-7000-8000-00000000aaaa'),
  id: 'm1',
  wave: 1,
  name: 'wave 1',
  stage: 'assess',
  failedStage: null,
  providerId: 'p1',
  region: 'sim-us-east',
  projectId: null,
  runId: null,
  workflowId: null,
  rollbackWorkflowId: null,
  goals: EQUAL_GOALS,
  caps: { maxWaveSize: 10, maxWaveRisk: 40 },
  tco: null,
  retries: 0,
  error: null,
  startedBy: {},
  workloads: [workload('pending')],
  createdAt: NOW,
  updatedAt: NOW,
  finishedAt: null,
  ...overrides,
});

const value = <T>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error('expected ok');
  return r.value;
};

describe('Migration stages', () => {
  it('moves forward, accepts a repeated stage and refuses to go back', () => {
    const planned = value(enterStage(migration(), 'plan', LATER));
    expect(planned.stage).toBe('plan');
    expect(enterStage(planned, 'plan', LATER)).toEqual({ ok: true, value: planned });
    const back = enterStage(planned, 'assess', LATER);
    expect(back.ok || back.error.reason).toBe('illegal_transition');
    expect(value(enterStage(planned, 'complete', LATER)).finishedAt).toEqual(LATER);
  });

  it('remembers where it failed and resumes there on retry, with failed workloads pending again', () => {
    const failed = stop(
      migration({ stage: 'validate', workloads: [workload('failed')] }),
      'failed',
      'web-01 is not running',
      LATER,
    );
    expect(failed).toMatchObject({
      stage: 'failed',
      failedStage: 'validate',
      error: 'web-01 is not running',
    });
    expect(stop(failed, 'cancelled', null, LATER)).toBe(failed);
    const resumed = value(resume(failed, LATER));
    expect(resumed).toMatchObject({ stage: 'validate', retries: 1, error: null, finishedAt: null });
    expect(resumed.workloads[0]?.state).toBe('pending');
    expect(resume(migration({ stage: 'complete' }), LATER).ok).toBe(false);
  });

  it('rolls back only a failed or cancelled wave', () => {
    expect(beginRollback(migration({ stage: 'execute' }), 'wf', LATER).ok).toBe(false);
    const rolling = value(
      beginRollback(migration({ stage: 'failed', failedStage: 'validate' }), 'wf', LATER),
    );
    expect(rolling).toMatchObject({ stage: 'rolling_back', rollbackWorkflowId: 'wf' });
    expect(endRollback(rolling, null, LATER).stage).toBe('rolled_back');
    expect(endRollback(rolling, 'boom', LATER)).toMatchObject({
      stage: 'failed',
      error: 'rollback failed: boom',
    });
  });
});

describe('workload states', () => {
  it('follows pending → migrating → migrated → validated → cut_over', () => {
    let w = workload('pending');
    for (const to of ['migrating', 'migrated', 'validated', 'cut_over'] as const)
      w = value(moveWorkload(w, to, LATER));
    expect(w.state).toBe('cut_over');
  });

  it('refuses to skip a state or to revive a rolled-back workload', () => {
    expect(moveWorkload(workload('pending'), 'validated', LATER).ok).toBe(false);
    expect(moveWorkload(workload('rolled_back'), 'pending', LATER).ok).toBe(false);
    expect(value(moveWorkload(workload('failed'), 'pending', LATER)).state).toBe('pending');
  });

  it('keeps the failure reason on a failed workload', () => {
    expect(value(moveWorkload(workload('migrated'), 'failed', LATER, { error: 'terminated' })).error).toBe(
      'terminated',
    );
  });
});

describe('targetName', () => {
  it('makes a cloud-safe name', () => {
    expect(targetName('Payroll DB (Oracle)!', 2)).toBe('mig-w2-payroll-db-oracle');
    expect(targetName('x'.repeat(100), 1)).toHaveLength(63);
  });
});
