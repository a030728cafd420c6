import { Foundation1763900000000 } from './1763900000000-foundation';
import { CredentialHousekeeping1763900100000 } from './1763900100000-credential-housekeeping';
import { Runs1763900200000 } from './1763900200000-runs';
import { Governance1763900300000 } from './1763900300000-governance';
import { Cloud1763900400000 } from './1763900400000-cloud';

/** Every migration, in order. Schema changes happen only here; `synchronize` is never on. */
export const MIGRATIONS = [
  Foundation1763900000000,
  CredentialHousekeeping1763900100000,
  Runs1763900200000,
  Governance1763900300000,
  Cloud1763900400000,
];
