import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface StubRequest {
  readonly method: string;
  /** Path and query, e.g. /v1/runs/abc/steps. */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: any;
  /** ms since the stub started. */
  readonly at: number;
}

/** What a route answers: a status and JSON body, headers, or "reset" to drop the connection. */
export type StubAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | 'reset';

export type StubRoute = (request: StubRequest) => StubAnswer | Promise<StubAnswer>;

export interface StubServer {
  readonly url: string;
  readonly requests: StubRequest[];
  /** Requests whose path (without query) matches. */
  requestsTo(method: string, path: RegExp | string): StubRequest[];
  /** Steps stored by the default steps route, by run id, each id once (duplicates are reported as such). */
  readonly stored: Map<string, Map<string, any>>;
  /** The built-in behaviour (create run, store steps idempotently, finish), for `sequence`. */
  readonly defaults: StubRoute;
  /** Replaces the answer of a route, matched on "METHOD path-regex". */
  on(method: string, path: RegExp, route: StubRoute): void;
  close(): Promise<void>;
}

/**
 * A stand-in Cockpit on node:http for the SDK's transport tests: it records every request, stores
 * steps idempotently the way the server does, and lets a test script failures per route.
 */
export async function startStubServer(): Promise<StubServer> {
  const started = Date.now();
  const requests: StubRequest[] = [];
  const stored = new Map<string, Map<string, any>>();
  const routes: { method: string; path: RegExp; route: StubRoute }[] = [];

  const defaults: StubRoute = (request) => {
    const path = request.url.split('?')[0]!;
    if (request.method === 'POST' && path === '/v1/runs')
      return {
        status: 201,
        body: { id: request.body?.id, status: 'running', name: request.body?.name ?? null },
      };
    const steps = /^\/v1\/runs\/([^/:]+)\/steps$/.exec(path);
    if (request.method === 'POST' && steps) {
      const run = stored.get(steps[1]!) ?? new Map<string, any>();
      stored.set(steps[1]!, run);
      const results = (request.body.steps as any[]).map((step) => {
        if (run.has(step.id)) return { id: step.id, status: 'duplicate', code: 200 };
        run.set(step.id, step);
        return { id: step.id, status: 'created', code: 201 };
      });
      return {
        status: 200,
        body: { results, created: results.filter((r) => r.code === 201).length, rejected: 0 },
      };
    }
    const finish = /^\/v1\/runs\/([^/:]+):finish$/.exec(path);
    if (request.method === 'POST' && finish)
      return { status: 200, body: { id: finish[1], status: request.body.status } };
    return {
      status: 404,
      body: { type: 'https://cockpit.dev/problems/not-found', title: 'Not Found', status: 404 },
    };
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const request: StubRequest = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body: text ? JSON.parse(text) : undefined,
          at: Date.now() - started,
        };
        requests.push(request);
        const path = request.url.split('?')[0]!;
        const match = [...routes].reverse().find((r) => r.method === request.method && r.path.test(path));
        const answer = await (match?.route ?? defaults)(request);
        if (answer === 'reset') {
          req.socket.destroy();
          return;
        }
        const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
        const isProblem = answer.status >= 400;
        res.writeHead(answer.status, {
          ...(body ? { 'content-type': isProblem ? 'application/problem+json' : 'application/json' } : {}),
          ...answer.headers,
        });
        res.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stored,
    defaults,
    requestsTo(method, path) {
      return requests.filter(
        (r) =>
          r.method === method &&
          (typeof path === 'string' ? r.url.split('?')[0] === path : path.test(r.url.split('?')[0]!)),
      );
    },
    on(method, path, route) {
      routes.push({ method, path, route });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A route that answers the given answers in turn, then falls through to `then`. */
export function sequence(answers: StubAnswer[], then: StubRoute): StubRoute {
  let i = 0;
  return (request) => (i < answers.length ? answers[i++]! : then(request));
}

export const problem = (status: number, type: string, detail?: string) => ({
  status,
  body: { type: `https://cockpit.dev/problems/${type}`, title: type, status, ...(detail ? { detail } : {}) },
});
