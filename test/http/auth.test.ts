import { SignJWT } from 'jose';
import { call, expectProblem, login } from '../support/http';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp, startTestApp } from '../support/test-app';
import { engines } from '../support/test-database';

describe.each(engines())('authentication (%s)', (engine) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ engine });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('logs in with email and password and answers /v1/me', async () => {
    const tokens = await login(app, ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900, tenant_id: expect.any(String) });
    const me = await call(app, 'GET', '/v1/me', { auth: tokens.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: ADMIN_EMAIL,
      role: 'admin',
      is_operator: true,
      tenant_id: tokens.tenant_id,
    });
    expect(me.body.tenants).toEqual([{ id: tokens.tenant_id, name: 'Demo', role: 'admin' }]);
  });

  it('stores the password as a bcrypt hash of cost 12 or more', async () => {
    const [row] = await app.cockpit.runtime.db.run({ userEmail: ADMIN_EMAIL }, (m) =>
      m.query('SELECT password_hash FROM users WHERE email = $1', [ADMIN_EMAIL]),
    );
    expect(row.password_hash).toMatch(/^\$2[aby]\$1[2-9]\$/);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await call(app, 'POST', '/v1/auth/login', {
      body: { email: ADMIN_EMAIL, password: 'not the password' },
    });
    const unknown = await call(app, 'POST', '/v1/auth/login', {
      body: { email: 'nobody@x.test', password: 'whatever!!' },
    });
    expectProblem(wrong, 401, 'invalid-credentials');
    expectProblem(unknown, 401, 'invalid-credentials');
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rotates refresh tokens: each one works exactly once', async () => {
    const first = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    const second = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: first.refresh_token },
    });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    const me = await call(app, 'GET', '/v1/me', { auth: second.body.access_token });
    expect(me.status).toBe(200);
  });

  it('revokes the whole token family when a used refresh token is replayed', async () => {
    const first = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    const rotated = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: first.refresh_token },
    });
    const replay = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: first.refresh_token },
    });
    expectProblem(replay, 401, 'refresh-token-reused');
    // the legitimate newer token and every access token of the session are dead too
    const newer = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: rotated.body.refresh_token },
    });
    expectProblem(newer, 401, 'session-revoked');
    const me = await call(app, 'GET', '/v1/me', { auth: rotated.body.access_token });
    expectProblem(me, 401, 'session-revoked');
    // another session of the same user is unaffected
    const other = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await call(app, 'GET', '/v1/me', { auth: other.access_token })).status).toBe(200);
  });

  it('lets only one of two concurrent refreshes with the same token through', async () => {
    const first = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    const [a, b] = await Promise.all([
      call(app, 'POST', '/v1/auth/refresh', { body: { refresh_token: first.refresh_token } }),
      call(app, 'POST', '/v1/auth/refresh', { body: { refresh_token: first.refresh_token } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
  });

  it('ends the session on logout, for access and refresh tokens alike', async () => {
    const tokens = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    const out = await call(app, 'POST', '/v1/auth/logout', { auth: tokens.access_token, body: {} });
    expect(out.status).toBe(204);
    expectProblem(await call(app, 'GET', '/v1/me', { auth: tokens.access_token }), 401, 'session-revoked');
    const refresh = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refresh_token: tokens.refresh_token },
    });
    expectProblem(refresh, 401, 'session-revoked');
  });

  it('logs out by refresh token without an access token', async () => {
    const tokens = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(
      (await call(app, 'POST', '/v1/auth/logout', { body: { refresh_token: tokens.refresh_token } })).status,
    ).toBe(204);
    expectProblem(await call(app, 'GET', '/v1/me', { auth: tokens.access_token }), 401);
  });

  it('rejects a tampered, a foreign-signed and an expired access token', async () => {
    const tokens = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    const [header, payload, signature] = tokens.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...claims, tid: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    expectProblem(
      await call(app, 'GET', '/v1/me', { auth: `${header}.${forged}.${signature}` }),
      401,
      'invalid-token',
    );

    const foreign = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(new TextEncoder().encode('x'.repeat(64)));
    expectProblem(await call(app, 'GET', '/v1/me', { auth: foreign }), 401, 'invalid-token');

    const expired = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(new TextEncoder().encode(app.cockpit.runtime.jwtSecret));
    const reply = await call(app, 'GET', '/v1/me', { auth: expired });
    expectProblem(reply, 401, 'token-expired');
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="cockpit", error="invalid_token"');
  });

  it('challenges a request without a credential without an error code (RFC 6750)', async () => {
    const reply = await call(app, 'GET', '/v1/me');
    expectProblem(reply, 401, 'credential-required');
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="cockpit"');
  });

  it('validates the login body', async () => {
    const reply = await call(app, 'POST', '/v1/auth/login', { body: { email: ADMIN_EMAIL } });
    const problem = expectProblem(reply, 400, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'body.password' })]);
  });
});
