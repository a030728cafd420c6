import { asTenantId } from '../../domain/shared/tenant-id';
import {
  type NodeOutcomeRecord,
  type Settlement,
  type WorkflowRepository,
} from '../../domain/workflows/ports/workflow-repository.port';
import { SettlementBatcher } from './settlement-batcher';

const tenant = asTenantId('00000000-0000-4000-8000-000000000001');
const succeeded = (key: string): NodeOutcomeRecord => ({ key, attempt: 1, kind: 'succeeded', output: {} });
const settlementOf = (o: NodeOutcomeRecord): Settlement => ({
  applied: true,
  node: null,
  workflow: null,
  finished: false,
  dispatched: [{ key: `after-${o.key}`, dispatch: 1 }],
  next: null,
});

/** A repository whose settlements answer when the test says so. */
function slowRepository() {
  const calls: { workflowId: string; keys: string[]; release: (error?: Error) => void }[] = [];
  const repository = {
    settle: (_t: unknown, workflowId: string, _w: string, outcomes: readonly NodeOutcomeRecord[]) =>
      new Promise<readonly Settlement[]>((resolve, reject) =>
        calls.push({
          workflowId,
          keys: outcomes.map((o) => o.key),
          release: (error) => (error ? reject(error) : resolve(outcomes.map(settlementOf))),
        }),
      ),
  } as unknown as WorkflowRepository;
  return { repository, calls };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SettlementBatcher', () => {
  it('sends the first outcome at once and those arriving meanwhile together, each answered with its own', async () => {
    const { repository, calls } = slowRepository();
    const batcher = new SettlementBatcher(repository, 'w1');
    const a = batcher.settle(tenant, 'wf', succeeded('a'));
    const b = batcher.settle(tenant, 'wf', succeeded('b'));
    const c = batcher.settle(tenant, 'wf', succeeded('c'));
    await tick();
    expect(calls.map((call) => call.keys)).toEqual([['a']]);
    calls[0]!.release();
    expect((await a).dispatched).toEqual([{ key: 'after-a', dispatch: 1 }]);
    await tick();
    expect(calls.map((call) => call.keys)).toEqual([['a'], ['b', 'c']]);
    calls[1]!.release();
    expect((await b).dispatched[0]!.key).toBe('after-b');
    expect((await c).dispatched[0]!.key).toBe('after-c');
  });

  it('keeps workflows apart: each has its own settlement in flight', async () => {
    const { repository, calls } = slowRepository();
    const batcher = new SettlementBatcher(repository, 'w1');
    void batcher.settle(tenant, 'wf-1', succeeded('a'));
    void batcher.settle(tenant, 'wf-2', succeeded('b'));
    await tick();
    expect(calls.map((call) => [call.workflowId, call.keys])).toEqual([
      ['wf-1', ['a']],
      ['wf-2', ['b']],
    ]);
  });

  it('fails every outcome of a failed batch, and goes on with the next ones', async () => {
    const { repository, calls } = slowRepository();
    const batcher = new SettlementBatcher(repository, 'w1');
    const a = batcher.settle(tenant, 'wf', succeeded('a'));
    const b = batcher.settle(tenant, 'wf', succeeded('b'));
    await tick();
    calls[0]!.release(new Error('connection reset'));
    await expect(a).rejects.toThrow('connection reset');
    await tick();
    calls[1]!.release();
    await expect(b).resolves.toMatchObject({ applied: true });
    const d = batcher.settle(tenant, 'wf', succeeded('d'));
    await tick();
    expect(calls[2]!.keys).toEqual(['d']);
    calls[2]!.release();
    await expect(d).resolves.toMatchObject({ applied: true });
  });

  it('sends at most 64 outcomes per round trip', async () => {
    const { repository, calls } = slowRepository();
    const batcher = new SettlementBatcher(repository, 'w1');
    const all = Array.from({ length: 101 }, (_, i) => batcher.settle(tenant, 'wf', succeeded(`n${i}`)));
    await tick();
    calls[0]!.release();
    await tick();
    calls[1]!.release();
    await tick();
    calls[2]!.release();
    await Promise.all(all);
    expect(calls.map((call) => call.keys.length)).toEqual([1, 64, 36]);
  });
});
