import { type FinalRunStatus } from '../../domain/runs/step-kind';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Workflow } from '../../domain/workflows/workflow';
import { type AppendStepsUseCase } from '../runs/append-steps.use-case';
import { type FinishRunUseCase } from '../runs/finish-run.use-case';
import { type TenantActor } from '../shared/actor';
import { type FinishedHook } from '../workflows/node-handler';
import { ORCHESTRATOR } from '../../domain/agents/roster';

const FINAL: Readonly<Record<string, FinalRunStatus>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/**
 * Registered with `NodeHandlers.onFinished('goal', …)`: when a goal's workflow ends, EPA records
 * the outcome and finishes the run with the same status, so the run's timeline is complete.
 */
export function goalFinishedHook(
  appendSteps: Pick<AppendStepsUseCase, 'execute'>,
  finishRun: Pick<FinishRunUseCase, 'execute'>,
  clock: Clock,
): FinishedHook {
  return async (workflow: Workflow) => {
    const status = FINAL[workflow.status];
    if (!status || !workflow.runId) return;
    // the runner stored who started the workflow; the run is finished on their behalf
    const actor = workflow.startedBy as unknown as TenantActor;
    const at = (workflow.finishedAt ?? clock.now()).toISOString();
    await appendSteps.execute(actor, workflow.runId, [
      {
        id: 'epa:outcome',
        kind: status === 'failed' ? 'error' : 'custom',
        name: `goal ${status}`,
        started_at: at,
        ended_at: at,
        output: { workflow_id: workflow.id, status: workflow.status },
        ...(workflow.error ? { error: workflow.error } : {}),
        metadata: { agent: ORCHESTRATOR },
      },
    ]);
    await finishRun.execute(actor, workflow.runId, { status, ended_at: at });
  };
}
