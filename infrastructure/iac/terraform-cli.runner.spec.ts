import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { exportTerraform } from '../../domain/cloud/iac/terraform-export';
import { aResource } from '../../test/support/cloud-builders';
import { failure, unwrap } from '../../test/support/results';
import { TerraformCliRunner, parsePlanSummary } from './terraform-cli.runner';

/**
 * A stand-in `terraform`: it logs each call (arguments, working directory, its mode, the files it
 * sees) and answers `plan` with whatever the test wants, so the real spawn path is exercised.
 */
async function fakeBinary(
  dir: string,
  name: string,
  plan: string,
  init = 'echo "Terraform has been successfully initialized!"',
): Promise<string> {
  const script = join(dir, name);
  await writeFile(
    script,
    [
      '#!/bin/sh',
      `log="${join(dir, 'calls.log')}"`,
      'echo "$* | $(pwd) | $(stat -c %a .) | $(ls | tr "\\n" " ") | ${TF_IN_AUTOMATION} | ${COCKPIT_SECRET:-none}" >> "$log"',
      'case "$1" in',
      `  version) echo "Warning: Unable to open CLI configuration file" >&2; echo "${name === 'tofu' ? 'OpenTofu v1.8.3' : 'Terraform v1.9.5'}"; echo "on linux_amd64" ;;`,
      `  init) ${init} ;;`,
      `  plan) ${plan} ;;`,
      'esac',
      '',
    ].join('\n'),
  );
  await chmod(script, 0o755);
  return script;
}

const calls = async (dir: string): Promise<string[][]> =>
  (await readFile(join(dir, 'calls.log'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => line.split(' | '));

describe('TerraformCliRunner', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cockpit-tf-spec-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    delete process.env.COCKPIT_SECRET;
  });

  it('reports terraform_not_found when neither binary is on PATH', async () => {
    const result = await new TerraformCliRunner({ path: '' }).plan({ 'main.tf': '' });
    expect(result).toEqual(failure('unavailable', 'terraform_not_found'));
    if (!result.ok)
      expect(result.error.message).toBe(
        'neither terraform nor tofu is on PATH; install one to run plan on the export',
      );
  });

  it('reports terraform_not_found when TERRAFORM_BINARY names no executable', async () => {
    const result = await new TerraformCliRunner({ binary: join(dir, 'missing') }).plan({});
    expect(result).toEqual(failure('unavailable', 'terraform_not_found'));
  });

  it('runs init then plan in a private temporary directory and parses the plan line', async () => {
    await fakeBinary(
      dir,
      'terraform',
      'printf "\\033[1mPlan:\\033[0m 1 to import, 2 to add, 0 to change, 1 to destroy.\\n"',
    );
    const plan = unwrap(
      await new TerraformCliRunner({ path: `${join(dir, 'nothing')}${delimiter}${dir}` }).plan({
        'main.tf': '# x\n',
        'variables.tf': '',
      }),
    );
    expect(plan).toEqual({
      tool: 'terraform',
      version: 'Terraform v1.9.5',
      exitCode: 0,
      output: 'Plan: 1 to import, 2 to add, 0 to change, 1 to destroy.\n',
      summary: { add: 2, change: 0, destroy: 1 },
    });
    const [version, init, planCall] = await calls(dir);
    expect(version[0]).toBe('version');
    expect(init[0]).toBe('init -backend=false -input=false -no-color');
    expect(planCall[0]).toBe('plan -input=false -no-color -lock=false');
    expect(planCall[2]).toBe('700');
    expect(planCall[3]).toBe('main.tf variables.tf ');
    expect(planCall[4]).toBe('1');
    expect(existsSync(planCall[1])).toBe(false);
  });

  it('does not hand its own environment secrets to terraform', async () => {
    process.env.COCKPIT_SECRET = 'hunter2';
    await fakeBinary(dir, 'terraform', 'echo "No changes. Your infrastructure matches the configuration."');
    const plan = unwrap(await new TerraformCliRunner({ path: dir }).plan({ 'main.tf': '' }));
    expect(plan.summary).toEqual({ add: 0, change: 0, destroy: 0 });
    expect((await calls(dir)).every((call) => call[5] === 'none')).toBe(true);
  });

  it('falls back to tofu and says so', async () => {
    await fakeBinary(dir, 'tofu', 'echo "Plan: 3 to add, 0 to change, 0 to destroy."');
    const plan = unwrap(await new TerraformCliRunner({ path: dir }).plan({ 'main.tf': '' }));
    expect(plan).toMatchObject({
      tool: 'tofu',
      version: 'OpenTofu v1.8.3',
      summary: { add: 3, change: 0, destroy: 0 },
    });
  });

  it('uses the TERRAFORM_BINARY override instead of searching PATH', async () => {
    const custom = await fakeBinary(
      dir,
      'terraform-1.9',
      'echo "Plan: 0 to add, 4 to change, 0 to destroy."',
    );
    const plan = unwrap(await new TerraformCliRunner({ binary: custom, path: '' }).plan({ 'main.tf': '' }));
    expect(plan.summary).toEqual({ add: 0, change: 4, destroy: 0 });
  });

  it('returns a failing init honestly, with its exit code and output and no summary', async () => {
    await fakeBinary(
      dir,
      'terraform',
      'echo unreachable',
      'echo "Error: Failed to query available provider packages" >&2; exit 1',
    );
    const plan = unwrap(await new TerraformCliRunner({ path: dir }).plan({ 'main.tf': '' }));
    expect(plan).toMatchObject({
      exitCode: 1,
      summary: null,
      output: 'Error: Failed to query available provider packages\n',
    });
    expect((await calls(dir)).map((c) => c[0].split(' ')[0])).toEqual(['version', 'init']);
  });

  it('gives no summary for a plan that fails', async () => {
    await fakeBinary(dir, 'terraform', 'echo "Error: No value for required variable"; exit 1');
    const plan = unwrap(await new TerraformCliRunner({ path: dir }).plan({ 'main.tf': '' }));
    expect(plan).toMatchObject({ exitCode: 1, summary: null });
    expect(plan.output).toContain('No value for required variable');
  });

  it('kills a run that outlives the timeout and still removes the directory', async () => {
    await fakeBinary(dir, 'terraform', 'echo "$(pwd)" > "' + join(dir, 'cwd') + '"; sleep 30');
    const result = await new TerraformCliRunner({ path: dir, timeoutMs: 1_000 }).plan({ 'main.tf': '' });
    expect(result).toEqual(failure('upstream', 'terraform_timeout'));
    const workDir = (await readFile(join(dir, 'cwd'), 'utf8')).trim();
    expect(existsSync(workDir)).toBe(false);
  });

  it('rejects file names that could leave the directory', async () => {
    await fakeBinary(dir, 'terraform', 'true');
    const result = await new TerraformCliRunner({ path: dir }).plan({ '../main.tf': '' });
    expect(result).toEqual(failure('validation'));
  });
});

