import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

async function cruise(cwd: string, folders: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(DEPCRUISE, [...folders, '--config', CONFIG, '--output-type', 'err'], {
      cwd,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('the dependency rule (DESIGN.md), enforced by dependency-cruiser', () => {
  it('holds for the code base', async () => {
    const result = await cruise(ROOT, [
      'src',
      'domain',
      'application',
      'infrastructure',
      'presentation',
      'mcp-servers',
    ]);
    expect(result.output).not.toMatch(/error /);
    expect(result.code).toBe(0);
  });

  it('fails the build on every kind of forbidden import', async () => {
    const fixture = join(ROOT, 'test', 'fixtures', 'boundary-violation');
    const result = await cruise(fixture, [
      'src',
      'domain',
      'application',
      'infrastructure',
      'presentation',
      'mcp-servers',
    ]);
    expect(result.code).not.toBe(0);
    for (const rule of [
      'domain-is-pure',
      'application-imports-only-domain',
      'infrastructure-not-outward',
      'presentation-not-sideways',
      'mcp-servers-not-sideways',
      'only-src-is-the-root',
      'no-nest-or-typeorm-in-the-core',
      'contexts-keep-their-internals',
      'no-circular',
    ]) {
      expect({ rule, reported: result.output.includes(rule) }).toEqual({ rule, reported: true });
    }
  });
});
