import {
  Cockpit,
  type CockpitOptions,
  CockpitApiError,
  CockpitNetworkError,
  StepRejectedError,
  StepsDroppedError,
} from '../../sdk/typescript/src';
import { backoffDelay, parseRetryAfter } from '../../sdk/typescript/src/http';
import { type StubServer, problem, sequence, startStubServer } from './support/ts-stub-server';

/**
 * Batching, retries and flushing of the TypeScript SDK against a node:http stand-in that fails on
 * purpose: 429 with Retry-After, 503, a connection reset, 400, 207 and 413.
 */

const STEPS = /^\/v1\/runs\/[^/]+\/steps$/;
const FAST_RETRY = { retryBaseDelayMs: 10, retryMaxDelayMs: 50 } as const;

describe('the TypeScript SDK transport', () => {
  let stub: StubServer;
  let errors: Error[];
  const clients: Cockpit[] = [];

  const client = (options: Partial<CockpitOptions> = {}) => {
    const cockpit = new Cockpit({
      baseUrl: `${stub.url}/`,
      apiKey: 'ck_test',
      flushIntervalMs: 60_000,
      onError: (error) => errors.push(error),
      ...FAST_RETRY,
      ...options,
    });
    clients.push(cockpit);
    return cockpit;
  };
  const stepsSent = () => stub.requestsTo('POST', STEPS).flatMap((r) => r.body.steps.map((s: any) => s.id));

  beforeEach(async () => {
    stub = await startStubServer();
    errors = [];
  });
  afterEach(async () => {
    for (const cockpit of clients.splice(0)) await cockpit.close();
    await stub.close();
  });

  describe('starting and finishing a run', () => {
    it('creates the run with a client-chosen UUID, the API key and snake_case fields', async () => {
      const run = await client().startRun({
        name: 'checkout',
        tags: ['eu'],
        metadata: { env: 'prod' },
        startedAt: new Date('2026-01-01T00:00:00Z'),
      });
      expect(run.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const [create] = stub.requestsTo('POST', '/v1/runs');
      expect(create!.headers.authorization).toBe('Bearer ck_test');
      expect(create!.headers['content-type']).toBe('application/json');
      expect(create!.body).toEqual({
        id: run.id,
        name: 'checkout',
        tags: ['eu'],
        metadata: { env: 'prod' },
        started_at: '2026-01-01T00:00:00.000Z',
      });
    });

    it('sends the steps of a run before finishing it', async () => {
      const run = await client().startRun({ name: 'r' });
      run.step({ kind: 'custom', name: 'one' });
      run.step({ kind: 'custom', name: 'two' });
      const finished = await run.finish('succeeded');
      expect(finished).toMatchObject({ id: run.id, status: 'succeeded' });
      const paths = stub.requests.map((r) => `${r.method} ${r.url.replace(run.id, ':id')}`);
      expect(paths).toEqual(['POST /v1/runs', 'POST /v1/runs/:id/steps', 'POST /v1/runs/:id:finish']);
      expect(stub.stored.get(run.id)!.size).toBe(2);
    });

    it('finishes once however often finish() is called with the same status', async () => {
      const run = await client().startRun();
      const [a, b] = await Promise.all([run.finish('failed'), run.finish('failed')]);
      expect(a).toEqual(b);
      expect(stub.requestsTo('POST', /:finish$/)).toHaveLength(1);
      run.step({ kind: 'custom' });
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/is finished/)]);
    });

    it('throws a typed error, without retrying, when the server refuses the run (400)', async () => {
      stub.on('POST', /^\/v1\/runs$/, () => problem(400, 'validation', 'name is too long'));
      const failure = await client()
        .startRun({ name: 'x' })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CockpitApiError);
      expect(failure).toMatchObject({ status: 400, attempts: 1, problemType: 'validation' });
      expect((failure as Error).message).toMatch(/name is too long/);
      expect(stub.requests).toHaveLength(1);
    });

    it('runs a function inside a run and finishes it as failed when it throws', async () => {
      const cockpit = client();
      await expect(
        cockpit.withRun({ name: 'boom' }, (run) => {
          run.step({ kind: 'custom' });
          throw new Error('agent crashed');
        }),
      ).rejects.toThrow('agent crashed');
      expect(stub.requestsTo('POST', /:finish$/)[0]!.body).toEqual({ status: 'failed' });
      expect(await cockpit.withRun({}, () => 42)).toBe(42);
    });
  });

  describe('batching', () => {
    it('sends a batch as soon as batchSize steps are queued, and the rest on flush', async () => {
      const cockpit = client({ batchSize: 3 });
      const run = await cockpit.startRun();
      const ids = Array.from({ length: 7 }, (_, i) => run.step({ kind: 'custom', name: `s${i}` }));
      await cockpit.flush();
      const batches = stub.requestsTo('POST', STEPS).map((r) => r.body.steps.map((s: any) => s.id));
      expect(batches).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
    });

    it('sends a lone step after flushIntervalMs', async () => {
      const run = await client({ flushIntervalMs: 50 }).startRun();
      const id = run.step({ kind: 'custom' });
      expect(stepsSent()).toEqual([]);
      await waitFor(() => stepsSent().length === 1);
      expect(stepsSent()).toEqual([id]);
    });

    it('cuts batches at maxBatchBytes', async () => {
      const cockpit = client({ maxBatchBytes: 3000 });
      const run = await cockpit.startRun();
      for (let i = 0; i < 6; i++) run.step({ kind: 'custom', input: 'x'.repeat(1000) });
      await cockpit.flush();
      const sizes = stub.requestsTo('POST', STEPS).map((r) => r.body.steps.length);
      expect(sizes).toEqual([2, 2, 2]);
    });

    it('snapshots a step when it is recorded: later mutations are not sent', async () => {
      const cockpit = client();
      const run = await cockpit.startRun();
      const input = { query: 'before' };
      run.step({ kind: 'tool', tool: 'search', input });
      input.query = 'after';
      await cockpit.flush();
      expect(stub.requestsTo('POST', STEPS)[0]!.body.steps[0].input).toEqual({ query: 'before' });
    });

    it('sends values JSON cannot hold without throwing (cycles, bigint, errors)', async () => {
      const cockpit = client();
      const run = await cockpit.startRun();
      const cyclic: Record<string, unknown> = { n: 1n };
      cyclic.self = cyclic;
      run.step({ kind: 'custom', input: cyclic, error: new TypeError('bad') });
      await cockpit.flush();
      expect(stub.requestsTo('POST', STEPS)[0]!.body.steps[0]).toMatchObject({
        input: { n: '1', self: '[Circular]' },
        error: { name: 'TypeError', message: 'bad' },
      });
    });

    it('halves a batch the server finds too large (413)', async () => {
      let refused = 0;
      stub.on('POST', STEPS, (request) => {
        if (request.body.steps.length > 2) {
          refused++;
          return problem(413, 'batch-too-large');
        }
        return stub.defaults(request);
      });
      const cockpit = client({ batchSize: 8, flushIntervalMs: 60_000 });
      const run = await cockpit.startRun();
      const ids = Array.from({ length: 8 }, () => run.step({ kind: 'custom' }));
      await cockpit.flush();
      expect(refused).toBe(3);
      expect([...stub.stored.get(run.id)!.keys()]).toEqual(ids);
      expect(errors).toEqual([]);
    });
  });

  describe('retries', () => {
    it('waits as long as Retry-After says after a 429, then delivers the batch once', async () => {
      stub.on('POST', STEPS, sequence([{ status: 429, headers: { 'retry-after': '1' } }], stub.defaults));
      const cockpit = client();
      const run = await cockpit.startRun();
      const ids = [run.step({ kind: 'custom' }), run.step({ kind: 'custom' })];
      await cockpit.flush();
      const attempts = stub.requestsTo('POST', STEPS);
      expect(attempts).toHaveLength(2);
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
      expect([...stub.stored.get(run.id)!.keys()]).toEqual(ids);
      expect(errors).toEqual([]);
    });

    it('backs off and retries 502, 503 and 504', async () => {
      stub.on(
        'POST',
        STEPS,
        sequence([{ status: 502 }, problem(503, 'unavailable'), { status: 504 }], stub.defaults),
      );
      const cockpit = client();
      const run = await cockpit.startRun();
      run.step({ kind: 'custom' });
      await cockpit.flush();
      expect(stub.requestsTo('POST', STEPS)).toHaveLength(4);
      expect(stub.stored.get(run.id)!.size).toBe(1);
      expect(errors).toEqual([]);
    });

    it('retries after a connection reset; the resent steps are duplicates, never stored twice', async () => {
      let reset = false;
      stub.on('POST', STEPS, async (request) => {
        const answer = await stub.defaults(request); // stored...
        if (reset) return answer;
        reset = true;
        return 'reset'; // ...but the answer is lost
      });
      const cockpit = client();
      const run = await cockpit.startRun();
      const ids = [run.step({ kind: 'custom' }), run.step({ kind: 'model', model: 'gpt-4o' })];
      await cockpit.flush();
      const attempts = stub.requestsTo('POST', STEPS);
      expect(attempts).toHaveLength(2);
      expect(attempts[1]!.body).toEqual(attempts[0]!.body);
      expect([...stub.stored.get(run.id)!.keys()]).toEqual(ids);
      expect(errors).toEqual([]);
    });

    it('never retries a 400 and reports the dropped steps to onError', async () => {
      stub.on('POST', STEPS, () => problem(400, 'validation'));
      const cockpit = client();
      const run = await cockpit.startRun();
      const id = run.step({ kind: 'custom' });
      await cockpit.flush();
      expect(stub.requestsTo('POST', STEPS)).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(StepsDroppedError);
      expect(errors[0]).toMatchObject({ runId: run.id, stepIds: [id] });
      expect((errors[0] as StepsDroppedError).cause).toBeInstanceOf(CockpitApiError);
    });

    it('reports each step the server refused in a 207, without resending the batch', async () => {
      stub.on('POST', STEPS, (request) => ({
        status: 207,
        body: {
          results: request.body.steps.map((step: any, i: number) =>
            i === 1
              ? {
                  id: step.id,
                  status: 'rejected',
                  code: 403,
                  error: { code: 'forbidden', message: 'bad token' },
                }
              : { id: step.id, status: 'created', code: 201 },
          ),
        },
      }));
      const cockpit = client();
      const run = await cockpit.startRun();
      const ids = [run.step({ kind: 'custom' }), run.step({ kind: 'tool' }), run.step({ kind: 'custom' })];
      await cockpit.flush();
      expect(stub.requestsTo('POST', STEPS)).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(StepRejectedError);
      expect(errors[0]).toMatchObject({ stepId: ids[1], status: 403 });
      expect(errors[0]!.message).toMatch(/bad token/);
    });

    it('gives up after maxRetries with the last status', async () => {
      stub.on('POST', /:finish$/, () => problem(503, 'unavailable'));
      const run = await client({ maxRetries: 2 }).startRun();
      const failure = await run.finish().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CockpitApiError);
      expect(failure).toMatchObject({ status: 503, attempts: 3 });
      expect(stub.requestsTo('POST', /:finish$/)).toHaveLength(3);
    });

    it('gives up on an unreachable server with a network error', async () => {
      const cockpit = new Cockpit({
        baseUrl: 'http://127.0.0.1:1',
        apiKey: 'ck_test',
        maxRetries: 1,
        flushOnExit: false,
        ...FAST_RETRY,
      });
      await expect(cockpit.startRun()).rejects.toBeInstanceOf(CockpitNetworkError);
      await cockpit.close();
    });

    it('doubles the backoff per retry, with jitter, up to the cap', () => {
      const options = { maxRetries: 9, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
      const low = [1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, options, () => 0));
      const high = [1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, options, () => 1));
      expect(low).toEqual([50, 100, 200, 400, 500]);
      expect(high).toEqual([100, 200, 400, 800, 1000]);
    });

    it('reads Retry-After as seconds or as an HTTP date', () => {
      const now = Date.parse('2026-01-01T00:00:00Z');
      expect(parseRetryAfter('3', now)).toBe(3000);
      expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:02 GMT', now)).toBe(2000);
      expect(parseRetryAfter('soon', now)).toBeNull();
      expect(parseRetryAfter(null, now)).toBeNull();
    });
  });

  describe('flushing at the end', () => {
    it('flushes on process beforeExit, and close() removes that hook', async () => {
      const before = process.listeners('beforeExit');
      const cockpit = client();
      const hook = process.listeners('beforeExit').find((listener) => !before.includes(listener));
      expect(hook).toBeDefined();
      const run = await cockpit.startRun();
      const id = run.step({ kind: 'custom' });
      (hook as () => void)();
      await waitFor(() => stepsSent().length === 1);
      expect(stepsSent()).toEqual([id]);
      await cockpit.close();
      expect(process.listeners('beforeExit')).not.toContain(hook);
    });

    it('flushes on close(), then refuses new work', async () => {
      const cockpit = client();
      const run = await cockpit.startRun();
      run.step({ kind: 'custom' });
      await cockpit.close();
      expect(stepsSent()).toHaveLength(1);
      run.step({ kind: 'custom' });
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/closed/)]);
      await expect(cockpit.startRun()).rejects.toThrow(/closed/);
    });
  });

  describe('helpers', () => {
    it('records tool, model and retrieval steps with timing, usage, output and errors', async () => {
      const cockpit = client();
      const run = await cockpit.startRun();
      const answer = await run.modelStep('claude-sonnet', { prompt: 'hi' }, () => ({
        text: 'hello',
        usage: { input_tokens: 12, output_tokens: 3 },
      }));
      expect(answer.text).toBe('hello');
      await run.toolStep('search', { q: 'paris' }, async (input, { stepId }) => {
        await run.retrievalStep('docs', input.q, () => ['doc'], { parentId: stepId });
        return { hits: 1 };
      });
      await expect(
        run.toolStep('explode', {}, () => {
          throw new RangeError('no');
        }),
      ).rejects.toThrow('no');
      await cockpit.flush();
      const steps = stub.requestsTo('POST', STEPS).flatMap((r) => r.body.steps);
      const [model, retrieval, tool, failed] = steps;
      expect(model).toMatchObject({
        kind: 'model',
        model: 'claude-sonnet',
        name: 'claude-sonnet',
        input: { prompt: 'hi' },
        usage: { input_tokens: 12, output_tokens: 3 },
      });
      expect(tool).toMatchObject({
        kind: 'tool',
        tool: 'search',
        input: { q: 'paris' },
        output: { hits: 1 },
      });
      expect(retrieval).toMatchObject({
        kind: 'retrieval',
        name: 'docs',
        input: 'paris',
        parent_id: tool.id,
      });
      expect(failed).toMatchObject({
        kind: 'tool',
        tool: 'explode',
        error: { name: 'RangeError', message: 'no' },
      });
      for (const step of steps)
        expect(Date.parse(step.ended_at)).toBeGreaterThanOrEqual(Date.parse(step.started_at));
    });

    it('redacts payloads in the process when asked to, except a gated tool call’s input', async () => {
      const cockpit = client({ sanitize: true });
      const run = await cockpit.startRun();
      run.step({ kind: 'custom', input: { email: 'ann@example.com' }, metadata: { password: 'hunter2' } });
      run.step({ kind: 'tool', tool: 't', input: { to: 'ann@example.com' }, decisionToken: 'tok' });
      await cockpit.flush();
      const [plain, gated] = stub.requestsTo('POST', STEPS).flatMap((r) => r.body.steps);
      expect(plain.input).toEqual({ email: '[REDACTED:email]' });
      expect(plain.metadata).toEqual({ password: '[REDACTED:credential]' });
      expect(gated.input).toEqual({ to: 'ann@example.com' });
    });

    it('uses the fetch it is given', async () => {
      const seen: string[] = [];
      const cockpit = client({
        fetch: (url, init) => {
          seen.push(`${init.method} ${url}`);
          return fetch(url, init);
        },
      });
      await cockpit.startRun();
      expect(seen).toEqual([`POST ${stub.url}/v1/runs`]);
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
