/** What a step of an agent run is. `retrieval` and `custom` extend the seed's six kinds. */
export const STEP_KINDS = [
  'prompt',
  'model',
  'tool',
  'policy',
  'approval',
  'error',
  'retrieval',
  'custom',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const FINAL_RUN_STATUSES = ['succeeded', 'failed', 'cancelled'] as const;
export type FinalRunStatus = (typeof FINAL_RUN_STATUSES)[number];
