import { AgentDirectory } from '../../domain/agents/roster';
import { ok } from '../../domain/shared/result';
import { type Workflow, type WorkflowSpec } from '../../domain/workflows/workflow';
import { aProject } from '../../test/support/builders';
import { FakeClock } from '../../test/support/fakes/clock.fake';
import { FakeProjectRepository } from '../../test/support/fakes/project-repository.fake';
import {
  AGENTS_PROJECT,
  AGENTS_RUN,
  AGENTS_TENANT,
  FakeAppendSteps,
  FakeAuditLog,
  FakeCreateRun,
  FakeFinishRun,
  FakeWorkflows,
  aDeveloper,
} from '../../test/support/fakes/agents.fake';
import { type NodeRun, done } from '../workflows/node-handler';
import { ACTION_NAMES, type AgentAction, AgentActions } from './agent-actions';
import { agentTaskHandler } from './agent-task-handler';
import { DeterministicPlanner } from './deterministic-planner';
import { goalFinishedHook } from './goal-finished.hook';
import { StartGoalUseCase } from './start-goal.use-case';

/** Runs a started spec's nodes in dependency order, the way the DAG runner would. */
async function runSpec(spec: WorkflowSpec, handler: ReturnType<typeof agentTaskHandler>) {
  const outputs: Record<string, Record<string, unknown>> = {};
  const pending = [...spec.nodes];
  while (pending.length > 0) {
    const index = pending.findIndex((n) => n.needs.every((k) => k in outputs));
    const node = pending.splice(index, 1)[0] as (typeof pending)[number];
    const run: NodeRun = {
      tenantId: AGENTS_TENANT,
      workflowId: 'wf-1',
      workflow: {
        name: spec.name,
        kind: spec.kind,
        input: spec.input,
        projectId: spec.projectId,
        runId: spec.runId ?? null,
        startedBy: aDeveloper(),
      },
      node: {
        key: node.key,
        type: node.type,
        label: node.label ?? null,
        input: node.input,
        attempt: 1,
        state: null,
      },
      upstream: Object.fromEntries(node.needs.map((k) => [k, outputs[k] ?? {}])),
      idempotencyKey: `wf-1:${node.key}`,
      signal: new AbortController().signal,
    };
    const result = await handler(run);
    if (!result.ok || result.value.kind !== 'done') throw new Error(`node ${node.key} did not finish`);
    outputs[node.key] = result.value.output;
  }
  return outputs;
}

describe('a goal through the hierarchy', () => {
  it('"plan and execute wave 1": EPA plans, the L2s act in order, and the run tells it all', async () => {
    const performed: string[] = [];
    const stub = (name: string): AgentAction => ({
      name,
      description: name,
      risk: 'low',
      perform: async (ctx) => {
        performed.push(`${ctx.agent}:${name}`);
        return ok(done({ by: ctx.agent, upstream: Object.keys(ctx.run.upstream).sort() }));
      },
    });
    const actions = new AgentActions(Object.values(ACTION_NAMES).map(stub));
    const projects = new FakeProjectRepository();
    await projects.create(aProject(AGENTS_TENANT, { id: AGENTS_PROJECT }));
    const workflows = new FakeWorkflows();
    const steps = new FakeAppendSteps();
    const finish = new FakeFinishRun();
    const clock = new FakeClock();
    const agents = new AgentDirectory();
    const start = new StartGoalUseCase(
      new DeterministicPlanner(),
      agents,
      actions,
      workflows,
      new FakeCreateRun(),
      steps,
      finish,
      projects,
      clock,
    );
    const handler = agentTaskHandler({
      agents,
      actions,
      appendSteps: steps,
      audit: new FakeAuditLog(),
      clock,
    });

    const started = await start.execute(aDeveloper(), { goal: 'plan and execute wave 1', params: {} });
    if (!started.ok) throw new Error(started.error.message);
    const outputs = await runSpec(workflows.started[0] as WorkflowSpec, handler);
    await goalFinishedHook(
      steps,
      finish,
      clock,
    )({
      ...({} as Workflow),
      id: 'wf-1',
      status: 'succeeded',
      runId: AGENTS_RUN,
      startedBy: aDeveloper() as never,
      error: null,
      finishedAt: clock.now(),
    });

    expect(performed).toEqual([
      'RSA:migration.assess',
      'MVA:migration.plan_waves',
      'FIA:migration.tco',
      'MVA:migration.run_wave',
    ]);
    expect(outputs.run_wave).toEqual({ by: 'MVA', upstream: ['plan_waves', 'tco'] });
    expect(steps.stepsOf().map((s) => s.id)).toEqual([
      'epa:plan',
      'assess:delegate',
      'assess:a1:tool',
      'plan_waves:delegate',
      'plan_waves:a1:tool',
      'tco:delegate',
      'tco:a1:tool',
      'run_wave:delegate',
      'run_wave:a1:tool',
      'epa:outcome',
    ]);
    expect(finish.calls).toEqual([
      { runId: AGENTS_RUN, input: expect.objectContaining({ status: 'succeeded' }) },
    ]);
  });
});
