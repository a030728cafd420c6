import { done, wait } from '../../application/workflows/node-handler';
import { type WorkflowRunner } from '../../application/workflows/workflow-runner';
import { DomainError } from '../../domain/shared/domain-error';
import { type TenantEvent } from '../../domain/shared/ports/event-publisher.port';
import { err, ok } from '../../domain/shared/result';
import { engines } from '../support/test-database';
import {
  type Harness,
  byKey,
  executorMatrix,
  handlersWithBuiltins,
  node,
  openHarness,
  sleep,
} from './workflow-harness';

describe.each(executorMatrix(engines()))('workflow runner on %s', (_name, engine, executor) => {
  let h: Harness;
  let runner: WorkflowRunner;
  const calls = new Map<string, number[]>();
  const aborts = new Map<string, string>();
  const finishedHooks: string[] = [];
  const gateOpen = new Set<string>();
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const barriers = new Map<string, (() => void)[]>();
  let inFlightTotal = 0;
  let maxInFlightTotal = 0;

  const count = (key: string) => {
    const times = [...(calls.get(key) ?? []), Date.now()];
    calls.set(key, times);
    return times.length;
  };
  const callsOf = (workflowId: string, key: string) => calls.get(`${workflowId}:${key}`)?.length ?? 0;
  const untilAborted = (signal: AbortSignal, key: string) =>
    new Promise<never>((_resolve, reject) =>
      signal.addEventListener('abort', () => {
        aborts.set(key, (signal.reason as Error).message);
        reject(signal.reason);
      }),
    );

  const handlers = handlersWithBuiltins()
    .register('add', async (run) => {
      count(run.idempotencyKey);
      const upstream = Object.values(run.upstream).reduce((sum, o) => sum + Number(o.n ?? 0), 0);
      return ok(
        done({ n: upstream + Number(run.node.input.n ?? 0), from: Object.keys(run.upstream).sort() }),
      );
    })
    .register('flaky', async (run) => {
      const n = count(run.idempotencyKey);
      return n <= Number(run.node.input.failures) ? err(DomainError.unavailable('not yet')) : ok(done({ n }));
    })
    .register('hang', async (run) => {
      count(run.idempotencyKey);
      return untilAborted(run.signal, run.idempotencyKey);
    })
    .register('broken', async (run) => {
      count(run.idempotencyKey);
      return err(DomainError.validation('the input is wrong'));
    })
    .register('barrier', async (run) => {
      // resolves once `width` nodes of the workflow are running: they all end at the same moment
      const waiting = barriers.get(run.workflowId) ?? [];
      barriers.set(run.workflowId, waiting);
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === Number(run.node.input.width)) for (const release of waiting) release();
      });
      return ok(done({ n: 1 }));
    })
    .register('gate', async (run) => {
      count(run.idempotencyKey);
      return gateOpen.has(run.workflowId) ? ok(done({ n: 10 })) : err(DomainError.conflict('gate closed'));
    })
    .register('track', async (run) => {
      const now = (inFlight.get(run.workflowId) ?? 0) + 1;
      inFlight.set(run.workflowId, now);
      maxInFlight.set(run.workflowId, Math.max(now, maxInFlight.get(run.workflowId) ?? 0));
      maxInFlightTotal = Math.max(maxInFlightTotal, ++inFlightTotal);
      await sleep(Number(run.node.input.ms));
      inFlight.set(run.workflowId, (inFlight.get(run.workflowId) ?? 1) - 1);
      inFlightTotal--;
      return ok(done({}));
    })
    .register('waiter', async (run) => {
      count(run.idempotencyKey);
      const polls = Number(run.node.state?.polls ?? 0);
      if (polls < 2) return ok(wait('approval pending', 30, { polls: polls + 1 }));
      return ok(done({ polls, attempt: run.node.attempt }));
    })
    .onFinished('test', async (workflow) => {
      finishedHooks.push(`${workflow.id}:${workflow.status}`);
    });

  beforeAll(async () => {
    h = await openHarness(engine, executor);
    runner = await h.runner(handlers);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('runs a chain with each output flowing into the next node, publishing progress and finishing once', async () => {
    const events: TenantEvent[] = [];
    const unsubscribe = h.events.subscribe((event) => events.push(event));
    const started = await h.start(runner, {
      nodes: [
        node('a', 'add', { input: { n: 1 } }),
        node('b', 'add', { needs: ['a'], input: { n: 2 } }),
        node('c', 'add', { needs: ['b'], input: { n: 3 } }),
      ],
    });
    const view = await h.finished(started.id);
    unsubscribe();
    expect(view.status).toBe('succeeded');
    expect(view.nodes.map((n) => [n.key, n.status, n.output?.n, n.attempts])).toEqual([
      ['a', 'succeeded', 1, 1],
      ['b', 'succeeded', 3, 1],
      ['c', 'succeeded', 6, 1],
    ]);
    const c = byKey(view).c!;
    expect(c.worker_id).toBe(runner.workerId);
    expect(c.duration_ms).toBeGreaterThanOrEqual(0);
    expect(view.progress).toEqual({ succeeded: 3, total: 3 });

    await h.waitFor(started.id, () => finishedHooks.includes(`${started.id}:succeeded`));
    await sleep(50);
    expect(finishedHooks.filter((f) => f.startsWith(started.id))).toEqual([`${started.id}:succeeded`]);
    const mine = events.filter((e) => e.data.workflow_id === started.id);
    expect(mine.find((e) => e.type === 'workflow.finished')).toMatchObject({
      topics: [`workflow:${started.id}`, `project:${h.projectId}`],
      data: { status: 'succeeded' },
    });
    const updates = mine.filter((e) => e.type === 'workflow.node_updated').map((e) => e.data.node as any);
    expect(updates.filter((n) => n.key === 'b').map((n) => n.status)).toEqual(['running', 'succeeded']);
  });

  it('runs a chain on as continuations: each settlement claims the next node, one claim in all', async () => {
    const claims = jest.spyOn(h.repository, 'claim');
    try {
      const keys = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
      const started = await h.start(runner, {
        nodes: keys.map((key, i) => node(key, 'add', { needs: i ? [keys[i - 1]!] : [], input: { n: 1 } })),
      });
      const view = await h.finished(started.id);
      expect(view.status).toBe('succeeded');
      expect(view.nodes.map((n) => n.output?.n)).toEqual([1, 2, 3, 4, 5, 6]);
      const mine = claims.mock.calls.filter(([ref]) => ref.workflowId === started.id);
      expect(mine.map(([ref]) => ref.key)).toEqual(['c0']);
    } finally {
      claims.mockRestore();
    }
  });

  it('records outcomes of one workflow that end together in few settlements, each node exactly once', async () => {
    const settle = jest.spyOn(h.repository, 'settle');
    try {
      const width = 6;
      const branches = Array.from({ length: width }, (_, i) =>
        node(`g${i}`, 'barrier', { needs: ['root'], input: { width } }),
      );
      const started = await h.start(runner, {
        maxConcurrency: width,
        nodes: [node('root', 'noop'), ...branches],
      });
      const view = await h.finished(started.id);
      expect(view.status).toBe('succeeded');
      const mine = settle.mock.calls.filter(([, workflowId]) => workflowId === started.id);
      const keys = mine.flatMap(([, , , outcomes]) => outcomes.map((o) => o.key)).sort();
      expect(keys).toEqual(['root', ...branches.map((b) => b.key)].sort());
      expect(mine.length).toBeLessThan(width + 1);
    } finally {
      settle.mockRestore();
    }
  });

  it('fans out and back in: the join sees every branch output', async () => {
    const branches = Array.from({ length: 20 }, (_, i) =>
      node(`branch-${i}`, 'add', { needs: ['root'], input: { n: i } }),
    );
    const started = await h.start(runner, {
      maxConcurrency: 6,
      nodes: [node('root', 'noop'), ...branches, node('join', 'add', { needs: branches.map((b) => b.key) })],
    });
    const view = await h.finished(started.id);
    expect(view.status).toBe('succeeded');
    const join = byKey(view).join!;
    expect(join.output).toEqual({ n: 190, from: branches.map((b) => b.key).sort() });
  });

  it('retries a transient failure with exponential backoff, then succeeds', async () => {
    const started = await h.start(runner, {
      nodes: [node('flaky', 'flaky', { input: { failures: 2 }, maxAttempts: 3, backoffMs: 60 })],
    });
    const view = await h.finished(started.id);
    expect(view.status).toBe('succeeded');
    expect(byKey(view).flaky).toMatchObject({ attempts: 3, output: { n: 3 }, error: null });
    const [t1, t2, t3] = calls.get(`${started.id}:flaky`) as number[];
    // equal jitter: at least half of 60 ms, then half of 120 ms
    expect(t2! - t1!).toBeGreaterThanOrEqual(30);
    expect(t3! - t2!).toBeGreaterThanOrEqual(60);
  });

  it('times an attempt out through its signal, retries it, and fails the node when attempts run out', async () => {
    const started = await h.start(runner, {
      nodes: [
        node('slow', 'hang', { timeoutMs: 80, maxAttempts: 2, backoffMs: 10 }),
        node('after', 'noop', { needs: ['slow'] }),
      ],
    });
    const view = await h.finished(started.id);
    expect(view.status).toBe('failed');
    expect(view.error).toContain('node slow failed: timed out after 80 ms');
    expect(byKey(view).slow).toMatchObject({ status: 'failed', attempts: 2 });
    expect(byKey(view).after!.status).toBe('skipped');
    expect(callsOf(started.id, 'slow')).toBe(2);
    expect(aborts.get(`${started.id}:slow`)).toBe('timed out after 80 ms');
  });

  it('fails a node at once on a non-transient error, skipping what depends on it', async () => {
    const started = await h.start(runner, {
      nodes: [
        node('a', 'noop'),
        node('b', 'broken', { needs: ['a'], maxAttempts: 5 }),
        node('c', 'noop', { needs: ['b'] }),
      ],
    });
    const view = await h.finished(started.id);
    expect(view.status).toBe('failed');
    expect(byKey(view).b).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'validation: the input is wrong',
    });
    expect(byKey(view).c!.status).toBe('skipped');
    expect(callsOf(started.id, 'b')).toBe(1);
    await h.waitFor(started.id, () => finishedHooks.includes(`${started.id}:failed`));
  });

  it('cancels a workflow: the running node gets its signal fired, unstarted nodes are cancelled', async () => {
    const started = await h.start(runner, {
      nodes: [node('a', 'hang', { timeoutMs: 30_000 }), node('b', 'noop', { needs: ['a'] })],
    });
    await h.waitFor(started.id, (v) => byKey(v).a!.status === 'running');
    const cancelled = await runner.cancel(h.actor, started.id);
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    const view = await h.waitFor(started.id, (v) => byKey(v).a!.status === 'cancelled');
    expect(aborts.get(`${started.id}:a`)).toBe('the workflow was cancelled');
    expect(byKey(view).b!.status).toBe('cancelled');
    expect(finishedHooks.filter((f) => f.startsWith(started.id))).toEqual([`${started.id}:cancelled`]);
    const again = await runner.cancel(h.actor, started.id);
    expect(again.ok).toBe(true);
  });

  it('fires the signal of a node whose workflow was cancelled where no event reached it', async () => {
    const quick = await h.runner(handlers, { leaseMs: 450 }, 'quick');
    const started = await h.start(quick, { nodes: [node('a', 'hang', { timeoutMs: 30_000 })] });
    await h.waitFor(started.id, (v) => byKey(v).a!.status === 'running');
    // as another process would, without an event bus shared with this one
    await h.repository.cancel(h.tenantId, started.id, 'cancelled elsewhere');
    await h.waitFor(started.id, (v) => byKey(v).a!.status === 'cancelled', 5000);
    expect(aborts.get(`${started.id}:a`)).toBe('the workflow was cancelled');
  });

  it('never runs more nodes of a workflow at once than its max concurrency', async () => {
    const spec = (n: number) =>
      Array.from({ length: n }, (_, i) => node(`t${i}`, 'track', { input: { ms: 15 } }));
    const [one, two] = await Promise.all([
      h.start(runner, { maxConcurrency: 3, nodes: spec(24) }),
      h.start(runner, { maxConcurrency: 2, nodes: spec(12) }),
    ]);
    await h.finished(one!.id);
    await h.finished(two!.id);
    expect(maxInFlight.get(one!.id)).toBe(3);
    expect(maxInFlight.get(two!.id)).toBe(2);
    expect(maxInFlightTotal).toBeLessThanOrEqual(8);
  });

  it('resumes a waiting node with its saved state, without spending an attempt', async () => {
    const seen: string[] = [];
    const unsubscribe = h.events.subscribe((e) => {
      if (e.type === 'workflow.node_updated') seen.push((e.data.node as { status: string }).status);
    });
    const started = await h.start(runner, { nodes: [node('w', 'waiter', { maxAttempts: 1 })] });
    const view = await h.finished(started.id);
    unsubscribe();
    expect(view.status).toBe('succeeded');
    expect(byKey(view).w).toMatchObject({ attempts: 1, output: { polls: 2, attempt: 1 }, waiting_for: null });
    expect(callsOf(started.id, 'w')).toBe(3);
    expect(seen).toContain('waiting');
  });

  it('retries a failed workflow from its unfinished nodes, keeping the finished ones', async () => {
    const started = await h.start(runner, {
      nodes: [
        node('a', 'add', { input: { n: 1 } }),
        node('b', 'gate', { needs: ['a'] }),
        node('c', 'add', { needs: ['b'], input: { n: 100 } }),
      ],
    });
    const failed = await h.finished(started.id);
    expect(failed.status).toBe('failed');
    expect((await runner.retry(h.actor, started.id)).ok).toBe(true);
    // the gate is still closed: the retry fails the same way
    expect((await h.finished(started.id)).status).toBe('failed');
    gateOpen.add(started.id);
    const retried = await runner.retry(h.actor, started.id);
    // retry answers the workflow as it reads it after enqueueing: an in-process queue may already
    // have run the two remaining nodes (seen on PostgreSQL from a clean clone); never still failed
    expect(['running', 'succeeded']).toContain(retried.ok && retried.value.status);
    const view = await h.finished(started.id);
    expect(view.status).toBe('succeeded');
    expect(byKey(view).c!.output).toMatchObject({ n: 110 });
    expect([callsOf(started.id, 'a'), callsOf(started.id, 'b'), callsOf(started.id, 'c')]).toEqual([1, 3, 1]);
    const again = await runner.retry(h.actor, started.id);
    expect(!again.ok && again.error.code).toBe('conflict');
    expect(finishedHooks.filter((f) => f.startsWith(started.id))).toEqual([
      `${started.id}:failed`,
      `${started.id}:failed`,
      `${started.id}:succeeded`,
    ]);
  });

  it('resumes after a crash: a new runner re-runs the node that was running, not the finished ones', async () => {
    let firstRun = true;
    const crashing = handlersWithBuiltins()
      .register('add', handlers.get('add')!)
      .register('block', async (run) => {
        count(run.idempotencyKey);
        if (firstRun) {
          firstRun = false;
          return untilAborted(run.signal, run.idempotencyKey); // the process "dies" during this attempt
        }
        return ok(done({ n: 5 }));
      });
    const a = await h.runner(crashing, { leaseMs: 500 }, 'crash');
    const started = await h.start(a, {
      nodes: [
        node('a', 'add', { input: { n: 1 } }),
        node('b', 'block', { needs: ['a'] }),
        node('c', 'add', { needs: ['b'], input: { n: 1 } }),
      ],
    });
    await h.waitFor(started.id, (v) => byKey(v).b!.status === 'running');
    await a.stop({ abandon: true });

    const b = await h.runner(crashing, { leaseMs: 500, recoverEveryMs: 100 }, 'crash');
    b.startRecovery();
    const view = await h.finished(started.id, 20_000);
    expect(view.status).toBe('succeeded');
    expect(byKey(view).b).toMatchObject({ worker_id: b.workerId, attempts: 2, output: { n: 5 } });
    expect(byKey(view).c!.output).toMatchObject({ n: 6 });
    expect([callsOf(started.id, 'a'), callsOf(started.id, 'b'), callsOf(started.id, 'c')]).toEqual([1, 2, 1]);
  });

  it('refuses an invalid DAG or an unknown node type before storing anything', async () => {
    const cyclic = await runner.start(h.actor, {
      name: 'x',
      kind: 'test',
      projectId: null,
      input: {},
      nodes: [node('a', 'noop', { needs: ['b'] }), node('b', 'noop', { needs: ['a'] })],
    });
    expect(!cyclic.ok && cyclic.error.message).toBe('the workflow is not a valid DAG');
    const unknown = await runner.start(h.actor, {
      name: 'x',
      kind: 'test',
      projectId: null,
      input: {},
      nodes: [node('a', 'teleport')],
    });
    expect(!unknown.ok && unknown.error.fields).toEqual([
      { path: 'nodes[0].type', message: 'unknown node type teleport' },
    ]);
    const listed = await runner.list(h.actor, { limit: 200 });
    expect(listed.ok && listed.value.items.every((w) => w.name !== 'x')).toBe(true);
  });
});
