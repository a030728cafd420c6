import { type NodeJob } from '../../domain/workflows/ports/work-queue.port';
import { InProcessWorkQueue } from './in-process-work-queue';

const job = (nodeKey: string, dispatch = 1): NodeJob => ({
  tenantId: 't',
  workflowId: 'w',
  nodeKey,
  dispatch,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('InProcessWorkQueue', () => {
  it('makes producers wait while the queue is full, instead of growing', async () => {
    const queue = new InProcessWorkQueue({ capacity: 2 });
    await queue.enqueue(job('a'));
    await queue.enqueue(job('b'));
    let added = false;
    const third = queue.enqueue(job('c')).then(() => (added = true));
    await tick();
    expect(added).toBe(false);
    expect(queue.size).toBe(2);
    const seen: string[] = [];
    await queue.consume(async (j) => void seen.push(j.nodeKey), 1);
    await third;
    await tick();
    expect(seen).toEqual(['a', 'b', 'c']);
    await queue.close();
  });

  it('runs at most `concurrency` jobs at once', async () => {
    const queue = new InProcessWorkQueue({ capacity: 100 });
    let running = 0;
    let most = 0;
    for (let i = 0; i < 12; i++) await queue.enqueue(job(`n${i}`));
    await queue.consume(async () => {
      most = Math.max(most, ++running);
      await tick();
      running--;
    }, 3);
    while (queue.size > 0 || running > 0) await tick();
    expect(most).toBe(3);
    await queue.close();
  });

  it('collapses an enqueue of a job that is already waiting or running here', async () => {
    const queue = new InProcessWorkQueue({ capacity: 100 });
    const seen: string[] = [];
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await queue.consume(async (j) => {
      seen.push(`${j.nodeKey}:${j.dispatch}`);
      await gate;
    }, 4);
    await queue.enqueue(job('a'));
    await queue.enqueue(job('a'));
    await queue.enqueue(job('a', 2));
    await tick();
    release();
    await queue.close();
    expect(seen).toEqual(['a:1', 'a:2']);
  });

  it('delivers a delayed job once its delay passed, and drops timers on close', async () => {
    const queue = new InProcessWorkQueue({ capacity: 1 });
    const seen: string[] = [];
    await queue.consume(async (j) => void seen.push(j.nodeKey), 1);
    await queue.enqueue(job('later'), 30);
    await queue.enqueue(job('never'), 10_000);
    await tick();
    expect(seen).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(seen).toEqual(['later']);
    await queue.close();
  });
});
