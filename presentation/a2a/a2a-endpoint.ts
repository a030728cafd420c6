import { A2A_VERSION_HEADER, AgentCard, Extensions, HTTP_EXTENSION_HEADER } from '@a2a-js/sdk';
import { A2A_ERROR_CODE, ContentTypeNotSupportedError } from '@a2a-js/sdk/errors';
import { JsonRpcTransportHandler, ServerCallContext, type User, validateVersion } from '@a2a-js/sdk/server';
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Actor } from '../../application/shared/actor';
import { credentialFrom } from '../../application/shared/credentials';
import { type DomainError } from '../../domain/shared/domain-error';
import { PROBLEM_CONTENT_TYPE, problemFromDomainError, problemType, titleFor } from '../http/problem';
import {
  type A2aGetTask,
  type A2aSend,
  COCKPIT_RPC_CODE,
  CockpitA2aRequestHandler,
} from './a2a-request-handler';
import { A2A_BASE_PATH, type A2aAgentInfo, ROOT_AGENT_CODE, agentCard } from './agent-cards';

export interface A2aEndpointOptions {
  /** The roster; a function is asked on every request, so cards follow roster changes. */
  readonly agents:
    readonly A2aAgentInfo[] | (() => readonly A2aAgentInfo[] | Promise<readonly A2aAgentInfo[]>);
  /** The externally visible base URL, written into the cards. */
  readonly publicUrl: string;
  /** Cockpit's version, as the cards' `version`. */
  readonly version: string;
  /** A user access token or a project API key to its actor; null when it is not valid. */
  readonly authenticate: (token: string) => Promise<Actor | null>;
  readonly send: A2aSend;
  /** Lets `GetTask` report on a task `send` started; without it `GetTask` is unsupported. */
  readonly getTask?: A2aGetTask;
  /** The agent whose card is served at `/.well-known/agent-card.json`; `EPA` unless told. */
  readonly rootAgent?: string;
  readonly onError?: (error: unknown) => void;
}

const CARD_PATH = '/.well-known/agent-card.json';
const CHALLENGE = 'Bearer realm="cockpit"';
const UNPARSABLE_BODY = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

/**
 * Serves the A2A v1.0 surface: public agent cards (the root agent's at the well-known path, each
 * agent's under `/a2a/{code}/`) and, behind bearer or `X-Api-Key` auth, each agent's JSON-RPC
 * endpoint at `/a2a/{code}`. The SDK's `JsonRpcTransportHandler` speaks the protocol; Cockpit's
 * `send` and `getTask` do the work.
 */
