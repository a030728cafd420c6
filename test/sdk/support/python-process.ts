import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** sdk/python: the package root (cockpit_sdk/, tests/, examples/). */
export const PYTHON_SDK = join(__dirname, '..', '..', '..', 'sdk', 'python');

export interface PythonRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every stdout line that is a JSON object, in order. */
  readonly events: Record<string, any>[];
}

/**
 * Runs a Python script of the SDK with `python3 -W error` (the SDK must not warn), against `url`
 * with `apiKey`. `onEvent` sees each JSON line as it is printed (`onLine` every line), so a test can
 * act while the script waits (approve an approval, say).
 */
export function runPython(
  script: string,
  options: {
    url: string;
    apiKey: string;
    args?: string[];
    onEvent?: (event: Record<string, any>) => void | Promise<void>;
    onLine?: (line: string) => void | Promise<void>;
    timeoutMs?: number;
  },
): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-W', 'error', join(PYTHON_SDK, script), ...(options.args ?? [])], {
      cwd: PYTHON_SDK,
      env: {
        ...process.env,
        PYTHONPATH: PYTHON_SDK,
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONUNBUFFERED: '1',
        COCKPIT_URL: options.url,
        COCKPIT_API_KEY: options.apiKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: Record<string, any>[] = [];
    const pending: Promise<void>[] = [];
    let stdout = '';
    let stderr = '';
    let partial = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (options.onLine) pending.push(Promise.resolve(options.onLine(line)));
        let event: unknown;
        try {
          event = JSON.parse(line);
        } catch {
          continue; // not an event: plain output
        }
        if (!event || typeof event !== 'object') continue;
        events.push(event as Record<string, any>);
        if (options.onEvent) pending.push(Promise.resolve(options.onEvent(event as Record<string, any>)));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      Promise.all(pending).then(() => resolve({ code, stdout, stderr, events }), reject);
    });
  });
}
