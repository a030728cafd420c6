import fc from 'fast-check';
import { type Agent } from './agent.entity';
import { ROSTER } from './roster';
import { spawnWorker } from './worker';

const agent = (code: string): Agent => ROSTER.find((a) => a.code === code) as Agent;

describe('spawnWorker', () => {
  it('gives the worker exactly the one action it was created for', () => {
    const worker = spawnWorker(agent('DOA'), 'migration.execute_workload', 'execute:web-01');
    expect(worker.ok).toBe(true);
    if (!worker.ok) return;
    expect(worker.value.code).toBe('DOA.L1.execute:web-01');
    expect(worker.value.level).toBe('L1');
    expect(worker.value.parent).toBe('DOA');
    expect(worker.value.permissions).toEqual(['migration.execute_workload']);
    expect(worker.value.holds('migration.cutover')).toBe(false);
    expect(worker.value.holds('cloud.lifecycle')).toBe(false);
  });

  it('never lets a worker hold an action other than its own, for any L2 and action', () => {
    const l2s = ROSTER.filter((a) => a.level === 'L2');
    const allActions = [...new Set(ROSTER.flatMap((a) => a.permissions))];
    fc.assert(
      fc.property(
        fc.constantFrom(...l2s),
        fc.constantFrom(...allActions),
        fc.constantFrom(...allActions),
        (l2, action, other) => {
          const worker = spawnWorker(l2, action, 'task-1');
          expect(worker.ok).toBe(l2.holds(action));
          if (worker.ok) expect(worker.value.holds(other)).toBe(other === action);
        },
      ),
    );
  });

  it('refuses a worker for an action its L2 does not hold', () => {
    expect(spawnWorker(agent('PMA'), 'cloud.lifecycle', 'stop-vm')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', reason: 'action_not_permitted' }),
    });
  });

  it('lets only an L2 spawn workers', () => {
    expect(spawnWorker(agent('EPA'), 'cost.analyze', 't')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', reason: 'not_l2' }),
    });
  });

  it('refuses a task key that would not make a clean agent code', () => {
    expect(spawnWorker(agent('FIA'), 'cost.analyze', 'a b')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'validation' }),
    });
  });
});
