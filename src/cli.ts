#!/usr/bin/env node
import { CliError } from '../presentation/cli/api-client';
import { API_COMMANDS, USAGE, runApiCommand } from '../presentation/cli/commands';
import { ConfigError, loadConfig } from './config';

const MCP_SERVERS = [
  'observability-service',
  'cloud-provider-service',
  'infrastructure-resource-service',
  'cost-service',
  'iac-service',
  'agent-service',
];

/**
 * The `cockpit` command. Server commands are wired here; API commands live in presentation/cli.
 * Server modules (Nest, TypeORM, the MCP SDK) load only for the commands that need them, so API
 * commands start in a fraction of the time.
 */
async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'start': {
      const { startServer, failedToStart } = await import('./main.js');
      await startServer().catch(failedToStart);
      return -1; // keeps running
    }
    case 'migrate': {
      const config = loadConfig();
      const { openDatabase } = await import('../infrastructure/persistence/data-source.factory.js');
      const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.COCKPIT_DATA_DIR });
      await db.close();
      process.stdout.write('database schema is up to date\n');
      return 0;
    }
    case 'mcp': {
      const server = rest[0];
      if (!server || !MCP_SERVERS.includes(server)) {
        throw new CliError(`usage: cockpit mcp <server>  (servers: ${MCP_SERVERS.join(', ')})`, 2);
      }
      const base = (process.env.COCKPIT_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
      const credential = process.env.COCKPIT_API_KEY ?? process.env.COCKPIT_TOKEN;
      if (!credential)
        throw new CliError('set COCKPIT_API_KEY to a project API key (see README: Claude Desktop)', 2);
      // stdout is the protocol channel: everything human goes to stderr.
      const { runStdioBridge } = await import('../mcp-servers/shared/stdio-bridge.js');
      await runStdioBridge({
        url: `${base}/mcp/${server}`,
        credential,
        log: (message) => process.stderr.write(`cockpit mcp: ${message}\n`),
      });
      return 0; // the client closed stdin and every answer was delivered
    }
    default:
      if ((API_COMMANDS as readonly string[]).includes(command)) {
        await runApiCommand(argv, {
          out: (line) => process.stdout.write(`${line}\n`),
          env: process.env,
          colour: (Boolean(process.stdout.isTTY) || process.env.FORCE_COLOR === '1') && !process.env.NO_COLOR,
        });
        return 0;
      }
      throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 2);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof CliError || error instanceof ConfigError) {
      process.stderr.write(`cockpit: ${error.message}\n`);
      process.exit(error instanceof CliError ? error.exitCode : 2);
    }
    process.stderr.write(`cockpit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
