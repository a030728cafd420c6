import { type GateOptions, gateCall } from '../gate';
import { type CockpitCallbackHandler } from './callback-handler';

/** Marks a tool wrapped by `gateTool`: the gate reports its step, so the handler does not. */
export const GATED_METADATA_KEY = 'cockpit_gated';

export interface GateToolOptions extends Omit<GateOptions, 'parentId'> {
  /** The handler tracing the same invocation: gated steps then nest under the right parent. */
  readonly tracer?: CockpitCallbackHandler;
}

interface ToolRunManagerLike {
  readonly runId?: string;
  readonly parentRunId?: string;
}

type ToolCall = (arg: unknown, runManager?: ToolRunManagerLike, config?: { signal?: AbortSignal }) => unknown;

/**
 * A LangChain tool (a `StructuredTool` subclass or the result of `tool()`) whose every invocation
 * goes through `hitlGate` first. The returned object delegates everything else to the original, so
 * it can be bound to a model or put in a LangGraph ToolNode like the original. A string-input tool's
 * arguments are evaluated as `{input: <string>}`.
 */
export function gateTool<T extends object>(tool: T, options: GateToolOptions): T {
  const original = (tool as { _call?: unknown })._call;
  const name = (tool as { name?: unknown }).name;
  if (typeof original !== 'function' || typeof name !== 'string')
    throw new TypeError('gateTool expects a LangChain tool (StructuredTool or tool())');
  const { tracer, ...gateOptions } = options;
  const gated = Object.create(tool) as T & { _call: ToolCall; metadata: Record<string, unknown> };
  const metadata = (tool as { metadata?: Record<string, unknown> }).metadata;
  gated.metadata = { ...metadata, [GATED_METADATA_KEY]: true };
  gated._call = function (this: unknown, arg, runManager, config) {
    const args: Record<string, unknown> =
      arg !== null && typeof arg === 'object' && !Array.isArray(arg)
        ? (arg as Record<string, unknown>)
        : { input: arg };
    const parentRunId = runManager?.parentRunId;
    return gateCall(
      name,
      args,
      gateOptions,
      {
        stepId: runManager?.runId ? `lc:${runManager.runId}` : undefined,
        parentId: tracer ? tracer.stepIdFor(parentRunId) : parentRunId ? `lc:${parentRunId}` : undefined,
        signal: config?.signal,
      },
      () => (original as ToolCall).call(this, arg, runManager, config),
    );
  };
  return gated;
}
