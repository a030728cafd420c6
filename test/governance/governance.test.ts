import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { SignJWT, decodeProtectedHeader } from 'jose';
import { DecisionTokenSigner } from '../../domain/governance/ports/decision-tokens.port';
import { call, expectProblem } from '../support/http';
import { startRun } from '../support/runs';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';
import { type Socket, connect, quiet } from '../support/ws';

const REFUND = { order_id: 42, amount_usd: 120.5, note: 'customer jane@example.com asked' };

describe.each(engines())('governance on %s', (engine) => {
  let app: TestApp;
  let acme: TenantFixture;
  let globex: TenantFixture;

  beforeAll(async () => {
    app = await startTestApp({ engine });
    await app.listen();
    acme = await createTenant(app, 'Acme');
    globex = await createTenant(app, 'Globex');
    const saved = await call(app, 'POST', '/v1/policies', {
      auth: acme.admin.token,
      body: {
        name: 'payments',
        description: 'refunds need a human, drops are blocked',
        rules: [
          {
            id: 'refunds',
            tools: ['issue_refund'],
            decision: 'require_approval',
            description: 'refunds need a human',
          },
          { id: 'no-drops', tools: ['drop_*'], decision: 'block', description: 'never drop tables' },
        ],
      },
    });
    expect(saved.status).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (auth: string, path: string, body?: unknown) => call(app, 'POST', path, { auth, body });
  const evaluate = (body: Record<string, unknown>, auth = acme.apiKey) =>
    post(auth, '/v1/policies:evaluate', { agent: 'refund-bot', ...body });
  const requestApproval = async (
    runId: string,
    stepId: string,
    args: unknown = REFUND,
    auth = acme.apiKey,
  ) => {
    const created = await post(auth, '/v1/approvals', {
      run_id: runId,
      step_id: stepId,
      tool: 'issue_refund',
      arguments: args,
      risk: 'high',
      summary: 'Refund order 42',
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; payload_hash: string; status: string; expires_at: string };
  };
  const approvedToken = async (runId: string, stepId: string, args: unknown = REFUND) => {
    const approval = await requestApproval(runId, stepId, args);
    const approved = await post(acme.members.approver.token, `/v1/approvals/${approval.id}:approve`, {
      reason: 'ok',
    });
    expect(approved.status).toBe(200);
    return { approval, token: approved.body.decision_token as string };
  };
  const toolStep = (id: string, token: string, input: unknown = REFUND) => ({
    id,
    kind: 'tool',
    tool: 'issue_refund',
    started_at: new Date().toISOString(),
    ended_at: new Date().toISOString(),
    input,
    output: { refunded: true },
    decision_token: token,
  });
  const sendSteps = (runId: string, steps: unknown[]) =>
    post(acme.apiKey, `/v1/runs/${runId}/steps`, { steps });

  describe('policies', () => {
    it('versions a policy set: a new version never changes the old one, and decisions name the version', async () => {
      const v2 = await post(acme.admin.token, '/v1/policies', {
        name: 'Payments',
        rules: [{ tools: ['issue_refund'], decision: 'block' }],
        activate: false,
      });
      expect(v2.status).toBe(201);
      expect(v2.body).toMatchObject({ version: 2, active: false, format: 'rules' });
      expect(v2.body.cedar).toContain('forbid');

      const versions = await call(app, 'GET', `/v1/policies/${v2.body.id}/versions`, {
        auth: acme.members.viewer.token,
      });
      expect(
        versions.body.items.map((v: { version: number; active: boolean }) => [v.version, v.active]),
      ).toEqual([
        [1, true],
        [2, false],
      ]);
      expect(versions.body.items[0].cedar).toContain('@decision("require_approval")');

      expect((await evaluate({ tool: 'issue_refund', arguments: REFUND })).body).toMatchObject({
        decision: 'require_approval',
        policy_version: 1,
      });
      const dryRunV2 = await evaluate({ tool: 'issue_refund', policy_id: v2.body.id, version: 2 });
      expect(dryRunV2.body).toMatchObject({ decision: 'block', policy_version: 2 });
      const activated = await post(acme.admin.token, `/v1/policies/${v2.body.id}/versions/2:activate`);
      expect(activated.status).toBe(200);
      expect((await evaluate({ tool: 'issue_refund' })).body).toMatchObject({
        decision: 'block',
        policy_version: 2,
      });
      await post(acme.admin.token, `/v1/policies/${v2.body.id}:activate`, { version: 1 });
      expect((await evaluate({ tool: 'issue_refund' })).body).toMatchObject({
        decision: 'require_approval',
        policy_version: 1,
      });
      // the other tenant has no policy at all
      expect((await evaluate({ tool: 'issue_refund' }, globex.apiKey)).body).toMatchObject({
        decision: 'allow',
        policy_version: null,
      });
    });

    it('decides allow, require_approval and block, with reasons', async () => {
      const blocked = await evaluate({ tool: 'drop_table', arguments: { table: 'users' } });
      expect(blocked.body).toMatchObject({ decision: 'block' });
      expect(blocked.body.reasons.join(' ')).toContain('never drop tables');
      expect((await evaluate({ tool: 'search_docs' })).body.decision).toBe('allow');
    });

    it('refuses invalid Cedar with the line and column of the problem, and stores nothing', async () => {
      const bad = await post(acme.admin.token, '/v1/policies', {
        name: 'broken',
        cedar: 'permit(principal, action, resource)\nwhen { context.risk == };',
      });
      expectProblem(bad, 400);
      expect(bad.body.errors[0]).toMatchObject({ path: 'cedar', line: 2, column: expect.any(Number) });
      const schema = await post(acme.admin.token, '/v1/policies', {
        name: 'broken',
        cedar: 'permit(principal == Robot::"x", action, resource);',
      });
      expectProblem(schema, 400);
      const list = await call(app, 'GET', '/v1/policies', { auth: acme.admin.token });
      expect(list.body.items.map((p: { name: string }) => p.name)).not.toContain('broken');
    });

    it('lets only admins manage policies', async () => {
      for (const auth of [
        acme.members.viewer.token,
        acme.members.developer.token,
        acme.members.approver.token,
        acme.apiKey,
      ]) {
        expectProblem(
          await post(auth, '/v1/policies', { name: 'x', cedar: 'permit(principal, action, resource);' }),
          403,
        );
      }
    });
  });

  describe('approvals bound by decision tokens', () => {
    it('runs the whole flow: policy → approval → tool step carrying the token', async () => {
      const run = await startRun(app, acme.apiKey);
      const decision = await evaluate({
        tool: 'issue_refund',
        arguments: REFUND,
        run_id: run.id,
        step_id: 'gate-1',
        risk: 'high',
      });
      expect(decision.body).toMatchObject({ decision: 'require_approval', step_id: 'gate-1:policy' });
      expect(decision.body.decision_token).toBeUndefined();

      const approval = await requestApproval(run.id, 'gate-1');
      expect(approval).toMatchObject({ status: 'pending', payload_hash: decision.body.payload_hash });
      const stored = await call(app, 'GET', `/v1/approvals/${approval.id}`, {
        auth: acme.members.viewer.token,
      });
      expect(JSON.stringify(stored.body.payload)).toContain('[REDACTED:email]');
      expect(JSON.stringify(stored.body.payload)).not.toContain('jane@example.com');

      expectProblem(await post(acme.members.developer.token, `/v1/approvals/${approval.id}:approve`), 403);
      const waiting = call(app, 'GET', `/v1/approvals/${approval.id}?wait=10`, { auth: acme.apiKey });
      await quiet(300);
      const approved = await post(acme.members.approver.token, `/v1/approvals/${approval.id}:approve`, {
        reason: 'looks right',
      });
      expect(approved.body).toMatchObject({
        id: approval.id,
        status: 'approved',
        decision_token: expect.any(String),
      });
      const polled = await waiting;
      expect(polled.body).toMatchObject({ status: 'approved', decision_token: approved.body.decision_token });

      const executed = await sendSteps(run.id, [toolStep('refund-1', approved.body.decision_token)]);
      expect(executed.status).toBe(200);
      expect(executed.body.results[0]).toMatchObject({ status: 'created' });

      const steps = await call(app, 'GET', `/v1/runs/${run.id}/steps`, { auth: acme.apiKey });
      const timeline = steps.body.items.map((s: { id: string; kind: string }) => `${s.kind}:${s.id}`);
      expect(timeline).toEqual(['policy:gate-1:policy', 'approval:gate-1:approval', 'tool:refund-1']);
      const tool = steps.body.items[2];
      expect(tool.decision_token_id).toBe(approved.body.token_id);
      expect(steps.body.items[1].output).toMatchObject({ status: 'approved', jti: approved.body.token_id });
      // the token is spent: no longer handed out
      expect(
        (await call(app, 'GET', `/v1/approvals/${approval.id}`, { auth: acme.apiKey })).body.decision_token,
      ).toBeUndefined();
    });

    it('rejects a replayed token, and records the attempt as a policy step and an audit entry', async () => {
      const run = await startRun(app, acme.apiKey);
      const { token } = await approvedToken(run.id, 'gate-r');
      expect((await sendSteps(run.id, [toolStep('first', token)])).status).toBe(200);
      // the same batch again is a harmless retry
      expect((await sendSteps(run.id, [toolStep('first', token)])).body.results[0].status).toBe('duplicate');
      const replay = await sendSteps(run.id, [toolStep('second', token)]);
      expectProblem(replay, 403, 'decision-token-rejected');
      expect(replay.body.results[0]).toMatchObject({
        status: 'rejected',
        code: 403,
        error: { reason: 'replayed' },
      });
      const steps = await call(app, 'GET', `/v1/runs/${run.id}/steps`, { auth: acme.apiKey });
      const ids = steps.body.items.map((s: { id: string }) => s.id);
      expect(ids).toContain('second:token-rejected');
      expect(ids).not.toContain('second');
      const audit = await call(app, 'GET', '/v1/audit?action=decision_token.rejected', {
        auth: acme.admin.token,
      });
      expect(audit.body.items[0].data).toMatchObject({ reason: 'replayed', step_id: 'second' });
    });

    it('rejects tampered arguments, a forged token, another run and an expired token', async () => {
      const run = await startRun(app, acme.apiKey);
      const { token } = await approvedToken(run.id, 'gate-t');
      const mixed = await sendSteps(run.id, [
        toolStep('tampered', token, { ...REFUND, amount_usd: 12050 }),
        toolStep('ok-step', token),
      ]);
      expect(mixed.status).toBe(207);
      expect(mixed.body.results.map((r: { code: number }) => r.code)).toEqual([403, 201]);
      expect(mixed.body.results[0].error.reason).toBe('payload_mismatch');

      // same claims, signed by a key the server never had
      const { privateKey } = generateKeyPairSync('ed25519');
      const header = decodeProtectedHeader(token);
      const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
      const forged = await new SignJWT({ ...claims, jti: randomUUID() })
        .setProtectedHeader(header as never)
        .sign(privateKey);
      expect((await sendSteps(run.id, [toolStep('forged', forged)])).body.results[0].error.reason).toBe(
        'bad_signature',
      );
      expect(
        (await sendSteps(run.id, [toolStep('garbage', 'not.a.token')])).body.results[0].error.reason,
      ).toBe('malformed');

      const other = await startRun(app, acme.apiKey);
      const { token: foreign } = await approvedToken(other.id, 'gate-o');
      expect((await sendSteps(run.id, [toolStep('foreign', foreign)])).body.results[0].error.reason).toBe(
        'wrong_run',
      );

      // a genuine signature over claims that expired a minute ago
      const signer = app.cockpit.app.get(DecisionTokenSigner);
      const past = new Date(Date.now() - 10 * 60_000);
      const expired = await signer.sign({
        id: randomUUID(),
        tenantId: acme.tenantId,
        projectId: acme.projectId,
        runId: run.id,
        stepId: 'gate-e',
        approvalId: null,
        payloadHash: mixed.body.results[1]
          ? (await evaluate({ tool: 'issue_refund', arguments: REFUND })).body.payload_hash
          : '',
        decision: 'approved',
        policyVersion: null,
        policyVersionId: null,
        breakGlass: false,
        issuedAt: past,
        expiresAt: new Date(past.getTime() + 5 * 60_000),
      });
      expect((await sendSteps(run.id, [toolStep('late', expired.token)])).body.results[0].error.reason).toBe(
        'expired',
      );
    });

    it('refuses a token of another tenant', async () => {
      const mine = await startRun(app, acme.apiKey);
      const { token } = await approvedToken(mine.id, 'gate-x');
      const theirs = await startRun(app, globex.apiKey);
      const reply = await post(globex.apiKey, `/v1/runs/${theirs.id}/steps`, {
        steps: [toolStep('x', token)],
      });
      expect(reply.body.results[0].error.reason).toMatch(/wrong_tenant|wrong_run/);
    });

    it('keeps decisions final, forbids deciding your own request, and needs a reason to deny', async () => {
      const run = await startRun(app, acme.apiKey);
      const own = await requestApproval(run.id, 'gate-own', REFUND, acme.members.approver.token);
      expectProblem(
        await post(acme.members.approver.token, `/v1/approvals/${own.id}:approve`),
        403,
        'self-approval',
      );
      expectProblem(await post(acme.admin.token, `/v1/approvals/${own.id}:deny`, {}), 400);
      const denied = await post(acme.admin.token, `/v1/approvals/${own.id}:deny`, { reason: 'not today' });
      expect(denied.body).toMatchObject({ status: 'denied', reason: 'not today' });
      expect(denied.body.decision_token).toBeUndefined();
      expectProblem(await post(acme.admin.token, `/v1/approvals/${own.id}:approve`), 409, 'approval-decided');
    });

    it('expires pending requests; an expired request cannot be approved', async () => {
      const run = await startRun(app, acme.apiKey);
      const approval = await requestApproval(run.id, 'gate-exp');
      await app.cockpit.runtime.db.dataSource.query(
        `UPDATE approvals SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [approval.id],
      );
      expect(
        (await call(app, 'GET', `/v1/approvals/${approval.id}`, { auth: acme.apiKey })).body.status,
      ).toBe('expired');
      expectProblem(
        await post(acme.members.approver.token, `/v1/approvals/${approval.id}:approve`),
        409,
        'approval-expired',
      );
      const inbox = await call(app, 'GET', '/v1/approvals?status=expired', {
        auth: acme.members.approver.token,
      });
      expect(inbox.body.items.map((a: { id: string }) => a.id)).toContain(approval.id);
      const pending = await call(app, 'GET', '/v1/approvals?status=pending&risk=high', {
        auth: acme.members.approver.token,
      });
      expect(pending.body.items.map((a: { id: string }) => a.id)).not.toContain(approval.id);
    });

    it('issues tokens on allow when asked, usable once', async () => {
      const run = await startRun(app, acme.apiKey);
      const allowed = await evaluate({
        tool: 'search_docs',
        arguments: { q: 'refunds' },
        run_id: run.id,
        step_id: 'g-a',
        issue_token: true,
      });
      expect(allowed.body).toMatchObject({ decision: 'allow', decision_token: expect.any(String) });
      const step = {
        ...toolStep('search', allowed.body.decision_token, { q: 'refunds' }),
        tool: 'search_docs',
      };
      expect((await sendSteps(run.id, [step])).body.results[0].status).toBe('created');
      const blocked = await evaluate({
        tool: 'drop_table',
        run_id: run.id,
        step_id: 'g-b',
        issue_token: true,
      });
      expect(blocked.body.decision).toBe('block');
      expect(blocked.body.decision_token).toBeUndefined();
    });

    it('break-glass: admin only, with a reason, always audited', async () => {
      const run = await startRun(app, acme.apiKey);
      const body = {
        run_id: run.id,
        tool: 'issue_refund',
        arguments: REFUND,
        reason: 'outage: customer refunds must go out now',
      };
      expectProblem(await post(acme.members.approver.token, '/v1/approvals:break-glass', body), 403);
      expectProblem(await post(acme.admin.token, '/v1/approvals:break-glass', { ...body, reason: 'x' }), 400);
      const glass = await post(acme.admin.token, '/v1/approvals:break-glass', body);
      expect(glass.status).toBe(201);
      expect(
        (await sendSteps(run.id, [toolStep('bg', glass.body.decision_token)])).body.results[0].status,
      ).toBe('created');
      const audit = await call(app, 'GET', '/v1/audit?action=break_glass.*', { auth: acme.admin.token });
      expect(audit.body.items[0]).toMatchObject({
        action: 'break_glass.used',
        data: { reason: body.reason },
      });
    });

    it('publishes the signing keys; a token names its key', async () => {
      const run = await startRun(app, acme.apiKey);
      const { token } = await approvedToken(run.id, 'gate-k');
      const jwks = await call(app, 'GET', '/.well-known/jwks.json');
      expect(jwks.status).toBe(200);
      const kid = decodeProtectedHeader(token).kid;
      expect(jwks.body.keys).toContainEqual(
        expect.objectContaining({ kid, kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' }),
      );
      expect(JSON.stringify(jwks.body)).not.toMatch(/"d":/);
    });
  });

  describe('boundaries of the governance routes', () => {
    it("answers another tenant's ids with 404, and bad input with problem+json", async () => {
      const run = await startRun(app, acme.apiKey);
      const approval = await requestApproval(run.id, 'gate-b');
      const policies = await call(app, 'GET', '/v1/policies', { auth: acme.admin.token });
      const policyId = policies.body.items[0].id as string;
      for (const [method, path] of [
        ['GET', `/v1/approvals/${approval.id}`],
        ['POST', `/v1/approvals/${approval.id}:approve`],
        ['GET', `/v1/policies/${policyId}/versions`],
        ['POST', `/v1/policies/${policyId}/versions/1:activate`],
      ] as const) {
        expectProblem(await call(app, method, path, { auth: globex.admin.token }), 404);
      }
      expectProblem(
        await post(globex.apiKey, '/v1/approvals', {
          run_id: run.id,
          step_id: 's',
          tool: 't',
          risk: 'high',
          summary: 'x',
        }),
        404,
      );
      expect(
        (await call(app, 'GET', `/v1/approvals?run_id=${run.id}`, { auth: globex.admin.token })).body.items,
      ).toEqual([]);

      expectProblem(await evaluate({ tool: '' }), 400, 'validation');
      expectProblem(
        await post(acme.apiKey, '/v1/approvals', {
          run_id: run.id,
          step_id: 's',
          tool: 't',
          risk: 'extreme',
          summary: 'x',
        }),
        400,
      );
      expectProblem(
        await post(acme.admin.token, '/v1/policies', {
          name: 'both',
          cedar: 'permit(principal, action, resource);',
          rules: [],
        }),
        400,
      );
      expectProblem(await call(app, 'GET', '/v1/approvals/not-a-uuid', { auth: acme.admin.token }), 400);
      expectProblem(await call(app, 'GET', '/v1/audit?limit=0', { auth: acme.admin.token }), 400);
    });

    it('lets a Viewer read but never write', async () => {
      const viewer = acme.members.viewer.token;
      const run = await startRun(app, acme.apiKey);
      const approval = await requestApproval(run.id, 'gate-v');
      expect((await call(app, 'GET', '/v1/approvals', { auth: viewer })).status).toBe(200);
      expect((await evaluate({ tool: 'issue_refund' }, viewer)).status).toBe(200);
      expectProblem(await evaluate({ tool: 'issue_refund', run_id: run.id }, viewer), 403);
      expectProblem(
        await post(viewer, '/v1/approvals', {
          run_id: run.id,
          step_id: 's',
          tool: 't',
          risk: 'high',
          summary: 'x',
        }),
        403,
      );
      expectProblem(await post(viewer, `/v1/approvals/${approval.id}:approve`), 403);
      expectProblem(await post(viewer, `/v1/approvals/${approval.id}:deny`, { reason: 'no' }), 403);
      expectProblem(
        await post(viewer, '/v1/approvals:break-glass', {
          run_id: run.id,
          tool: 't',
          reason: 'a long enough reason',
        }),
        403,
      );
      expectProblem(
        await call(app, 'PUT', '/v1/settings/approval-webhook', {
          auth: viewer,
          body: { url: 'http://127.0.0.1:1/x' },
        }),
        403,
      );
      expectProblem(await call(app, 'GET', '/v1/audit:verify', { auth: viewer }), 403);
    });
  });

  describe('notifications', () => {
    let server: Server;
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          // the first attempt of every delivery fails: each is retried
          const id = String(req.headers['x-cockpit-delivery']);
          res.statusCode =
            received.filter((r) => r.headers['x-cockpit-delivery'] === id).length === 1 ? 503 : 204;
          res.end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('tells approvers live and POSTs a signed Slack-compatible webhook, retrying failures', async () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const set = await call(app, 'PUT', '/v1/settings/approval-webhook', {
        auth: acme.admin.token,
        body: { url },
      });
      expect(set.status).toBe(200);
      const secret = set.body.secret as string;

      const base = app.url.replace('http', 'ws');
      const approver: Socket = connect(`${base}/v1/ws?token=${acme.members.approver.token}`);
      const agent: Socket = connect(`${base}/v1/ws?token=${acme.apiKey}`);
      await approver.next('ready');
      await agent.next('ready');
      const run = await startRun(app, acme.apiKey);
      const approval = await requestApproval(run.id, 'gate-n');
      const event = await approver.next('approval.requested');
      expect((event.data as { approval: unknown }).approval).toMatchObject({
        id: approval.id,
        status: 'pending',
      });
      await quiet(200);
      expect(agent.messages.some((m) => m.event === 'approval.requested')).toBe(false);
      approver.ws.terminate();
      agent.ws.terminate();

      const attempts = () => received.filter((r) => JSON.parse(r.body).approval?.id === approval.id);
      const deadline = Date.now() + 20_000;
      while (attempts().length < 2 && Date.now() < deadline) await quiet(250);
      const [first, delivery] = attempts();
      expect(delivery).toBeDefined();
      if (!first || !delivery) return;
      expect(delivery.headers['x-cockpit-delivery']).toBe(first.headers['x-cockpit-delivery']);
      expect(delivery.body).toBe(first.body);
      const timestamp = String(delivery.headers['x-cockpit-timestamp']);
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${delivery.body}`).digest('hex')}`;
      expect(delivery.headers['x-cockpit-signature']).toBe(expected);
      const body = JSON.parse(delivery.body);
      expect(body).toMatchObject({
        event: 'approval.requested',
        text: expect.stringContaining('issue_refund'),
        approval: { id: approval.id },
      });
    }, 40_000);
  });

  describe('audit log', () => {
    it('records governance actions in a verifiable chain and finds an edited row', async () => {
      const list = await call(app, 'GET', '/v1/audit?limit=500', { auth: acme.admin.token });
      const actions = new Set(list.body.items.map((e: { action: string }) => e.action));
      for (const action of [
        'policy.version_created',
        'policy.activated',
        'approval.requested',
        'approval.approved',
        'decision_token.issued',
        'decision_token.consumed',
        'member.added',
        'api_key.created',
      ]) {
        expect(actions).toContain(action);
      }
      expectProblem(await call(app, 'GET', '/v1/audit', { auth: acme.members.approver.token }), 403);
      const intact = await call(app, 'GET', '/v1/audit:verify', { auth: acme.admin.token });
      expect(intact.body).toMatchObject({ ok: true, first_broken: null });
      expect(intact.body.entries_checked).toBe(list.body.items.length);

      // the application role cannot change it at all
      await expect(
        app.cockpit.runtime.db.run({ tenantId: acme.tenantId }, (m) =>
          m.query(`UPDATE audit_log SET data = '{}' WHERE tenant_id = $1`, [acme.tenantId]),
        ),
      ).rejects.toThrow();
      // the owner can, with the trigger off: the verifier notices
      const victim = list.body.items[list.body.items.length - 3].seq as number;
      const ds = app.cockpit.runtime.db.dataSource;
      await ds.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await ds.query(
        `UPDATE audit_log SET data = jsonb_set(data, '{tampered}', 'true') WHERE tenant_id = $1 AND seq = $2`,
        [acme.tenantId, victim],
      );
      await ds.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      const broken = await call(app, 'GET', '/v1/audit:verify', { auth: acme.admin.token });
      expect(broken.body).toMatchObject({
        ok: false,
        first_broken: { seq: victim, reason: expect.stringContaining('hash') },
      });
      // the other tenant's chain is untouched
      expect((await call(app, 'GET', '/v1/audit:verify', { auth: globex.admin.token })).body.ok).toBe(true);
    });
  });
});
