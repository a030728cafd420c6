import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type RunDiff } from '../../domain/runs/diff';
import { ApiClient, CliError } from './api-client';
import { COLOURS, PLAIN, formatDiff } from './diff-format';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Whether output may be coloured (a terminal, unless NO_COLOR is set). */
  readonly colour: boolean;
}

export const API_COMMANDS = ['whoami', 'login', 'projects', 'api-keys', 'diff'] as const;

export const USAGE = `Usage: cockpit <command> [options]

Server
  start                          run the server (same as npm start)
  migrate                        bring the database schema up to date and exit
  mcp <server>                   serve an MCP server on stdio, relaying to a running Cockpit
                                 (servers: observability-service)

API (talks to COCKPIT_URL, default http://127.0.0.1:8080, with COCKPIT_API_KEY or COCKPIT_TOKEN)
  login --email E --password P   print an access token for COCKPIT_TOKEN
  whoami                         show the identity behind the credential
  projects list                  list projects
  projects create --name N       create a project (Admin)
  api-keys create --project ID --name N [--role developer|viewer]
                                 create a project API key (printed once)
  diff RUN_A RUN_B [--profile P] compare two runs step by step (coloured on a terminal)

Options
  --json                         print the API's JSON instead of a table
  -h, --help                     show this help`;

/** Runs one API command; returns normally on success, throws CliError otherwise. */
export async function runApiCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const [command, ...rest] = argv;
  const baseUrl = io.env.COCKPIT_URL ?? 'http://127.0.0.1:8080';
  const credential = io.env.COCKPIT_API_KEY ?? io.env.COCKPIT_TOKEN ?? null;
  const client = new ApiClient(baseUrl, credential);
  const { values, positionals } = parse(rest, {
    json: { type: 'boolean' },
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    project: { type: 'string' },
    role: { type: 'string' },
    profile: { type: 'string' },
  });
  const print = (json: unknown, rows: () => string[]) => {
    if (values.json) io.out(JSON.stringify(json, null, 2));
    else rows().forEach((row) => io.out(row));
  };

  switch (command) {
    case 'login': {
      const email = required(values.email, '--email');
      const password = values.password ?? io.env.COCKPIT_PASSWORD;
      if (!password) throw new CliError('--password (or COCKPIT_PASSWORD) is required', 2);
      const tokens = await new ApiClient(baseUrl, null).request<{ access_token: string; expires_in: number }>(
        'POST',
        '/v1/auth/login',
        { email, password },
      );
      print(tokens, () => [tokens.access_token]);
      return;
    }
    case 'whoami': {
      needCredential(credential);
      const me = await client.request<Record<string, unknown>>('GET', '/v1/me');
      print(me, () => [
        `${me.kind === 'api_key' ? 'API key' : 'user'} ${me.email ?? me.id}`,
        `tenant ${me.tenant_id ?? '-'}  role ${me.role ?? '-'}${me.project_id ? `  project ${me.project_id}` : ''}${me.is_operator ? '  (operator)' : ''}`,
      ]);
      return;
    }
    case 'projects': {
      needCredential(credential);
      const action = positionals[0] ?? 'list';
      if (action === 'list') {
        const list = await client.request<{ items: { id: string; name: string }[] }>('GET', '/v1/projects');
        print(list, () => list.items.map((p) => `${p.id}  ${p.name}`));
        return;
      }
      if (action === 'create') {
        const project = await client.request<{ id: string; name: string }>('POST', '/v1/projects', {
          name: required(values.name, '--name'),
        });
        print(project, () => [`${project.id}  ${project.name}`]);
        return;
      }
      throw new CliError(`unknown projects action "${action}" (use list or create)`, 2);
    }
    case 'api-keys': {
      needCredential(credential);
      if (positionals[0] !== 'create')
        throw new CliError('usage: cockpit api-keys create --project ID --name N', 2);
      const project = required(values.project, '--project');
      const key = await client.request<{ key: string; prefix: string }>(
        'POST',
        `/v1/projects/${encodeURIComponent(project)}/api-keys`,
        { name: required(values.name, '--name'), ...(values.role ? { role: values.role } : {}) },
      );
      print(key, () => [key.key, '(store it now: it is shown only once)']);
      return;
    }
    case 'diff': {
      needCredential(credential);
      const [runA, runB, ...extra] = positionals;
      if (!runA || !runB || extra.length > 0)
        throw new CliError('usage: cockpit diff RUN_A RUN_B [--profile P] [--json]', 2);
      const query = new URLSearchParams({
        runA,
        runB,
        ...(values.profile ? { profile: String(values.profile) } : {}),
      });
      const diff = await client.request<RunDiff>('GET', `/v1/diff?${query}`);
      print(diff, () => formatDiff(diff, io.colour ? COLOURS : PLAIN));
      return;
    }
    default:
      throw new CliError(`unknown command "${command ?? ''}"\n\n${USAGE}`, 2);
  }
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    };
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`${flag} is required`, 2);
  return value;
}

function needCredential(credential: string | null): void {
  if (!credential)
    throw new CliError('set COCKPIT_API_KEY (a project API key) or COCKPIT_TOKEN (from `cockpit login`)', 2);
}
