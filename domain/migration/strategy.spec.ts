import { scoreReadiness } from './readiness';
import { STRATEGIES, recommendStrategy } from './strategy';
import { type BusinessGoals, type WorkloadFacts } from './workload.entity';
import { someFacts } from './workload.fake';

const recommend = (facts: WorkloadFacts, goals?: BusinessGoals) =>
  recommendStrategy(facts, scoreReadiness(facts), goals);
const only = (goal: keyof BusinessGoals): BusinessGoals => ({
  speedOfMigration: 0,
  managedServices: 0,
  cloudNative: 0,
  licenseCostReduction: 0,
  [goal]: 1,
});

describe('recommendStrategy', () => {
  it.each([
    [
      'retain',
      someFacts({ os: 'z/OS 2.5', techStack: ['cobol', 'cics'], license: 'ibm-mips' }),
      'on premises',
    ],
    [
      'retire',
      someFacts({ criticality: 'low', utilization: { cpuP50: 1, cpuP95: 2, memP95: 10 } }),
      'decommission',
    ],
    ['repurchase', someFacts({ techStack: ['jira', 'tomcat'] }), 'Jira Cloud'],
    ['relocate', someFacts({ os: 'VMware ESXi 7 guest', techStack: [] }), 'VMware Cloud'],
    ['replatform', someFacts({ techStack: ['oracle'], license: 'oracle-ee' }), 'RDS for Oracle'],
  ])('recommends %s with its target service', (strategy, facts, service) => {
    const r = recommend(facts);
    expect(r.strategy).toBe(strategy);
    expect(r.targetService).toContain(service);
    expect(r.rationale.length).toBeGreaterThan(1);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(0.95);
  });

  it('lets the business goals choose between the possible strategies', () => {
    const app = someFacts({ techStack: ['java', 'spring-boot', 'tomcat'], criticality: 'high' });
    expect(recommend(app, only('speedOfMigration')).strategy).toBe('rehost');
    expect(recommend(app, only('cloudNative')).strategy).toBe('refactor');
    expect(recommend(app, only('managedServices')).strategy).toBe('replatform');
  });

  it('scores all seven Rs, best first', () => {
    const r = recommend(someFacts());
    expect(r.scores.map((s) => s.strategy).sort()).toEqual([...STRATEGIES].sort());
    expect(r.scores[0]?.strategy).toBe(r.strategy);
  });

  it('treats all-zero goal weights as equal weights', () => {
    const facts = someFacts({ techStack: ['postgres'] });
    const zero = { speedOfMigration: 0, managedServices: 0, cloudNative: 0, licenseCostReduction: 0 };
    expect(recommend(facts, zero)).toEqual(recommend(facts));
  });
});
