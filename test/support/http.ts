import { createServer } from 'node:net';
import { type TestApp } from './test-app';

export interface Reply<T = any> {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: T;
}

/** Fastify inject with JSON in and out; `auth` is a bearer token or API key. */
export async function call<T = any>(
  app: TestApp,
  method: string,
  url: string,
  options: { auth?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<Reply<T>> {
  const response = await app.cockpit.app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(options.auth ? { authorization: `Bearer ${options.auth}` } : {}),
      ...(options.body !== undefined || options.rawBody !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...options.headers,
    },
    payload: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = response.body;
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (HTML pages, assets)
  }
  return { status: response.statusCode, headers: response.headers as Reply['headers'], body: body as T };
}

export async function login(app: TestApp, email: string, password: string, tenantId?: string) {
  const reply = await call(app, 'POST', '/v1/auth/login', {
    body: { email, password, ...(tenantId ? { tenant_id: tenantId } : {}) },
  });
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as {
    access_token: string;
    refresh_token: string;
    tenant_id: string | null;
    expires_in: number;
  };
}

/** Asserts an RFC 9457 answer and returns it. */
export function expectProblem(reply: Reply, status: number, type?: string) {
  expect(reply.status).toBe(status);
  expect(String(reply.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(reply.body).toMatchObject({
    status,
    title: expect.any(String),
    type: expect.stringMatching(/^https:\/\//),
  });
  if (type) expect(reply.body.type).toBe(`https://cockpit.dev/problems/${type}`);
  expect(JSON.stringify(reply.body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  return reply.body;
}

/** A port nothing listens on right now, for servers whose public URL must be known before they listen. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
