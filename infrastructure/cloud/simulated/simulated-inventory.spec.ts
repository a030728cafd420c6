import { type SimulatedResourceRecord } from './simulated-resource';
import { SIMULATION_EPOCH, generateInventory, seedTag } from './simulated-inventory';
import { simulatedPriceTable, GLOBAL_REGION, SIMULATED_REGIONS } from './price-table';

const openTo = (record: SimulatedResourceRecord, port: number) =>
  (record.config.ingress ?? []).some(
    (rule) => rule.cidr === '0.0.0.0/0' && rule.port <= port && port <= (rule.toPort ?? rule.port),
  );

/** Every risky configuration the threat rules and advisors look for, as a predicate over an inventory. */
const RISKS: Readonly<Record<string, (all: readonly SimulatedResourceRecord[]) => boolean>> = {
  'SSH open to the world': (all) => all.some((r) => openTo(r, 22)),
  'RDP open to the world': (all) => all.some((r) => openTo(r, 3389)),
  'a security group open on 22 and 3389': (all) =>
    all.some((r) => r.type === 'security_group' && openTo(r, 22) && openTo(r, 3389)),
  'a public bucket': (all) => all.some((r) => r.type === 'bucket' && r.config.publicAccess === true),
  'an unencrypted disk': (all) => all.some((r) => r.type === 'disk' && r.config.diskEncrypted === false),
  'a wildcard IAM statement': (all) =>
    all.some((r) =>
      (r.config.iamStatements ?? []).some(
        (s) => s.effect === 'Allow' && s.actions.includes('*') && s.resources.includes('*'),
      ),
    ),
  'an LLM endpoint and its vector DB in different regions': (all) =>
    all.some(
      (llm) =>
        llm.type === 'llm_endpoint' &&
        all.some((v) => v.type === 'vector_db' && v.tags.app === llm.tags.app && v.region !== llm.region),
    ),
  'an LLM endpoint and its vector DB in the same region': (all) =>
    all.some(
      (llm) =>
        llm.type === 'llm_endpoint' &&
        all.some((v) => v.type === 'vector_db' && v.tags.app === llm.tags.app && v.region === llm.region),
    ),
  'a prod VM with termination protection': (all) =>
    all.some((r) => r.type === 'vm' && r.tags.env === 'prod' && r.config.terminationProtection === true),
  'a prod VM without termination protection': (all) =>
    all.some((r) => r.type === 'vm' && r.tags.env === 'prod' && r.config.terminationProtection === false),
  'a prod resource missing its team and cost-center tags': (all) =>
    all.some((r) => r.tags.env === 'prod' && (!r.tags.team || !r.tags['cost-center'])),
  'a stopped VM': (all) => all.some((r) => r.type === 'vm' && r.history.at(-1)?.state === 'stopped'),
  'a VM idle enough to right-size': (all) =>
    all.some((r) => r.type === 'vm' && (r.config.cpuP95 ?? 100) < 20 && (r.config.memoryP95 ?? 100) < 40),
};

describe('simulated inventory', () => {
  it('gives the same seed a byte-identical inventory', () => {
    expect(JSON.stringify(generateInventory('demo', 40))).toBe(JSON.stringify(generateInventory('demo', 40)));
  });

  it('gives another seed another inventory, with other ids', () => {
    const demo = generateInventory('demo', 40);
    const acme = generateInventory('acme', 40);
    expect(JSON.stringify(acme)).not.toBe(JSON.stringify(demo));
    expect(acme[0]!.externalId).toBe(`sim-${seedTag('acme')}-vm-0001`);
    expect(acme.some((r, i) => r.region !== demo[i]!.region || r.name !== demo[i]!.name)).toBe(true);
  });

  it('extends a smaller inventory when the size grows, so existing ids stay put', () => {
    const small = generateInventory('demo', 40);
    expect(generateInventory('demo', 120).slice(0, 40)).toEqual(small);
  });

  describe.each(['demo', 'acme', 'x'])('at the default size with seed %s', (seed) => {
    const inventory = generateInventory(seed, 40);
    it.each(Object.keys(RISKS))('contains %s', (risk) => expect(RISKS[risk]!(inventory)).toBe(true));
  });

  it('names resources like people do and gives them stable, unique ids', () => {
    const inventory = generateInventory('demo', 40);
    const tag = seedTag('demo');
    for (const r of inventory)
      expect(r.externalId).toMatch(new RegExp(`^sim-${tag}-(vm|bkt|disk|db|llm|vdb|sg|iam)-\\d{4}$`));
    expect(new Set(inventory.map((r) => r.externalId)).size).toBe(inventory.length);
    expect(inventory.filter((r) => r.type === 'vm').map((r) => r.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[a-z][a-z-]*-\d{2}$/)]),
    );
    expect(inventory[0]!.name).toBe('bastion-01');
  });

  it('creates everything in the 400 days before the fixed epoch, whole seconds only', () => {
    const epoch = Date.parse(SIMULATION_EPOCH);
    for (const r of generateInventory('demo', 400)) {
      const created = Date.parse(r.createdAt);
      expect(epoch - created).toBeGreaterThanOrEqual(86_400_000);
      expect(epoch - created).toBeLessThanOrEqual(400 * 86_400_000);
      expect(created % 1000).toBe(0);
    }
  });

  it('spreads resources over every region, mostly running, tagged by environment', () => {
    const inventory = generateInventory('demo', 1_000);
    const regions = new Set(inventory.map((r) => r.region));
    expect([...regions].sort()).toEqual([...SIMULATED_REGIONS, GLOBAL_REGION].sort());
    const stopped = inventory.filter((r) => r.history.at(-1)!.state === 'stopped').length;
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(inventory.length * 0.25);
    expect(new Set(inventory.map((r) => r.tags.env))).toEqual(new Set(['prod', 'staging', 'dev']));
  });

  it('prices every size it generates', () => {
    const table = simulatedPriceTable();
    const known = new Set([...table.machines, ...table.storage].map((p) => `${p.type}:${p.size}`));
    for (const r of generateInventory('demo', 2_000)) {
      if (r.size !== null) expect(known).toContain(`${r.type}:${r.size}`);
    }
  });

  it('generates a 10,000-resource inventory with unique ids', () => {
    const inventory = generateInventory('big', 10_000);
    expect(inventory).toHaveLength(10_000);
    expect(new Set(inventory.map((r) => r.externalId)).size).toBe(10_000);
  });
});
