import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { constants as osConstants, tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import { type TerraformPlan, TerraformRunner } from '../../domain/cloud/ports/terraform-runner.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';

export interface TerraformCliRunnerOptions {
  /** `TERRAFORM_BINARY`: a path, or a command name looked up on PATH, used instead of terraform/tofu. */
  readonly binary?: string;
  /** The PATH to search; `process.env.PATH` by default. */
  readonly path?: string;
  /** For version, init and plan together; 120 s by default. */
  readonly timeoutMs?: number;
  /** Extra variables for the child, e.g. provider credentials (nothing else of ours is passed on). */
  readonly env?: Readonly<Record<string, string>>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
/** Plans of big configurations are long; the end holds the summary and the errors. */
const MAX_OUTPUT_CHARS = 1_000_000;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// eslint-disable-next-line no-control-regex -- ESC starts the colour codes being stripped
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
/**
 * The child sees these from our environment and nothing else: Cockpit's own secrets (database
 * URL, encryption keys) have no business in a Terraform process. `TF_*` carries the user's
 * Terraform setup (CLI config, plugin cache, registry tokens).
 */
const PASSED_ENV =
  /^(PATH|HOME|USER|LOGNAME|LANG|LC_[A-Z]+|TZ|TMPDIR|TEMP|TMP|SYSTEMROOT|SSL_CERT_(FILE|DIR)|(HTTPS?|NO|ALL)_PROXY|TF_.+)$/i;
/** Settings that would change what the run does or where it writes, whatever the caller set. */
const OVERRIDDEN_ENV = /^TF_(CLI_ARGS.*|DATA_DIR|WORKSPACE)$/i;

interface RunOutcome {
  readonly code: number;
  readonly output: string;
  readonly timedOut: boolean;
}

/** The counts of the plan's last line; `No changes.` is all zeros; null when there is neither. */
export function parsePlanSummary(output: string): TerraformPlan['summary'] {
  // Terraform ≥ 1.5 writes "Plan: 1 to import, 0 to add, …" when import blocks adopt resources.
  const plan = /Plan: (?:\d+ to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy\./.exec(output);
  if (plan) return { add: Number(plan[1]), change: Number(plan[2]), destroy: Number(plan[3]) };
  return /No changes\./.test(output) ? { add: 0, change: 0, destroy: 0 } : null;
}

async function isExecutableFile(candidate: string): Promise<boolean> {
  try {
    if (!(await stat(candidate)).isFile()) return false;
    await access(candidate, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `terraform plan` (or OpenTofu's) on exported files in a private temporary directory that
 * is removed afterwards. A failing init or plan is still a result: its exit code and output are
 * what the user needs to see. Only a missing binary, a timeout or a failure to start are errors.
 */
export class TerraformCliRunner extends TerraformRunner {
  private readonly timeoutMs: number;

  constructor(private readonly options: TerraformCliRunnerOptions = {}) {
    super();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async plan(files: Readonly<Record<string, string>>): Promise<Result<TerraformPlan>> {
    const badName = Object.keys(files).find((name) => !FILE_NAME.test(name));
    if (badName !== undefined) {
      return err(
        DomainError.validation('file names must be plain names such as main.tf', [
          { path: `files.${badName}`, message: 'not a plain file name' },
        ]),
      );
    }
    const binary = await this.findBinary();
    if (binary === null) {
      return err(
        DomainError.unavailable(
          this.options.binary
            ? `TERRAFORM_BINARY (${this.options.binary}) is not an executable file`
            : 'neither terraform nor tofu is on PATH; install one to run plan on the export',
          'terraform_not_found',
        ),
      );
    }

    const deadline = Date.now() + this.timeoutMs;
    const dir = await mkdtemp(join(tmpdir(), 'cockpit-terraform-'));
    try {
      await chmod(dir, 0o700);
      for (const [name, content] of Object.entries(files)) {
        await writeFile(join(dir, name), content, { mode: 0o600, flag: 'wx' });
      }
      const env = this.childEnv(dir);
      const version = await this.run(binary, ['version'], dir, env, deadline);
      if (version.timedOut) return this.timedOut();
      // Warnings (a missing CLI config file, say) can come before the version line.
      const versionLine = /^(?:Terraform|OpenTofu) v\S+/m.exec(version.output)?.[0] ?? 'unknown';
      const tool =
        /opentofu/i.test(versionLine) || basename(binary).startsWith('tofu') ? 'tofu' : 'terraform';

      const init = await this.run(
        binary,
        ['init', '-backend=false', '-input=false', '-no-color'],
        dir,
        env,
        deadline,
      );
      if (init.timedOut) return this.timedOut();
      if (init.code !== 0) {
        return ok({ tool, version: versionLine, exitCode: init.code, output: init.output, summary: null });
      }
      const plan = await this.run(
        binary,
        ['plan', '-input=false', '-no-color', '-lock=false'],
        dir,
        env,
        deadline,
      );
      if (plan.timedOut) return this.timedOut();
      return ok({
        tool,
        version: versionLine,
        exitCode: plan.code,
        output: plan.output,
        summary: plan.code === 0 ? parsePlanSummary(plan.output) : null,
      });
    } catch (e) {
      return err(
        DomainError.upstream(`could not run terraform: ${(e as Error).message}`, 'terraform_failed'),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async findBinary(): Promise<string | null> {
    const searchPath = this.options.path ?? process.env.PATH ?? '';
    const lookup = async (name: string): Promise<string | null> => {
      if (name.includes('/')) return (await isExecutableFile(name)) ? resolve(name) : null;
      // An empty PATH entry means the working directory, which is no place to find a binary.
      for (const dir of searchPath.split(delimiter).filter((d) => d !== '')) {
        const candidate = join(dir, name);
        if (await isExecutableFile(candidate)) return candidate;
      }
      return null;
    };
    if (this.options.binary) return lookup(this.options.binary);
    return (await lookup('terraform')) ?? (await lookup('tofu'));
  }

  private childEnv(dir: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && PASSED_ENV.test(key) && !OVERRIDDEN_ENV.test(key)) env[key] = value;
    }
    return {
      ...env,
      ...this.options.env,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      // No call home to HashiCorp's version checkpoint from a server.
      CHECKPOINT_DISABLE: '1',
      TF_DATA_DIR: join(dir, '.terraform'),
    };
  }

  private timedOut(): Result<never> {
    return err(
      DomainError.upstream(
        `terraform did not finish within ${Math.round(this.timeoutMs / 1000)} s and was stopped`,
        'terraform_timeout',
      ),
    );
  }

  private run(
    binary: string,
    args: readonly string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
    deadline: number,
  ): Promise<RunOutcome> {
    return new Promise((resolvePromise, reject) => {
      // Its own process group, so a timeout also stops the provider plugins Terraform started.
      const child = spawn(binary, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let dropped = 0;
      let timedOut = false;
      const collect = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        if (output.length > 2 * MAX_OUTPUT_CHARS) {
          dropped += output.length - MAX_OUTPUT_CHARS;
          output = output.slice(-MAX_OUTPUT_CHARS);
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      const kill = (): void => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      };
      const timer = setTimeout(kill, Math.max(0, deadline - Date.now()));
      child.on('exit', () => {
        // A grandchild outside the group could hold the pipes open forever; stop waiting for it.
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, 2_000).unref();
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (output.length > MAX_OUTPUT_CHARS) {
          dropped += output.length - MAX_OUTPUT_CHARS;
          output = output.slice(-MAX_OUTPUT_CHARS);
        }
        const text = output.replace(ANSI, '');
        resolvePromise({
          code: code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0),
          output: dropped > 0 ? `[${dropped} characters of earlier output omitted]\n${text}` : text,
          timedOut,
        });
      });
    });
  }
}
