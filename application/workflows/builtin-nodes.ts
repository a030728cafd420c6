import { DomainError } from '../../domain/shared/domain-error';
import { err, ok } from '../../domain/shared/result';
import { type NodeHandlers, done } from './node-handler';

/** The longest a `delay` node may sleep: longer waits are a `wait` outcome, not a held slot. */
export const MAX_DELAY_MS = 10 * 60 * 1000;

/**
 * Node types every process knows: `noop` returns its input (pipelines, benches, joins) and
 * `delay` sleeps `{ms}` unless its signal fires first.
 */
export function registerBuiltinNodes(handlers: NodeHandlers): NodeHandlers {
  return handlers
    .register('noop', async (run) => ok(done(run.node.input)))
    .register('delay', async (run) => {
      const ms = run.node.input.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_DELAY_MS) {
        return err(DomainError.validation(`delay needs {ms} from 0 to ${MAX_DELAY_MS}`));
      }
      await sleep(ms, run.signal);
      return ok(done({ slept_ms: ms }));
    });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
