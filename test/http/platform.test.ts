import { OpenApiDocument } from '../../presentation/http/openapi-document';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, ConfigSchema, loadConfig } from '../../src/config';
import { call, expectProblem, login } from '../support/http';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp, startTestApp } from '../support/test-app';

describe('platform', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        COCKPIT_CORS_ORIGINS: 'https://cockpit.example.com',
        COCKPIT_BODY_LIMIT: '4096',
        COCKPIT_INGEST_MAX_BYTES: '4096',
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('health', () => {
    it('reports liveness and database readiness', async () => {
      expect((await call(app, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
      expect((await call(app, 'GET', '/readyz')).body).toEqual({
        status: 'ready',
        checks: { database: 'ok' },
      });
    });
  });

  describe('OpenAPI', () => {
    it('is generated from the zod schemas that validate requests', async () => {
      const doc = (await call(app, 'GET', '/openapi.json')).body;
      expect(doc.openapi).toBe('3.1.0');
      const login = doc.paths['/v1/auth/login'].post;
      expect(login.requestBody.content['application/json'].schema).toMatchObject({
        type: 'object',
        required: expect.arrayContaining(['email', 'password']),
        additionalProperties: false,
      });
      expect(doc.paths['/v1/invites:accept'].post).toBeDefined();
      expect(doc.paths['/v1/projects/{project_id}'].get.parameters[0]).toMatchObject({
        name: 'project_id',
        in: 'path',
        required: true,
      });
      expect(doc.paths['/v1/tenants/{tenant_id}/members'].post['x-cockpit-access']).toBe('admin');
      expect(doc.paths['/v1/me'].get.responses['401'].content['application/problem+json']).toBeDefined();
    });

    it('declares access for every route', async () => {
      const routes = app.cockpit.app.get(OpenApiDocument).routes();
      expect(routes.length).toBeGreaterThan(20);
      for (const { route } of routes) expect(route.access).toEqual(expect.any(String));
    });

    it('serves Swagger UI at /docs with its assets', async () => {
      const page = await call(app, 'GET', '/docs');
      expect(page.body).toContain('swagger-ui');
      const bundle = await app.cockpit.app.inject({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });
      expect(bundle.statusCode).toBe(200);
      expect(bundle.headers['content-type']).toMatch(/javascript/);
      expectProblem(await call(app, 'GET', '/docs/../../package.json'), 404);
    });
  });

  describe('problem+json for every kind of bad request', () => {
    it('answers an unknown route', async () => {
      expectProblem(await call(app, 'GET', '/v1/nothing-here'), 404, 'not-found');
    });

    it('answers a body that is not JSON', async () => {
      expectProblem(await call(app, 'POST', '/v1/auth/login', { rawBody: '{"email":' }), 400, 'invalid-json');
    });

    it.each([
      ['a __proto__ key', '{"email":"a@b.test","password":"x","__proto__":{"admin":true}}'],
      ['a constructor.prototype key', '{"email":"a@b.test","constructor":{"prototype":{"admin":true}}}'],
      ['an escaped __proto__ key', '{"email":"a@b.test","\\u005f_proto__":{"admin":true}}'],
    ])('refuses a body with %s (prototype poisoning)', async (_name, rawBody) => {
      // refused by the parser itself, before validation could mistake it for an unknown field
      expectProblem(await call(app, 'POST', '/v1/auth/login', { rawBody }), 400, 'invalid-json');
    });

    it('answers an unsupported content type', async () => {
      const reply = await call(app, 'POST', '/v1/auth/login', {
        headers: { 'content-type': 'text/plain' },
        rawBody: 'hello',
      });
      expectProblem(reply, 415, 'unsupported-media-type');
    });

    it('answers a body over the size limit', async () => {
      const reply = await call(app, 'POST', '/v1/auth/login', {
        body: { email: 'x'.repeat(80_000), password: 'y' },
      });
      expectProblem(reply, 413, 'body-too-large');
    });

    it('rejects unknown fields', async () => {
      const reply = await call(app, 'POST', '/v1/auth/login', {
        body: { email: 'a@b.test', password: 'x', admin: true },
      });
      expect(expectProblem(reply, 400, 'validation').errors).toEqual([
        { path: 'body', message: expect.stringContaining('admin') },
      ]);
    });
  });

  describe('security headers and CORS', () => {
    it('sends security headers and a request id', async () => {
      const reply = await call(app, 'GET', '/healthz');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
      expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(reply.headers['x-request-id']).toEqual(expect.any(String));
    });

    it('allows configured origins only', async () => {
      const allowed = await call(app, 'OPTIONS', '/v1/me', {
        headers: { origin: 'https://cockpit.example.com', 'access-control-request-method': 'GET' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://cockpit.example.com');
      const denied = await call(app, 'GET', '/healthz', { headers: { origin: 'https://evil.example.com' } });
      expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('structured logs', () => {
    it('never write credentials, passwords or tokens', async () => {
      const tokens = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
      const apiKey = 'ck_AbCdEfGhIjKl_0123456789abcdefghijABCDEFGHIJKL';
      const secrets = {
        bearer: tokens.access_token,
        refresh: tokens.refresh_token,
        cookie: 'session=cookie-secret-value-123',
        apiKey,
        queryToken: 'query-token-secret-456',
        password: ADMIN_PASSWORD,
      };
      await call(app, 'GET', `/v1/me?token=${secrets.queryToken}`, {
        auth: secrets.bearer,
        headers: { cookie: secrets.cookie, 'x-api-key': apiKey },
      });
      await call(app, 'POST', '/v1/auth/refresh', { body: { refresh_token: secrets.refresh } });
      // and whatever a developer logs by hand
      app.cockpit.runtime.logger.info(
        {
          req: {
            method: 'POST',
            url: `/x?access_token=${secrets.queryToken}`,
            headers: {
              authorization: `Bearer ${secrets.bearer}`,
              cookie: secrets.cookie,
              'x-api-key': apiKey,
            },
          },
          res: { statusCode: 200, getHeaders: () => ({ 'set-cookie': secrets.cookie }) },
          body: { email: ADMIN_EMAIL, password: secrets.password, refresh_token: secrets.refresh },
        },
        `handled a call with ${secrets.bearer}`,
      );
      const text = app.logs.join('\n');
      expect(text).toContain('/v1/me'); // the requests were logged...
      expect(text).toContain(ADMIN_EMAIL);
      for (const [name, value] of Object.entries(secrets)) {
        expect({ name, leaked: text.includes(value) }).toEqual({ name, leaked: false }); // ...without any secret
      }
      expect(text).not.toContain('0123456789abcdefghijABCDEFGHIJKL');
      for (const line of app.logs) expect(() => JSON.parse(line)).not.toThrow();
    });
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After and problem+json past the limit', async () => {
    const app = await startTestApp({ env: { COCKPIT_RATE_LIMIT_MAX: '5' } });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 7; i++) {
        last = await call(app, 'GET', '/v1/me');
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      const problem = expectProblem(last!, 429, 'rate-limited');
      expect(problem.detail).toMatch(/5 requests/);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      expect((await call(app, 'GET', '/healthz')).status).toBe(200); // probes are never limited
    } finally {
      await app.close();
    }
  });

  const withRedis = process.env.REDIS_URL ? it : it.skip;
  withRedis('shares counts between replicas through Redis', async () => {
    const limit = String(4);
    const namespaceSalt = `${Date.now()}`;
    const a = await startTestApp({
      env: { COCKPIT_RATE_LIMIT_MAX: limit, REDIS_URL: process.env.REDIS_URL as string },
    });
    const b = await startTestApp({
      env: { COCKPIT_RATE_LIMIT_MAX: limit, REDIS_URL: process.env.REDIS_URL as string },
    });
    try {
      const ip = `10.9.${Number(namespaceSalt.slice(-3)) % 250}.${Number(namespaceSalt.slice(-5, -3)) % 250}`;
      const hit = (app: TestApp) =>
        app.cockpit.app.inject({ method: 'GET', url: '/v1/me', remoteAddress: ip });
      const statuses = [];
      for (const app of [a, b, a, b, a, b]) statuses.push((await hit(app)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('configuration', () => {
  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ COCKPIT_BCRYPT_COST: '10' })).toThrow(
      /COCKPIT_BCRYPT_COST: must be at least 12/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ COCKPIT_CORS_ORIGINS: 'not a url' })).toThrow(/COCKPIT_CORS_ORIGINS/);
  });

  it('documents every variable in the README configuration table', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const key of Object.keys(ConfigSchema.shape))
      expect({ key, documented: readme.includes(`| \`${key}\``) }).toEqual({ key, documented: true });
  });

  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 8080,
      COCKPIT_DATA_DIR: './.cockpit/data',
      COCKPIT_RATE_LIMIT_MAX: 120,
      COCKPIT_SIGNUP: 'closed',
    });
  });
});
