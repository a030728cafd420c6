import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type ZodType, z } from 'zod';
import { API_ROUTE, type ApiRoute } from './api.decorator';

const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'all', 'options', 'head', 'search'];

export interface RouteInfo {
  readonly method: string;
  /** The path as Fastify sees it (`/v1/runs/:run_id::finish`). */
  readonly path: string;
  readonly route: ApiRoute;
  readonly operationId: string;
}

/** Options the composition root provides. */
export class OpenApiOptions {
  constructor(
    readonly version: string,
    readonly serverUrl: string,
  ) {}
}

const ProblemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    reason: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. Built
 * once at start-up; a route without declared access stops the application from starting.
 */
@Injectable()
export class OpenApiDocument implements OnApplicationBootstrap {
  private doc: Record<string, unknown> | null = null;
  private list: RouteInfo[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly options: OpenApiOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.list = this.discover();
    this.doc = this.build(this.list);
  }

  get(): Record<string, unknown> {
    if (!this.doc) this.onApplicationBootstrap();
    return this.doc as Record<string, unknown>;
  }

  routes(): readonly RouteInfo[] {
    if (!this.doc) this.onApplicationBootstrap();
    return this.list;
  }

  private discover(): RouteInfo[] {
    const routes: RouteInfo[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of this.scanner.getAllMethodNames(type.prototype)) {
        const handler = type.prototype[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (method === undefined) continue;
        const path = joinPath(base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? ''));
        const verb = HTTP_METHODS[method] ?? 'get';
        const route = this.reflector.get<ApiRoute | undefined>(API_ROUTE, handler as never);
        if (!route)
          throw new Error(`${type.name}.${name} (${verb.toUpperCase()} ${path}) declares no @Api access`);
        routes.push({
          method: verb,
          path,
          route,
          operationId: `${lowerFirst(type.name.replace(/Controller$/, ''))}_${name}`,
        });
      }
    }
    return routes;
  }

  private build(routes: readonly RouteInfo[]): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const { method, path, route, operationId } of routes) {
      if (route.hidden) continue;
      const key = toOpenApiPath(path);
      paths[key] ??= {};
      paths[key][method] = operation(route, operationId);
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Cockpit API',
        version: this.options.version,
        description:
          'Control plane for AI agents in production. Errors are RFC 9457 problem+json. Live events: WebSocket at /v1/ws. MCP servers: Streamable HTTP at /mcp/{server}.',
      },
      servers: [{ url: this.options.serverUrl }],
      paths,
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A user access token (JWT) or a project API key',
          },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        },
        schemas: { Problem: ProblemSchema },
      },
    };
  }
}

function operation(route: ApiRoute, operationId: string): Record<string, unknown> {
  const status = String(route.status ?? 200);
  const problem = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
  const responses: Record<string, unknown> = {
    [status]: route.response
      ? {
          description: 'Success',
          content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
        }
      : { description: 'Success' },
    '400': problem('Invalid input'),
    '429': problem('Rate limited'),
  };
  if (route.access !== 'public') {
    responses['401'] = problem('Missing or invalid credential');
    responses['403'] = problem('The credential lacks the required role');
  }
  if (route.params) responses['404'] = problem('Not found (or not visible to this tenant)');
  const op: Record<string, unknown> = {
    operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags ?? [],
    'x-cockpit-access': route.access,
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    responses,
  };
  if (route.access !== 'public') op.security = [{ bearer: [] }, { apiKey: [] }];
  if (route.access === 'optional') op.security = [{}, { bearer: [] }, { apiKey: [] }];
  if (route.body) {
    const content: Record<string, unknown> = {
      'application/json': { schema: jsonSchema(route.body, 'input') },
    };
    for (const type of route.consumes ?? []) content[type] = { schema: { type: 'string', format: 'binary' } };
    op.requestBody = { required: true, content };
  }
  return op;
}

function parameters(schema: ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...((property as { description?: string }).description
      ? { description: (property as { description?: string }).description }
      : {}),
  }));
}

function jsonSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

function joinPath(base: string, path: string): string {
  return ('/' + [base, path].filter(Boolean).join('/')).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

/**
 * `/v1/runs/:run_id(<regex>)::finish` → `/v1/runs/{run_id}:finish` (`::` is Fastify's escaped
 * colon; the regex only constrains routing).
 */
export function toOpenApiPath(path: string): string {
  return path
    .split('::')
    .map((part) => part.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?/g, '{$1}'))
    .join(':');
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
