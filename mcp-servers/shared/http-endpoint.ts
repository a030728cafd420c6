import { type IncomingMessage, type ServerResponse } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { type AuthInfo, type McpHttpHandler, createMcpHandler } from '@modelcontextprotocol/server';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Actor } from '../../application/shared/actor';
import { credentialFrom } from '../../application/shared/credentials';
import { type AuthenticateUseCase } from '../../application/tenancy/authenticate.use-case';
import { buildMcpServer } from './build-server';
import { type McpServerDefinition } from './definitions';

export interface McpHttpOptions {
  readonly servers: readonly McpServerDefinition[];
  readonly authenticate: AuthenticateUseCase;
  /** The externally visible base URL, for the RFC 9728 resource identifiers. */
  readonly publicUrl: string;
  readonly onError: (error: unknown) => void;
}

/**
 * Serves every MCP server over Streamable HTTP at `/mcp/<name>`, behind bearer auth (a user access
 * token or a project API key). A request without a valid credential gets 401 with a
 * `WWW-Authenticate` challenge naming the RFC 9728 Protected Resource Metadata document.
 * Serving is stateless: 2026-07-28 clients and 2025-era clients (initialize handshake) both work.
 */
export function mountMcpHttp(app: FastifyInstance, options: McpHttpOptions): void {
  const handlers = new Map<
    string,
    (req: IncomingMessage, res: ServerResponse, body?: unknown) => Promise<void>
  >();
  const closers: McpHttpHandler[] = [];
  for (const definition of options.servers) {
    const handler = createMcpHandler(
      (ctx) => buildMcpServer(definition, (ctx.authInfo?.extra as { actor: Actor }).actor, options.onError),
      { onerror: options.onError, responseMode: 'auto' },
    );
    closers.push(handler);
    handlers.set(definition.name, toNodeHandler(handler));
  }
  const metadataPath = (name: string) => `/.well-known/oauth-protected-resource/mcp/${name}`;

  app.get(
    '/.well-known/oauth-protected-resource/mcp/:server',
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { server } = request.params as { server: string };
      if (!handlers.has(server)) return notFound(reply, server);
      return reply.header('cache-control', 'public, max-age=3600').send({
        resource: `${options.publicUrl}/mcp/${server}`,
        resource_name: `Cockpit ${server}`,
        bearer_methods_supported: ['header', 'query'],
        // Cockpit issues its own credentials (user tokens from /v1/auth/login, project API keys);
        // it is not an OAuth authorization server, so none is advertised.
        authorization_servers: [],
        resource_documentation: `${options.publicUrl}/docs`,
      });
    },
  );

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const { server } = request.params as { server: string };
    const handle = handlers.get(server);
    if (!handle) return notFound(reply, server);
    const challenge = `Bearer realm="cockpit", resource_metadata="${options.publicUrl}${metadataPath(server)}"`;
    const credential = credentialFrom(request.headers) ?? queryToken(request);
    const authenticated = credential ? await options.authenticate.execute(credential) : null;
    if (!authenticated?.ok) {
      const detail = authenticated
        ? authenticated.error.message
        : 'authentication is required: send a bearer token';
      return reply
        .status(401)
        .header('www-authenticate', `${challenge}${credential ? ', error="invalid_token"' : ''}`)
        .type('application/problem+json')
        .send({
          type: 'https://cockpit.dev/problems/unauthorized',
          title: 'Unauthorized',
          status: 401,
          detail,
          error: 'invalid_token',
        });
    }
    const auth: AuthInfo = {
      token: credential as string,
      clientId:
        authenticated.value.kind === 'user' ? authenticated.value.userId : authenticated.value.apiKeyId,
      scopes: [],
      extra: { actor: authenticated.value },
    };
    reply.hijack();
    await handle(Object.assign(request.raw, { auth }), reply.raw, request.body);
  };
  // `/mcp/<server>/mcp` serves clients that insist on an endpoint path ending in `/mcp`
  // (MCP Inspector 0.15's CLI rewrites any other path to `<origin>/mcp`).
  app.route({ method: ['GET', 'POST', 'DELETE'], url: '/mcp/:server', handler: serve });
  app.route({ method: ['GET', 'POST', 'DELETE'], url: '/mcp/:server/mcp', handler: serve });

  app.addHook('onClose', async () => {
    await Promise.allSettled(closers.map((handler) => handler.close()));
  });
}

/**
 * RFC 6750 §2.3: the `access_token` query parameter, for clients that cannot set headers (MCP
 * Inspector 0.15's CLI). Headers stay the recommended way; request logs mask the parameter.
 */
function queryToken(request: FastifyRequest): string | null {
  const token = (request.query as Record<string, unknown> | undefined)?.access_token;
  return typeof token === 'string' && token.length > 0 ? token : null;
}

function notFound(reply: FastifyReply, server: string) {
  return reply
    .status(404)
    .type('application/problem+json')
    .send({
      type: 'https://cockpit.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: `no MCP server named "${server}"`,
    });
}
