import { type Message, Role, type Task, TaskState } from '@a2a-js/sdk';
import { ClientFactory } from '@a2a-js/sdk/client';
import { textMessage } from '../support/a2a';
import { freePort } from '../support/http';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Actor } from '../../application/shared/actor';
import { DomainError } from '../../domain/shared/domain-error';
import { err, ok } from '../../domain/shared/result';
import { asTenantId } from '../../domain/shared/tenant-id';
import { mountA2a } from '../../presentation/a2a/a2a-endpoint';
import {
  type A2aGetTask,
  type A2aInboundMessage,
  type A2aSend,
} from '../../presentation/a2a/a2a-request-handler';
import { type A2aAgentInfo } from '../../presentation/a2a/agent-cards';

const TOKEN = 'ck_test_key';
const ACTOR: Actor = {
  kind: 'api_key',
  apiKeyId: 'key-1',
  tenantId: asTenantId('tenant-1'),
  projectId: 'project-1',
  role: 'developer',
};

const AGENTS: A2aAgentInfo[] = [
  {
    code: 'EPA',
    name: 'Enterprise Planning Agent',
    level: 'L3',
    role: 'planner',
    description: 'Turns a modernization goal into a workflow.',
    skills: [
      {
        id: 'plan-goal',
        name: 'Plan a goal',
        description: 'Starts a workflow for a goal',
        tags: ['planning'],
        examples: ['Migrate the billing app to AWS'],
      },
    ],
  },
  {
    code: 'ASSESS',
    name: 'Assessment Agent',
    level: 'L2',
    role: 'assessor',
    description: 'Scores workloads for migration readiness.',
    skills: [{ id: 'assess', name: 'Assess', description: 'Readiness scoring', tags: ['readiness'] }],
  },
];

const bearer = { serviceParameters: { Authorization: `Bearer ${TOKEN}` } };

const isTask = (result: Message | Task): result is Task => 'status' in result;