describe('parsePlanSummary', () => {
  it.each([
    ['Plan: 1 to add, 2 to change, 3 to destroy.', { add: 1, change: 2, destroy: 3 }],
    ['Plan: 2 to import, 0 to add, 1 to change, 0 to destroy.', { add: 0, change: 1, destroy: 0 }],
    ['No changes. Your infrastructure matches the configuration.', { add: 0, change: 0, destroy: 0 }],
    ['Error: Invalid reference', null],
  ])('reads %j', (output, summary) => {
    expect(parsePlanSummary(output)).toEqual(summary);
  });
});

function realTerraform(): string | null {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v terraform || command -v tofu'], { encoding: 'utf8' }).trim() ||
      null
    );
  } catch {
    return null;
  }
}

// The simulated cloud exports to terraform_data, which is built in: a real binary plans it offline.
(realTerraform() ? describe : describe.skip)(
  'TerraformCliRunner with the real binary on this machine',
  () => {
    it('plans an export of simulated resources, escaping included', async () => {
      const { files } = exportTerraform(
        [
          aResource({ id: 'a', name: 'web', tags: { note: '${not.a.reference} %{ if x }' } }),
          aResource({ id: 'b', name: 'db' }),
        ],
        { syntax: 'hcl' },
      );
      const plan = unwrap(await new TerraformCliRunner().plan(files));
      expect(plan).toMatchObject({ exitCode: 0, summary: { add: 2, change: 0, destroy: 0 } });
      expect(plan.version).toMatch(/^(Terraform|OpenTofu) v\d/);
      expect(plan.output).toContain('"${not.a.reference} %{ if x }"');
    });

    it('plans the JSON syntax export too', async () => {
      const { files } = exportTerraform([aResource({ name: 'web' })], { syntax: 'json' });
      const plan = unwrap(await new TerraformCliRunner().plan(files));
      expect(plan).toMatchObject({ exitCode: 0, summary: { add: 1, change: 0, destroy: 0 } });
    });
  },
);
