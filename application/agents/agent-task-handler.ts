import { type Agent } from '../../domain/agents/agent.entity';
import { authorizeAction } from '../../domain/agents/authorize-action';
import { type AgentDirectory } from '../../domain/agents/roster';
import { spawnWorker } from '../../domain/agents/worker';
import { type AuditLog } from '../../domain/audit/ports/audit-log.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err } from '../../domain/shared/result';
import { type AppendStepsUseCase } from '../runs/append-steps.use-case';
import { auditActorOf } from '../shared/audit-actor';
import { type NodeHandler, type NodeOutcome } from '../workflows/node-handler';
import { type ActionContext, type AgentActions, type RecordedStep } from './agent-actions';
import { AgentTaskInput } from './agent-input';
import { taskStepIds } from './task-steps';

export const AGENT_TASK = 'agent.task';

export interface AgentTaskDeps {
  readonly agents: AgentDirectory;
  readonly actions: AgentActions;
  readonly appendSteps: Pick<AppendStepsUseCase, 'execute'>;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

const errorOf = (e: DomainError) => ({ code: e.code, message: e.message, reason: e.reason ?? null });

/**
 * Runs one delegated task: resolves the L2 (and its L1 worker when asked), checks the performer's
 * IAM grant, records the delegation and the action as steps of the workflow's run, and performs the
 * action as the workflow's starter. A denied call fails the node for good and is audited.
 */
export function agentTaskHandler(deps: AgentTaskDeps): NodeHandler {
  return async (run) => {
    const actor = run.workflow.startedBy;
    const ids = taskStepIds(run);
    const write = async (steps: Record<string, unknown>[]): Promise<void> => {
      if (!run.workflow.runId) return;
      // steps tell what happened; a run that refuses them must not undo the work itself
      await deps.appendSteps.execute(actor, run.workflow.runId, steps);
    };
    const parsed = AgentTaskInput.safeParse(run.node.input);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({
        path: `input.${i.path.join('.')}`,
        message: i.message,
      }));
      return err(DomainError.validation('invalid agent task input', fields));
    }
    const input = parsed.data;

    const performer = resolvePerformer(deps.agents, input.agent, input.action, input.worker, run.node.key);
    const allowed = performer.ok ? authorizeAction(performer.value, input.action) : performer;
    if (!allowed.ok) {
      const now = deps.clock.now();
      await write([
        {
          id: ids.denial,
          kind: 'error',
          name: `denied: ${input.agent} → ${input.action}`,
          tool: input.action,
          started_at: now.toISOString(),
          ended_at: now.toISOString(),
          input: { agent: input.agent, action: input.action, worker: input.worker, params: input.params },
          error: errorOf(allowed.error),
          metadata: { agent: input.agent, delegated_by: input.delegated_by },
        },
      ]);
      await deps.audit.append(run.tenantId, {
        action: 'agent.action_denied',
        actor: auditActorOf(actor),
        target: { type: 'agent', id: input.agent },
        data: {
          agent_action: input.action,
          reason: allowed.error.reason ?? null,
          worker: input.worker,
          delegated_by: input.delegated_by,
          workflow_id: run.workflowId,
          node_key: run.node.key,
          run_id: run.workflow.runId,
        },
        at: now,
      });
      return err(DomainError.forbidden(allowed.error.message, allowed.error.reason ?? 'agent_action_denied'));
    }
    const agent = allowed.value;

    const action = deps.actions.get(input.action);
    if (!action) {
      return err(
        new DomainError('unprocessable', `no action ${input.action} is registered`, 'unknown_action'),
      );
    }

    const chain = [input.delegated_by, input.agent, ...(agent.level === 'L1' ? [agent.code] : [])];
    const started = deps.clock.now();
    await write([
      {
        id: ids.delegation,
        kind: 'custom',
        name: `delegate: ${chain.join(' → ')}`,
        started_at: started.toISOString(),
        ended_at: started.toISOString(),
        input: {
          from: input.delegated_by,
          to: input.agent,
          worker: agent.level === 'L1' ? agent.code : null,
        },
        output: { action: input.action, permissions: [...agent.permissions] },
        metadata: {
          agent: agent.code,
          level: agent.level,
          workflow_id: run.workflowId,
          node_key: run.node.key,
        },
      },
    ]);

    const ctx: ActionContext = {
      run,
      actor,
      agent: agent.code,
      params: input.params,
      record: (step) => write([nestedStep(step, ids, agent, deps.clock.now())]),
    };
    let outcome: Result<NodeOutcome, DomainError>;
    try {
      outcome = await action.perform(ctx);
    } catch (thrown) {
      await write([toolStep(ids, agent, input, started, deps.clock.now(), { error: String(thrown) })]);
      throw thrown;
    }
    // a waiting action is called again later: its step is written once it has an outcome
    if (outcome.ok && outcome.value.kind === 'wait') return outcome;
    const ended = deps.clock.now();
    await write([
      toolStep(
        ids,
        agent,
        input,
        started,
        ended,
        outcome.ok && outcome.value.kind === 'done'
          ? { output: outcome.value.output }
          : { error: outcome.ok ? null : errorOf(outcome.error) },
      ),
    ]);
    return outcome;
  };
}

function resolvePerformer(
  agents: AgentDirectory,
  code: string,
  action: string,
  worker: boolean,
  taskKey: string,
): Result<Agent> {
  const l2 = agents.find(code);
  if (!l2) return err(DomainError.forbidden(`there is no agent ${code}`, 'unknown_agent'));
  if (l2.level !== 'L2') {
    return err(DomainError.forbidden(`${code} is ${l2.level}: only L2 agents take tasks`, 'not_l2'));
  }
  if (!worker) return { ok: true, value: l2 };
  return spawnWorker(l2, action, taskKey);
}

function toolStep(
  ids: ReturnType<typeof taskStepIds>,
  agent: Agent,
  input: AgentTaskInput,
  started: Date,
  ended: Date,
  result: { output?: unknown; error?: unknown },
): Record<string, unknown> {
  return {
    id: ids.tool,
    parent_id: ids.delegation,
    kind: 'tool',
    name: `${agent.code}: ${input.action}`,
    tool: input.action,
    started_at: started.toISOString(),
    ended_at: ended.toISOString(),
    input: input.params,
    ...(result.output !== undefined ? { output: result.output } : {}),
    ...(result.error !== undefined && result.error !== null ? { error: result.error } : {}),
    metadata: { agent: agent.code, level: agent.level },
  };
}

function nestedStep(
  step: RecordedStep,
  ids: ReturnType<typeof taskStepIds>,
  agent: Agent,
  at: Date,
): Record<string, unknown> {
  return {
    id: ids.nested(step.id),
    parent_id: ids.tool,
    kind: step.kind,
    name: step.name,
    ...(step.tool ? { tool: step.tool } : {}),
    started_at: at.toISOString(),
    ended_at: at.toISOString(),
    ...(step.input !== undefined ? { input: step.input } : {}),
    ...(step.output !== undefined ? { output: step.output } : {}),
    ...(step.error !== undefined ? { error: step.error } : {}),
    metadata: { agent: agent.code },
  };
}
