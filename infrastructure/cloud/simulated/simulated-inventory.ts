import { InventoryBuilder } from './inventory-builder';
import { type SimulatedResourceRecord } from './simulated-resource';

export { SIMULATION_EPOCH, seedTag } from './inventory-builder';

export const DEFAULT_SEED = 'demo';
export const DEFAULT_SIZE = 40;
export const MAX_SIZE = 20_000;

/**
 * The showcase leads every inventory so that, from size 13 on, each risky configuration the
 * threat rules and advisors look for appears at least once, whatever the seed.
 */
const SHOWCASE: readonly ((b: InventoryBuilder) => void)[] = [
  (b) =>
    b.vm({
      role: 'bastion',
      env: 'prod',
      region: 'sim-us-east',
      sshOpen: true,
      rdpOpen: false,
      stopped: false,
      terminationProtection: false,
      missingTags: false,
    }),
  (b) =>
    b.vm({
      role: 'win-jump',
      env: 'prod',
      region: 'sim-eu-west',
      sshOpen: false,
      rdpOpen: true,
      stopped: false,
      terminationProtection: true,
      missingTags: false,
    }),
  (b) =>
    b.vm({
      role: 'api',
      env: 'prod',
      size: 'gp.2xlarge',
      sshOpen: false,
      rdpOpen: false,
      stopped: false,
      missingTags: true,
      lowUtilization: true,
    }),
  (b) => b.vm({ role: 'batch', env: 'dev', stopped: true }),
  (b) => b.securityGroup({ purpose: 'legacy-admin', openAdmin: true }),
  (b) => b.bucket({ purpose: 'assets', publicAccess: true }),
  (b) => b.disk({ encrypted: false }),
  (b) => b.iamPolicy({ purpose: 'legacy-admin', wildcard: true }),
  // Two retrieval stacks: one whose model and vectors sit in different regions, one co-located.
  (b) => b.llmEndpoint({ app: 'support-bot', region: 'sim-us-east' }),
  (b) => b.vectorDb({ app: 'support-bot', region: 'sim-eu-west' }),
  (b) => b.llmEndpoint({ app: 'rag-search', region: 'sim-eu-central' }),
  (b) => b.vectorDb({ app: 'rag-search', region: 'sim-eu-central' }),
  (b) => b.database({ env: 'prod', app: 'orders' }),
];

/**
 * The inventory of one seed. Generation is sequential, so a larger size extends a smaller one:
 * the first 40 resources of size 100 are the 40 of size 40.
 */
export function generateInventory(seed: string, size: number): readonly SimulatedResourceRecord[] {
  const builder = new InventoryBuilder(seed);
  for (let i = 0; i < size; i++) {
    const showcase = SHOWCASE[i];
    if (showcase) showcase(builder);
    else builder.random();
  }
  return builder.records;
}
