import { type AgentAction } from '../agents/agent-actions';
import { type MigrationActionDeps } from './actions/action-support';
import { cutoverAction, cutoverGateAction } from './actions/cutover-actions';
import { executeWorkloadAction, rollbackWorkloadAction } from './actions/execute-actions';
import { runWaveAction } from './actions/run-wave-action';
import {
  assessAction,
  completeAction,
  planWaveAction,
  planWavesAction,
  tcoAction,
} from './actions/stage-actions';
import { validateAction } from './actions/validate-action';

export {
  DEFAULT_ACTION_SETTINGS,
  type MigrationActionDeps,
  type MigrationActionSettings,
} from './actions/action-support';

/** Every `migration.*` action the agents perform, for registration in AgentActions. */
export function migrationActions(deps: MigrationActionDeps): AgentAction[] {
  return [
    assessAction(deps),
    planWavesAction(deps),
    planWaveAction(deps),
    tcoAction(deps),
    runWaveAction(deps),
    executeWorkloadAction(deps),
    validateAction(deps),
    cutoverGateAction(deps),
    cutoverAction(deps),
    rollbackWorkloadAction(deps),
    completeAction(deps),
  ];
}
