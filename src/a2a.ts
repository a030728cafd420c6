import { type INestApplication } from '@nestjs/common';
import { type FastifyInstance } from 'fastify';
import { type Logger } from 'pino';
import { type AgentReply, AgentMessages } from '../application/agents/agent-messages';
import { AuthenticateUseCase } from '../application/tenancy/authenticate.use-case';
import { AgentDirectory } from '../domain/agents/roster';
import { type Result, ok } from '../domain/shared/result';
import { mountA2a } from '../presentation/a2a/a2a-endpoint';
import { type A2aReply } from '../presentation/a2a/a2a-request-handler';
import { type Runtime } from './runtime';

const toReply = (result: Result<AgentReply>): Result<A2aReply> =>
  result.ok
    ? ok({
        text: result.value.text,
        data: { ...result.value.data },
        state: result.value.state,
        ...(result.value.workflowId ? { taskId: result.value.workflowId } : {}),
      })
    : result;

/**
 * A2A: the EPA's card at /.well-known/agent-card.json, every agent's under /a2a/{code}/, and
 * `SendMessage` / `GetTask` over JSON-RPC. A message is a goal; its task is the workflow it starts.
 */
export function mountAgentCards(
  fastify: FastifyInstance,
  app: INestApplication,
  runtime: Runtime,
  logger: Logger,
): void {
  const directory = app.get(AgentDirectory);
  const messages = app.get(AgentMessages);
  const authenticate = app.get(AuthenticateUseCase);
  mountA2a(fastify, {
    agents: directory.agents
      .filter((a) => a.level !== 'L1')
      .map((a) => ({
        code: a.code,
        name: a.name,
        level: a.level,
        role: a.role,
        description: a.description,
        skills: a.skills.map((s) => ({ ...s, tags: [...s.tags], examples: [...s.examples] })),
      })),
    publicUrl: runtime.publicUrl,
    version: runtime.version,
    authenticate: async (token) => {
      const found = await authenticate.execute(token);
      return found.ok ? found.value : null;
    },
    send: async (actor, code, message) => toReply(await messages.send(actor, code, message)),
    getTask: async (actor, _code, taskId) => toReply(await messages.task(actor, taskId)),
    onError: (error) => logger.error({ err: error }, 'A2A request failed'),
  });
}
