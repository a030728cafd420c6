import {
  ApprovalTimeoutError,
  BlockedError,
  Cockpit,
  CockpitApiError,
  DeniedError,
  GateAbortedError,
  GateError,
  GateProtocolError,
  type Run,
  hitlGate,
  payloadHash,
} from '../../sdk/typescript/src';
import { type StubRequest, type StubServer, problem, startStubServer } from './support/ts-stub-server';

/**
 * The gate's client side of PROTOCOL.md ("Gating a tool call") against a scripted stand-in: which
 * requests it makes, in which order, and that the wrapped function never runs without a token.
 * test/sdk/typescript-gate.test.ts runs the same flows against the real server.
 */

const STEPS = /^\/v1\/runs\/[^/]+\/steps$/;
const APPROVAL = /^\/v1\/approvals\/[^/]+$/;
const ARGS = { order_id: 'o-42', amount: 120, reason: 'damaged' };

const evaluation = (decision: string, extra: Record<string, unknown> = {}) => ({
  status: 200,
  body: { decision, policy_version: 3, reasons: [`rule says ${decision}`], payload_hash: 'h', ...extra },
});

describe('hitlGate against a stand-in server', () => {
  let stub: StubServer;
  let cockpit: Cockpit;
  let run: Run;
  let calls: unknown[];
  const refund = (args: typeof ARGS) => {
    calls.push(args);
    return { refunded: args.amount };
  };
  const toolSteps = () =>
    stub
      .requestsTo('POST', STEPS)
      .flatMap((r) => r.body.steps)
      .filter((s: any) => s.kind === 'tool');

  beforeEach(async () => {
    stub = await startStubServer();
    cockpit = new Cockpit({
      baseUrl: stub.url,
      apiKey: 'ck_test',
      agent: 'support-bot',
      retryBaseDelayMs: 10,
      onError: (error) => {
        throw error;
      },
    });
    run = await cockpit.startRun({ name: 'refunds' });
    calls = [];
  });
  afterEach(async () => {
    await cockpit.close();
    await stub.close();
  });

  it('runs the tool on allow and reports it with the decision token and the evaluated arguments', async () => {
    let evaluated: StubRequest | undefined;
    stub.on('POST', /^\/v1\/policies:evaluate$/, (request) => {
      evaluated = request;
      return evaluation('allow', { decision_token: 'tok-allow' });
    });
    const gated = hitlGate(
      'issue_refund',
      (args: typeof ARGS, context) => {
        expect(context).toMatchObject({ decisionToken: 'tok-allow', approvalId: null });
        return refund(args);
      },
      { run, risk: 'high', environment: 'prod' },
    );

    await expect(gated(ARGS, { parentId: 'agent-step' })).resolves.toEqual({ refunded: 120 });
    await cockpit.flush();

    expect(evaluated!.body).toEqual({
      agent: 'support-bot',
      tool: 'issue_refund',
      arguments: ARGS,
      risk: 'high',
      environment: 'prod',
      run_id: run.id,
      step_id: expect.stringMatching(/^gate-/),
      issue_token: true,
    });
    expect(calls).toEqual([ARGS]);
    const [step] = toolSteps();
    expect(step).toMatchObject({
      id: evaluated!.body.step_id,
      kind: 'tool',
      tool: 'issue_refund',
      input: ARGS,
      output: { refunded: 120 },
      decision_token: 'tok-allow',
      parent_id: 'agent-step',
    });
    expect(payloadHash(step.tool, step.input)).toBe(payloadHash('issue_refund', evaluated!.body.arguments));
  });

  it('throws BlockedError on block, and never runs the tool', async () => {
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => evaluation('block'));
    const gated = hitlGate('issue_refund', refund, { run });
    const failure = await gated(ARGS).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BlockedError);
    expect(failure).toBeInstanceOf(GateError);
    expect(failure).toMatchObject({ tool: 'issue_refund', reasons: ['rule says block'], policyVersion: 3 });
    await cockpit.flush();
    expect(calls).toEqual([]);
    expect(toolSteps()).toEqual([]);
    expect(stub.requestsTo('POST', '/v1/approvals')).toEqual([]);
  });

  it('asks for approval, long-polls until approved, then runs with the approval’s token', async () => {
    let polls = 0;
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => evaluation('require_approval'));
    stub.on('POST', /^\/v1\/approvals$/, (request) => ({
      status: 201,
      body: { id: 'ap-1', status: 'pending', payload_hash: 'h', expires_at: 'later', echo: request.body },
    }));
    stub.on('GET', APPROVAL, async () => {
      polls++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return polls < 3
        ? { status: 200, body: { id: 'ap-1', status: 'pending' } }
        : { status: 200, body: { id: 'ap-1', status: 'approved', decision_token: 'tok-approved' } };
    });
    const gated = hitlGate(
      'issue_refund',
      (args: typeof ARGS, context) => {
        expect(context).toMatchObject({ decisionToken: 'tok-approved', approvalId: 'ap-1' });
        return refund(args);
      },
      { run, summary: (args) => `Refund ${args.amount} EUR on ${args.order_id}`, pollWaitSeconds: 1 },
    );

    await expect(gated(ARGS)).resolves.toEqual({ refunded: 120 });
    await cockpit.flush();

    const [created] = stub.requestsTo('POST', '/v1/approvals');
    const [evaluated] = stub.requestsTo('POST', '/v1/policies:evaluate');
    expect(created!.body).toEqual({
      run_id: run.id,
      step_id: evaluated!.body.step_id,
      tool: 'issue_refund',
      arguments: ARGS,
      risk: 'medium',
      summary: 'Refund 120 EUR on o-42',
    });
    expect(stub.requestsTo('GET', APPROVAL).map((r) => r.url)).toEqual([
      '/v1/approvals/ap-1?wait=1',
      '/v1/approvals/ap-1?wait=1',
      '/v1/approvals/ap-1?wait=1',
    ]);
    expect(calls).toEqual([ARGS]);
    expect(toolSteps()).toEqual([expect.objectContaining({ decision_token: 'tok-approved', input: ARGS })]);
  });

  it.each([
    [
      'denied',
      { status: 'denied', reason: 'not eligible', decided_by: { kind: 'user', id: 'u1' } },
      DeniedError,
    ],
    ['expired', { status: 'expired' }, ApprovalTimeoutError],
  ])('throws on %s, and never runs the tool', async (_name, decided, type) => {
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => evaluation('require_approval'));
    stub.on('POST', /^\/v1\/approvals$/, () => ({ status: 201, body: { id: 'ap-2', status: 'pending' } }));
    stub.on('GET', APPROVAL, () => ({ status: 200, body: { id: 'ap-2', ...decided } }));
    const failure = await hitlGate('issue_refund', refund, { run })(ARGS).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(type);
    if (failure instanceof DeniedError)
      expect(failure).toMatchObject({ approvalId: 'ap-2', reason: 'not eligible' });
    if (failure instanceof ApprovalTimeoutError) expect(failure.expired).toBe(true);
    await cockpit.flush();
    expect(calls).toEqual([]);
    expect(toolSteps()).toEqual([]);
  });

  it('gives up with ApprovalTimeoutError after its own timeout', async () => {
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => evaluation('require_approval'));
    stub.on('POST', /^\/v1\/approvals$/, () => ({ status: 201, body: { id: 'ap-3', status: 'pending' } }));
    stub.on('GET', APPROVAL, async (request) => {
      const wait = Number(new URL(request.url, 'http://x').searchParams.get('wait'));
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      return { status: 200, body: { id: 'ap-3', status: 'pending' } };
    });
    const started = Date.now();
    const failure = await hitlGate('issue_refund', refund, { run, timeoutMs: 1500 })(ARGS).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ApprovalTimeoutError);
    expect(failure).toMatchObject({ expired: false, approvalId: 'ap-3', timeoutMs: 1500 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(calls).toEqual([]);
  });

  it('does not spin when the server answers a long poll at once', async () => {
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => evaluation('require_approval'));
    stub.on('POST', /^\/v1\/approvals$/, () => ({ status: 201, body: { id: 'ap-4', status: 'pending' } }));
    stub.on('GET', APPROVAL, () => ({ status: 200, body: { id: 'ap-4', status: 'pending' } }));
    await expect(hitlGate('issue_refund', refund, { run, timeoutMs: 2000 })(ARGS)).rejects.toBeInstanceOf(
      ApprovalTimeoutError,
    );
    expect(stub.requestsTo('GET', APPROVAL).length).toBeLessThanOrEqual(4);
  });

  it('stops waiting when its AbortSignal fires', async () => {
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => evaluation('require_approval'));
    stub.on('POST', /^\/v1\/approvals$/, () => ({ status: 201, body: { id: 'ap-5', status: 'pending' } }));
    stub.on('GET', APPROVAL, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return { status: 200, body: { id: 'ap-5', status: 'approved', decision_token: 'too-late' } };
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 100);
    const failure = await hitlGate('issue_refund', refund, { run })(ARGS, {
      signal: controller.signal,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GateAbortedError);
    expect((failure as Error).cause).toEqual(new Error('user cancelled'));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(calls).toEqual([]);
    const aborted = new AbortController();
    aborted.abort();
    await expect(
      hitlGate('issue_refund', refund, { run, signal: aborted.signal })(ARGS),
    ).rejects.toBeInstanceOf(GateAbortedError);
  });

  it('reports the tool’s own error on its step and rethrows it', async () => {
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => evaluation('allow', { decision_token: 'tok' }));
    const gated = hitlGate(
      'issue_refund',
      () => {
        throw new Error('payment provider down');
      },
      { run },
    );
    await expect(gated(ARGS)).rejects.toThrow('payment provider down');
    await cockpit.flush();
    expect(toolSteps()).toEqual([
      expect.objectContaining({
        decision_token: 'tok',
        error: { name: 'Error', message: 'payment provider down' },
      }),
    ]);
  });

  it('fails closed: an unreachable policy service or an allow without a token never runs the tool', async () => {
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => problem(500, 'internal'));
    await expect(hitlGate('issue_refund', refund, { run })(ARGS)).rejects.toBeInstanceOf(CockpitApiError);
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => evaluation('allow'));
    await expect(hitlGate('issue_refund', refund, { run })(ARGS)).rejects.toBeInstanceOf(GateProtocolError);
    stub.on('POST', /^\/v1\/policies:evaluate$/, () => evaluation('maybe'));
    await expect(hitlGate('issue_refund', refund, { run })(ARGS)).rejects.toBeInstanceOf(GateProtocolError);
    expect(calls).toEqual([]);
  });

  it('refuses arguments that are not an object before asking anything', async () => {
    const gated = hitlGate('t', () => 1, { run }) as unknown as (args: unknown) => Promise<unknown>;
    await expect(gated(['a'])).rejects.toThrow(TypeError);
    expect(stub.requestsTo('POST', '/v1/policies:evaluate')).toEqual([]);
  });
});