export function mountA2a(app: FastifyInstance, options: A2aEndpointOptions): void {
  const onError = options.onError ?? (() => undefined);
  const callers = new WeakMap<FastifyRequest, { agent: A2aAgentInfo; actor: Actor }>();
  const roster = async (): Promise<readonly A2aAgentInfo[]> =>
    typeof options.agents === 'function' ? options.agents() : options.agents;
  const find = async (code: string): Promise<A2aAgentInfo | undefined> => {
    const agents = await roster();
    return agents.find((agent) => agent.code === code) ?? agents.find((agent) => sameCode(agent.code, code));
  };
  const cardOf = (agent: A2aAgentInfo) => agentCard(agent, options.publicUrl, options.version);

  const serveCard = async (reply: FastifyReply, code: string) => {
    const agent = await find(code);
    if (!agent) return notFound(reply, code);
    return reply
      .header('cache-control', 'public, max-age=300')
      .type('application/json')
      .send(AgentCard.toJSON(cardOf(agent)));
  };
  app.get(CARD_PATH, async (_request, reply) => serveCard(reply, options.rootAgent ?? ROOT_AGENT_CODE));
  app.get(`${A2A_BASE_PATH}/:agent${CARD_PATH}`, async (request, reply) =>
    serveCard(reply, (request.params as { agent: string }).agent),
  );

  app.post(`${A2A_BASE_PATH}/:agent`, {
    // Before the body is read: an unknown agent is 404 and an anonymous caller 401 whatever they sent.
    onRequest: async (request, reply) => {
      const code = (request.params as { agent: string }).agent;
      const agent = await find(code);
      if (!agent) return notFound(reply, code);
      const credential = credentialFrom(request.headers);
      const actor = credential ? await options.authenticate(credential) : null;
      if (!actor) {
        const message = credential
          ? 'the bearer token or API key is not valid (it may have expired or been revoked)'
          : 'authentication is required: send Authorization: Bearer <access token or project API key>';
        return reply
          .status(401)
          .header('www-authenticate', `${CHALLENGE}${credential ? ', error="invalid_token"' : ''}`)
          .send(rpcError(null, { code: COCKPIT_RPC_CODE.unauthorized, message }));
      }
      callers.set(request, { agent, actor });
    },
    errorHandler: (error: FastifyError, _request, reply) => {
      if (UNPARSABLE_BODY.has(error.code)) {
        return reply.send(
          rpcError(null, { code: A2A_ERROR_CODE.PARSE_ERROR, message: 'Invalid JSON payload.' }),
        );
      }
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        const unsupported = new ContentTypeNotSupportedError('send the JSON-RPC request as application/json');
        return reply.send(rpcError(null, JsonRpcTransportHandler.mapToJSONRPCError(unsupported)));
      }
      throw error;
    },
    handler: async (request, reply) => {
      const caller = callers.get(request);
      if (!caller) throw new Error('A2A request reached its handler unauthenticated');
      const card = cardOf(caller.agent);
      const context = new ServerCallContext({
        user: new ActorUser(caller.actor),
        requestedVersion: header(request, A2A_VERSION_HEADER),
        requestedExtensions: Extensions.parseServiceParameter(header(request, HTTP_EXTENSION_HEADER)),
      });
      const id = requestId(request.body);
      try {
        validateVersion(context.requestedVersion, card, 'JSONRPC');
      } catch (error) {
        return reply.send(rpcError(id, JsonRpcTransportHandler.mapToJSONRPCError(error)));
      }
      const handler = new CockpitA2aRequestHandler(
        card,
        caller.agent.code,
        caller.actor,
        options.send,
        options.getTask,
        onError,
      );
      const response = await new JsonRpcTransportHandler(handler).handle(
        request.body as Record<string, unknown>,
        context,
      );
      if (Symbol.asyncIterator in response) {
        // The handler refuses streaming before a stream exists; this guards against an SDK change.
        await response.return(undefined);
        throw new Error('the A2A handler returned a stream for a non-streaming agent');
      }
      if (response.error && handler.failure) {
        response.error = withCockpitDetail(response.error as RpcError, handler.failure);
      }
      return reply.type('application/json').send(response);
    },
  });
}

interface RpcError {
  code: number;
  message: string;
  data?: unknown[];
}

const rpcError = (id: string | number | null, error: RpcError) => ({ jsonrpc: '2.0', id, error });

/** The SDK's envelope names only A2A reasons; Cockpit adds its own, and field errors on validation. */
function withCockpitDetail(error: RpcError, failure: DomainError): RpcError {
  const problem = problemFromDomainError(failure);
  const details: unknown[] = [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: (failure.reason ?? failure.code).toUpperCase(),
      domain: 'cockpit.dev',
      metadata: { code: failure.code, type: problem.type, status: String(problem.status) },
    },
  ];
  if (failure.fields.length > 0) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: failure.fields.map((field) => ({ field: field.path, description: field.message })),
    });
  }
  return { ...error, data: [...(error.data ?? []), ...details] };
}

class ActorUser implements User {
  constructor(readonly actor: Actor) {}
  get isAuthenticated(): boolean {
    return true;
  }
  get userName(): string {
    return this.actor.kind === 'user' ? this.actor.userId : this.actor.apiKeyId;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function requestId(body: unknown): string | number | null {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : null;
}

const sameCode = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function notFound(reply: FastifyReply, code: string) {
  return reply
    .status(404)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: problemType('not_found'),
      title: titleFor(404),
      status: 404,
      detail: `no agent with code "${code}"`,
    });
}
