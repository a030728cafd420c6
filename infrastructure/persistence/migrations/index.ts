import { Foundation1763900000000 } from './1763900000000-foundation';
import { CredentialHousekeeping1763900100000 } from './1763900100000-credential-housekeeping';
import { Runs1763900200000 } from './1763900200000-runs';
import { Governance1763900300000 } from './1763900300000-governance';
import { Cloud1763900400000 } from './1763900400000-cloud';
import { Workflows1763900500000 } from './1763900500000-workflows';
import { Migration1763900600000 } from './1763900600000-migration';
import { WorkflowContinuations1763900700000 } from './1763900700000-workflow-continuations';
import { StepsRunLock1763900800000 } from './1763900800000-steps-run-lock';
import { StepDiffDigests1763900900000 } from './1763900900000-step-diff-digests';

/** Every migration, in order. Schema changes happen only here; `synchronize` is never on. */
export const MIGRATIONS = [
  Foundation1763900000000,
  CredentialHousekeeping1763900100000,
  Runs1763900200000,
  Governance1763900300000,
  Cloud1763900400000,
  Workflows1763900500000,
  Migration1763900600000,
  WorkflowContinuations1763900700000,
  StepsRunLock1763900800000,
  StepDiffDigests1763900900000,
];
