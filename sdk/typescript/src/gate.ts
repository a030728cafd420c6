import { randomUUID } from 'node:crypto';
import type { Cockpit } from './client';
import {
  ApprovalTimeoutError,
  BlockedError,
  DeniedError,
  GateAbortedError,
  GateProtocolError,
} from './errors';
import { type ApprovalState, type Risk } from './governance-types';
import { sleep } from './http';
import { toJsonValue } from './json-value';
import { type Run } from './run';

export interface GateOptions<A = Record<string, unknown>> {
  /** The run the call belongs to (decision tokens are bound to it), or a function returning it. */
  readonly run: Run | (() => Run);
  /** The run's own client by default. */
  readonly cockpit?: Cockpit;
  /** Sent with the evaluation when set; an approval request always carries one ("medium" by default). */
  readonly risk?: Risk | string;
  /** What the approver reads; "Call <tool>" by default. */
  readonly summary?: string | ((args: A) => string);
  /** How long to wait for a human decision; default 10 minutes. */
  readonly timeoutMs?: number;
  /** Lifetime of the approval request on the server (`ttl_seconds`, at least 10); the server's default otherwise. */
  readonly approvalTtlSeconds?: number;
  /** Sent with the evaluation; the client's `agent`, else the run's name, else "agent". */
  readonly agent?: string;
  readonly environment?: string;
  /** Aborts every call of the gated function. */
  readonly signal?: AbortSignal;
  /** Parent step of the tool step. */
  readonly parentId?: string;
  /** Longest single long poll, in seconds (the server allows at most 30). */
  readonly pollWaitSeconds?: number;
}

export interface GateCallOptions {
  readonly signal?: AbortSignal;
  readonly parentId?: string;
  /** Id of the tool step (its policy step is `<id>:policy`); random by default. */
  readonly stepId?: string;
}

/** What the wrapped function receives besides its arguments. */
export interface GateContext {
  readonly decisionToken: string;
  readonly stepId: string;
  /** The approval that allowed the call, when one was needed. */
  readonly approvalId: string | null;
  readonly signal: AbortSignal | undefined;
}

export type GatedFunction<A, R> = (args: A, options?: GateCallOptions) => Promise<R>;

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * Wraps a tool so that every call is first evaluated by Cockpit's policies: `allow` runs it,
 * `block` throws BlockedError, `require_approval` asks a human and waits (DeniedError,
 * ApprovalTimeoutError). The tool only ever runs with a decision token, and its step is reported
 * with that token so the server can check that what ran is what was allowed. Failures to reach
 * Cockpit are thrown as well: the gate fails closed.
 */
export function hitlGate<A extends Record<string, unknown>, R>(
  toolName: string,
  fn: (args: A, context: GateContext) => R | Promise<R>,
  options: GateOptions<A>,
): GatedFunction<A, R> {
  return (args, callOptions = {}) =>
    gateCall(toolName, args, options, callOptions, (context) => fn(args, context));
}

