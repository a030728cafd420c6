import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { call } from '../support/http';
import { postSteps, startRun, tick } from '../support/runs';
import { type TenantFixture, createTenant } from '../support/tenant-fixture';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp, startTestApp } from '../support/test-app';

const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli.js');
const exec = promisify(execFile);

async function cockpit(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the cockpit CLI', () => {
  let app: TestApp;
  let url: string;
  let acme: TenantFixture;

  beforeAll(async () => {
    app = await startTestApp();
    url = await app.listen();
    acme = await createTenant(app, 'Acme');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('prints usage and exits 2 without a command, and on an unknown one', async () => {
    const none = await cockpit([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage: cockpit');
    const unknown = await cockpit(['frobnicate']);
    expect(unknown).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command "frobnicate"'),
    });
  });

  it('logs in and shows the identity behind a token', async () => {
    const login = await cockpit(['login', '--email', ADMIN_EMAIL, '--password', ADMIN_PASSWORD], {
      COCKPIT_URL: url,
    });
    expect(login.code).toBe(0);
    const token = login.stdout.trim();
    const whoami = await cockpit(['whoami'], { COCKPIT_URL: url, COCKPIT_TOKEN: token });
    expect(whoami.stdout).toContain(ADMIN_EMAIL);
    expect(whoami.stdout).toContain('(operator)');
  });

  it('lists projects as a table or as the API JSON', async () => {
    const table = await cockpit(['projects', 'list'], { COCKPIT_URL: url, COCKPIT_API_KEY: acme.apiKey });
    expect(table.stdout).toContain(acme.projectId);
    const json = await cockpit(['projects', 'list', '--json'], {
      COCKPIT_URL: url,
      COCKPIT_API_KEY: acme.apiKey,
    });
    expect(JSON.parse(json.stdout).items[0].id).toBe(acme.projectId);
  });

  it('creates an API key and prints it once', async () => {
    const created = await cockpit(['api-keys', 'create', '--project', acme.projectId, '--name', 'cli'], {
      COCKPIT_URL: url,
      COCKPIT_TOKEN: acme.admin.token,
    });
    expect(created.stdout).toMatch(/^ck_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$/m);
  });

  it('turns API problems into one readable line and exit code 1', async () => {
    const refused = await cockpit(['projects', 'create', '--name', 'x'], {
      COCKPIT_URL: url,
      COCKPIT_API_KEY: acme.apiKey,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^cockpit: 403 Forbidden: this action needs the admin role/);
    const invalid = await cockpit(
      ['api-keys', 'create', '--project', acme.projectId, '--name', 'x', '--role', 'root'],
      {
        COCKPIT_URL: url,
        COCKPIT_TOKEN: acme.admin.token,
      },
    );
    expect(invalid.stderr).toContain('body.role');
  });

  it('prints a readable diff of two runs, coloured when asked, and the API JSON with --json', async () => {
    const steps = (prefix: string, temperature: number, extra: boolean) => [
      {
        id: `${prefix}-1`,
        kind: 'model',
        name: 'chat',
        model: 'gpt-4o',
        model_params: { temperature },
        started_at: tick(),
      },
      ...(extra
        ? [{ id: `${prefix}-x`, kind: 'tool', name: 'fraud_check', tool: 'fraud_check', started_at: tick() }]
        : []),
      {
        id: `${prefix}-2`,
        kind: 'tool',
        name: 'refund',
        tool: 'refund',
        started_at: tick(),
        input: { amount: 10 },
      },
    ];
    const a = (await startRun(app, acme.apiKey, { name: 'good' })).id;
    await postSteps(app, acme.apiKey, a, steps('a', 0.2, false));
    const b = (await startRun(app, acme.apiKey, { name: 'bad' })).id;
    await postSteps(app, acme.apiKey, b, steps('b', 0.9, true));
    const env = { COCKPIT_URL: url, COCKPIT_API_KEY: acme.apiKey };

    const text = await cockpit(['diff', a, b], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1 same, 1 changed, 1 inserted, 0 deleted');
    expect(text.stdout).toMatch(/~ \[0→0\] model chat \(gpt-4o\)\n\s+model_params.temperature: 0.2 → 0.9/);
    expect(text.stdout).toMatch(/\+ b\[1\] tool fraud_check/);
    expect(text.stdout).not.toContain('\u001b['); // not a terminal: no colour codes

    const coloured = await cockpit(['diff', a, b], { ...env, FORCE_COLOR: '1' });
    expect(coloured.stdout).toContain('\u001b[32m+ b[1] tool fraud_check');

    const json = await cockpit(['diff', a, b, '--json'], env);
    const api = await call(app, 'GET', `/v1/diff?runA=${a}&runB=${b}`, { auth: acme.apiKey });
    expect(JSON.parse(json.stdout)).toEqual(api.body);

    expect(await cockpit(['diff', a], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: cockpit diff'),
    });
  });

  it('says what is missing: flags, credentials, a reachable server', async () => {
    expect(await cockpit(['projects', 'create'], { COCKPIT_URL: url, COCKPIT_TOKEN: 'x' })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--name is required'),
    });
    expect(await cockpit(['whoami'], { COCKPIT_URL: url })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('COCKPIT_API_KEY'),
    });
    expect(
      await cockpit(['whoami'], { COCKPIT_URL: 'http://127.0.0.1:9', COCKPIT_API_KEY: 'x' }),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('not reachable'),
    });
    expect(
      await cockpit(['projects', 'list', '--bogus'], { COCKPIT_URL: url, COCKPIT_API_KEY: 'x' }),
    ).toMatchObject({ code: 2 });
  });
});