describe('A2A endpoint', () => {
  let app: FastifyInstance;
  let base: string;
  let sent: { actor: Actor; agent: string; message: A2aInboundMessage }[];
  let send: jest.MockedFunction<A2aSend>;
  let getTask: jest.MockedFunction<A2aGetTask>;
  let errors: unknown[];
  const factory = new ClientFactory();

  beforeAll(async () => {
    // The cards must name the address clients really reach, so the port is chosen first.
    base = `http://127.0.0.1:${await freePort()}`;
    app = Fastify();
    mountA2a(app, {
      agents: () => AGENTS,
      publicUrl: base,
      version: '9.9.9',
      authenticate: async (token) => (token === TOKEN ? ACTOR : null),
      send: (actor, agent, message) => send(actor, agent, message),
      getTask: (actor, agent, taskId) => getTask(actor, agent, taskId),
      onError: (error) => errors.push(error),
    });
    await app.listen({ host: '127.0.0.1', port: Number(new URL(base).port) });
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    sent = [];
    errors = [];
    send = jest.fn(async (actor, agent, message) => {
      sent.push({ actor, agent, message });
      return ok({
        text: 'Started workflow wf-1',
        data: { workflowId: 'wf-1', runId: 'run-1' },
        state: 'working' as const,
        taskId: 'run-1',
      });
    });
    getTask = jest.fn<ReturnType<A2aGetTask>, Parameters<A2aGetTask>>(async () =>
      ok({ text: 'Assessed 3 of 5 workloads', data: { progress: 0.6 }, state: 'working' as const }),
    );
  });

  it('serves the EPA card at the well-known path, parsed by the SDK client with its skills and bearer scheme', async () => {
    const client = await factory.createFromUrl(base);
    const card = await client.getAgentCard();

    expect(card.name).toBe('Enterprise Planning Agent');
    expect(card.version).toBe('9.9.9');
    expect(card.supportedInterfaces).toEqual([
      expect.objectContaining({ url: `${base}/a2a/EPA`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }),
    ]);
    expect(card.skills.map((skill) => skill.id)).toEqual(['plan-goal']);
    expect(card.skills[0]?.examples).toEqual(['Migrate the billing app to AWS']);
    expect(card.securitySchemes.bearer?.scheme).toEqual({
      $case: 'httpAuthSecurityScheme',
      value: expect.objectContaining({ scheme: 'Bearer' }),
    });
    expect(card.securityRequirements[0]?.schemes).toHaveProperty('bearer');
  });

  it("serves each agent's card under /a2a/{code}/, pointing at that agent's endpoint", async () => {
    const client = await factory.createFromUrl(`${base}/a2a/ASSESS/`);
    const card = await client.getAgentCard();

    expect(card.name).toBe('Assessment Agent');
    expect(card.supportedInterfaces[0]?.url).toBe(`${base}/a2a/ASSESS`);
    expect(card.skills.map((skill) => skill.id)).toEqual(['assess']);
    const epa = await fetch(`${base}/a2a/EPA/.well-known/agent-card.json`);
    expect(epa.status).toBe(200);
  });

  it('answers an unknown agent with 404 problem+json, for its card and its endpoint', async () => {
    const card = await fetch(`${base}/a2a/NOPE/.well-known/agent-card.json`);
    expect(card.status).toBe(404);
    expect(card.headers.get('content-type')).toContain('application/problem+json');
    expect(await card.json()).toMatchObject({ status: 404, detail: 'no agent with code "NOPE"' });

    const rpc = await fetch(`${base}/a2a/NOPE`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(rpc.status).toBe(404);
  });

  it('sends a text message to the EPA and returns the working task with the data send produced', async () => {
    const client = await factory.createFromUrl(base);
    const result = await client.sendMessage(textMessage('Migrate billing to AWS', { budget: 1000 }), bearer);

    expect(sent).toEqual([
      { actor: ACTOR, agent: 'EPA', message: { text: 'Migrate billing to AWS', data: { budget: 1000 } } },
    ]);
    if (!isTask(result)) throw new Error('expected a task');
    expect(result.id).toBe('run-1');
    expect(result.status?.state).toBe(TaskState.TASK_STATE_WORKING);
    const parts = result.status?.message?.parts.map((part) => part.content);
    expect(parts).toEqual([
      { $case: 'text', value: 'Started workflow wf-1' },
      { $case: 'data', value: { workflowId: 'wf-1', runId: 'run-1' } },
    ]);
  });

  it('reports task progress through GetTask', async () => {
    const client = await factory.createFromUrl(base);
    const task = await client.getTask({ tenant: '', id: 'run-1', historyLength: undefined }, bearer);

    expect(getTask).toHaveBeenCalledWith(ACTOR, 'EPA', 'run-1');
    expect(task.id).toBe('run-1');
    expect(task.status?.state).toBe(TaskState.TASK_STATE_WORKING);
    expect(task.status?.message?.parts.map((part) => part.content)).toContainEqual({
      $case: 'data',
      value: { progress: 0.6 },
    });
  });

  it('returns a completed answer without a task as an agent message', async () => {
    send.mockResolvedValueOnce(
      ok({ text: 'All 5 workloads are ready', data: { ready: 5 }, state: 'completed' }),
    );
    const client = await factory.createFromUrl(`${base}/a2a/ASSESS/`);
    const result = await client.sendMessage(textMessage('How ready are we?'), bearer);

    if (isTask(result)) throw new Error('expected a message');
    expect(result.role).toBe(Role.ROLE_AGENT);
    expect(result.parts.map((part) => part.content)).toEqual([
      { $case: 'text', value: 'All 5 workloads are ready' },
      { $case: 'data', value: { ready: 5 } },
    ]);
    expect(send).toHaveBeenCalledWith(
      ACTOR,
      'ASSESS',
      expect.objectContaining({ text: 'How ready are we?' }),
    );
  });

  it('rejects a message without a bearer token with 401 and a clear error the client surfaces', async () => {
    const client = await factory.createFromUrl(base);
    await expect(client.sendMessage(textMessage('hello'))).rejects.toThrow(/authentication is required/);

    const raw = await fetch(`${base}/a2a/EPA`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json', 'a2a-version': '1.0' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'SendMessage', params: {} }),
    });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await raw.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -31401 } });
    expect(send).not.toHaveBeenCalled();
  });

  it("surfaces a failed send as a JSON-RPC error carrying the domain error's message", async () => {
    send.mockResolvedValueOnce(err(DomainError.forbidden('a viewer cannot start a goal workflow')));
    const client = await factory.createFromUrl(base);

    await expect(client.sendMessage(textMessage('Migrate everything'), bearer)).rejects.toMatchObject({
      message: 'a viewer cannot start a goal workflow',
      envelopeCode: -31403,
    });
  });

  it('hides an exception thrown by send behind an internal error, and reports it', async () => {
    send.mockRejectedValueOnce(new Error('connection to 10.0.0.5 refused'));
    const response = await rpc('SendMessage', {
      message: { messageId: 'm3', role: 'ROLE_USER', parts: [{ text: 'go' }] },
    });

    expect(response.error).toMatchObject({ code: -32603, message: 'the agent failed unexpectedly' });
    expect(errors).toEqual([new Error('connection to 10.0.0.5 refused')]);
  });

  it('maps a validation failure to invalid params with the field errors as details', async () => {
    send.mockResolvedValueOnce(
      err(
        DomainError.validation('the goal is too short', [
          { path: 'goal', message: 'at least 10 characters' },
        ]),
      ),
    );
    const response = await rpc('SendMessage', {
      message: { messageId: 'm1', role: 'ROLE_USER', parts: [{ text: 'go' }] },
    });

    expect(response.error.code).toBe(-32602);
    expect(response.error.message).toBe('the goal is too short');
    expect(response.error.data).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field: 'goal', description: 'at least 10 characters' }],
    });
  });

  it('answers invalid JSON with a parse error and another media type with a content type error', async () => {
    const post = (contentType: string, body: string) =>
      fetch(`${base}/a2a/EPA`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': contentType, 'a2a-version': '1.0' },
        body,
      });

    const invalid = await post('application/json', '{"jsonrpc": "2.0", ');
    expect(invalid.status).toBe(200);
    expect(await invalid.json()).toMatchObject({ id: null, error: { code: -32700 } });
    const xml = await post('application/xml', '<SendMessage/>');
    expect(await xml.json()).toMatchObject({ id: null, error: { code: -32005 } });
  });

  it('refuses a request that names no A2A version (v0.3 by the spec) and file parts', async () => {
    const legacy = await fetch(`${base}/a2a/EPA`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'SendMessage', params: {} }),
    });
    expect(await legacy.json()).toMatchObject({ id: 7, error: { code: -32009 } });

    const file = await rpc('SendMessage', {
      message: { messageId: 'm2', role: 'ROLE_USER', parts: [{ url: 'https://example.com/plan.pdf' }] },
    });
    expect(file.error.code).toBe(-32005);
    expect(send).not.toHaveBeenCalled();
  });

  async function rpc(method: string, params: Record<string, unknown>): Promise<any> {
    const response = await fetch(`${base}/a2a/EPA`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'a2a-version': '1.0' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    return response.json();
  }
});