/** @internal The gate for one call; `execute` runs the tool once a token is in hand. */
export async function gateCall<A, R>(
  tool: string,
  rawArgs: A,
  options: GateOptions<A>,
  callOptions: GateCallOptions,
  execute: (context: GateContext) => R | Promise<R>,
): Promise<R> {
  const run = typeof options.run === 'function' ? options.run() : options.run;
  const cockpit = options.cockpit ?? run.cockpit;
  const stepId = callOptions.stepId ?? `gate-${randomUUID()}`;
  const signals = [options.signal, callOptions.signal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  // What is evaluated, approved, hashed and reported: one JSON snapshot taken now.
  const args = toJsonValue(rawArgs);
  if (args === null || typeof args !== 'object' || Array.isArray(args))
    throw new TypeError(`the arguments of a gated call to ${tool} must be an object`);
  const argsObject = args as Record<string, unknown>;
  const aborted = () => new GateAbortedError(tool, stepId, signal?.reason);

  let token: string;
  let approvalId: string | null = null;
  try {
    if (signal?.aborted) throw aborted();
    const evaluation = await cockpit.evaluatePolicy(
      {
        agent: options.agent || cockpit.agent || run.name || 'agent',
        tool,
        arguments: argsObject,
        ...(options.risk !== undefined ? { risk: options.risk } : {}),
        ...((options.environment ?? cockpit.environment) !== undefined
          ? { environment: options.environment ?? cockpit.environment }
          : {}),
        run_id: run.id,
        step_id: stepId,
        issue_token: true,
      },
      { signal },
    );
    switch (evaluation.decision) {
      case 'allow':
        if (!evaluation.decision_token)
          throw new GateProtocolError(`the server allowed ${tool} without a decision token`, tool, stepId);
        token = evaluation.decision_token;
        break;
      case 'block':
        throw new BlockedError(tool, stepId, evaluation.reasons ?? [], evaluation.policy_version);
      case 'require_approval': {
        const summary =
          typeof options.summary === 'function'
            ? options.summary(rawArgs)
            : (options.summary ?? `Call ${tool}`);
        const created = await cockpit.createApproval(
          {
            run_id: run.id,
            step_id: stepId,
            tool,
            arguments: argsObject,
            risk: options.risk ?? 'medium',
            summary,
            ...(options.approvalTtlSeconds !== undefined ? { ttl_seconds: options.approvalTtlSeconds } : {}),
          },
          { signal },
        );
        approvalId = created.id;
        token = await awaitDecision(cockpit, tool, stepId, created, options, signal);
        break;
      }
      default:
        throw new GateProtocolError(
          `unknown policy decision ${JSON.stringify(evaluation.decision)} for ${tool}`,
          tool,
          stepId,
        );
    }
  } catch (error) {
    if (signal?.aborted && !(error instanceof GateAbortedError)) throw aborted();
    throw error;
  }
  if (signal?.aborted) throw aborted();

  const startedAt = new Date();
  const step = {
    id: stepId,
    kind: 'tool' as const,
    name: tool,
    tool,
    input: argsObject,
    decisionToken: token,
  };
  const parentId = callOptions.parentId ?? options.parentId;
  try {
    const output = await execute({ decisionToken: token, stepId, approvalId, signal });
    run.step({ ...step, parentId, output, startedAt, endedAt: new Date() });
    return output;
  } catch (error) {
    run.step({ ...step, parentId, error, startedAt, endedAt: new Date() });
    throw error;
  }
}

/** Long-polls the approval until it is decided, expires, or the gate's own timeout passes. */
async function awaitDecision<A>(
  cockpit: Cockpit,
  tool: string,
  stepId: string,
  created: ApprovalState,
  options: GateOptions<A>,
  signal: AbortSignal | undefined,
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pollWait = Math.min(30, Math.max(1, options.pollWaitSeconds ?? 30));
  const deadline = Date.now() + timeoutMs;
  let state = created;
  while (state.status === 'pending') {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new ApprovalTimeoutError(tool, stepId, created.id, timeoutMs, false);
    const waitSeconds = Math.min(pollWait, Math.ceil(remaining / 1000));
    const askedAt = Date.now();
    state = await cockpit.getApproval(created.id, { waitSeconds, signal });
    // A server that answers a long poll at once must not turn this loop into a busy one.
    const early = waitSeconds * 1000 - (Date.now() - askedAt);
    if (state.status === 'pending' && early > 500)
      await sleep(Math.min(1000, early, Math.max(0, deadline - Date.now())), signal);
  }
  switch (state.status) {
    case 'approved':
      if (!state.decision_token)
        throw new GateProtocolError(`the approval of ${tool} carries no decision token`, tool, stepId);
      return state.decision_token;
    case 'denied':
      throw new DeniedError(tool, stepId, created.id, state.reason ?? null, state.decided_by);
    case 'expired':
      throw new ApprovalTimeoutError(tool, stepId, created.id, timeoutMs, true);
    default:
      throw new GateProtocolError(`unknown approval status ${JSON.stringify(state.status)}`, tool, stepId);
  }
}
